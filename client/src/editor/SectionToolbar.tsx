/**
 * Formatting for one section: bold, italic, bulleted and numbered lists, undo
 * and redo. A WAI-ARIA toolbar: one Tab stop, arrow keys move between buttons,
 * and each toggle reports its state with aria-pressed.
 */
import {
  $isListNode,
  INSERT_ORDERED_LIST_COMMAND,
  INSERT_UNORDERED_LIST_COMMAND,
  ListNode,
  REMOVE_LIST_COMMAND,
} from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getNearestNodeOfType, mergeRegister } from '@lexical/utils';
import {
  $getSelection,
  $isRangeSelection,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  FORMAT_TEXT_COMMAND,
  REDO_COMMAND,
  UNDO_COMMAND,
} from 'lexical';
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { BoldIcon, BulletListIcon, ItalicIcon, NumberedListIcon, RedoIcon, UndoIcon } from './icons.js';

interface FormatState {
  bold: boolean;
  italic: boolean;
  list: 'bullet' | 'number' | null;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl+';

export function SectionToolbar({ sectionTitle }: { sectionTitle: string }) {
  const [editor] = useLexicalComposerContext();
  const [format, setFormat] = useState<FormatState>({ bold: false, italic: false, list: null });
  const [canUndo, setCanUndo] = useState(false);
  const [canRedo, setCanRedo] = useState(false);
  const [active, setActive] = useState(0);
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);

  useEffect(() => {
    const readFormat = () => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      const anchor = selection.anchor.getNode();
      const list = $getNearestNodeOfType(anchor, ListNode);
      const listType = $isListNode(list) ? list.getListType() : null;
      setFormat({
        bold: selection.hasFormat('bold'),
        italic: selection.hasFormat('italic'),
        list: listType === 'bullet' || listType === 'number' ? listType : null,
      });
    };
    return mergeRegister(
      editor.registerUpdateListener(({ editorState }) => editorState.read(readFormat)),
      editor.registerCommand(
        CAN_UNDO_COMMAND,
        (payload) => {
          setCanUndo(payload);
          return false;
        },
        COMMAND_PRIORITY_LOW,
      ),
      editor.registerCommand(
        CAN_REDO_COMMAND,
        (payload) => {
          setCanRedo(payload);
          return false;
        },
        COMMAND_PRIORITY_LOW,
      ),
    );
  }, [editor]);

  const toggleList = (type: 'bullet' | 'number') => {
    if (format.list === type) editor.dispatchCommand(REMOVE_LIST_COMMAND, undefined);
    else
      editor.dispatchCommand(
        type === 'bullet' ? INSERT_UNORDERED_LIST_COMMAND : INSERT_ORDERED_LIST_COMMAND,
        undefined,
      );
  };

  const items: Array<{
    label: string;
    shortcut?: string;
    icon: ReactNode;
    pressed?: boolean;
    disabled?: boolean;
    run: () => void;
    groupEnd?: boolean;
  }> = [
    {
      label: 'Bold',
      shortcut: `${mod}B`,
      icon: <BoldIcon />,
      pressed: format.bold,
      run: () => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'bold'),
    },
    {
      label: 'Italic',
      shortcut: `${mod}I`,
      icon: <ItalicIcon />,
      pressed: format.italic,
      run: () => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'italic'),
      groupEnd: true,
    },
    {
      label: 'Bulleted list',
      icon: <BulletListIcon />,
      pressed: format.list === 'bullet',
      run: () => toggleList('bullet'),
    },
    {
      label: 'Numbered list',
      icon: <NumberedListIcon />,
      pressed: format.list === 'number',
      run: () => toggleList('number'),
      groupEnd: true,
    },
    {
      label: 'Undo',
      shortcut: `${mod}Z`,
      icon: <UndoIcon />,
      disabled: !canUndo,
      run: () => editor.dispatchCommand(UNDO_COMMAND, undefined),
    },
    {
      label: 'Redo',
      shortcut: isMac ? '⇧⌘Z' : 'Ctrl+Y',
      icon: <RedoIcon />,
      disabled: !canRedo,
      run: () => editor.dispatchCommand(REDO_COMMAND, undefined),
    },
  ];

  const move = (to: number) => {
    const next = (to + items.length) % items.length;
    setActive(next);
    buttons.current[next]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'ArrowRight') move(active + 1);
    else if (event.key === 'ArrowLeft') move(active - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(items.length - 1);
    else return;
    event.preventDefault();
  };

  return (
    <div className="toolbar" role="toolbar" aria-label={`${sectionTitle}: formatting`} onKeyDown={onKeyDown}>
      {items.map((item, index) => (
        <button
          key={item.label}
          ref={(el) => {
            buttons.current[index] = el;
          }}
          type="button"
          className={`toolbar-button${item.groupEnd ? ' toolbar-button--group-end' : ''}`}
          tabIndex={index === active ? 0 : -1}
          aria-label={item.label}
          title={item.shortcut ? `${item.label} (${item.shortcut})` : item.label}
          aria-pressed={item.pressed}
          aria-disabled={item.disabled || undefined}
          // Keep the caret in the text when the button is clicked with a mouse.
          onMouseDown={(event) => event.preventDefault()}
          onFocus={() => setActive(index)}
          onClick={() => {
            if (item.disabled) return;
            item.run();
            // Return to the text so typing carries on where it was, as in a word processor.
            if (item.pressed !== undefined) editor.focus();
          }}
        >
          {item.icon}
        </button>
      ))}
    </div>
  );
}
