/**
 * The meeting's section editors by section, so a control outside a section
 * (such as "Use a model") can write into it. Writing goes through the
 * section's own Lexical editor, so it is an ordinary edit: the collaboration
 * binding turns it into a Yjs update, it is saved like typing, and the partner
 * sees it live.
 */
import { $createListItemNode, $createListNode } from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createParagraphNode, $createTextNode, $getRoot, $isParagraphNode, type LexicalEditor } from 'lexical';
import { createContext, useContext, useEffect } from 'react';
import type { ModelBlock } from '../../../shared/models.js';
import type { SectionId } from '../../../shared/sections.js';

export type SectionEditors = Map<SectionId, LexicalEditor>;

export const SectionEditorsContext = createContext<SectionEditors | null>(null);

export function useSectionEditors(): SectionEditors | null {
  return useContext(SectionEditorsContext);
}

/** Registers this section's editor while it is mounted. */
export function RegisterSectionEditor({ sectionId }: { sectionId: SectionId }) {
  const [editor] = useLexicalComposerContext();
  const editors = useSectionEditors();
  useEffect(() => {
    if (!editors) return;
    editors.set(sectionId, editor);
    return () => {
      if (editors.get(sectionId) === editor) editors.delete(sectionId);
    };
  }, [editors, sectionId, editor]);
  return null;
}

/**
 * Adds `blocks` at the end of a section: each a bold heading paragraph and its lines as a bulleted list.
 * A section holding only an empty paragraph is written into rather than after it.
 */
export function appendBlocks(editor: LexicalEditor, blocks: readonly ModelBlock[]): Promise<void> {
  return new Promise((resolve) => {
    editor.update(
      () => {
        const root = $getRoot();
        const only = root.getChildrenSize() === 1 ? root.getFirstChild() : null;
        if ($isParagraphNode(only) && only.getTextContent().trim() === '') only.remove();
        for (const block of blocks) {
          const heading = $createParagraphNode().append($createTextNode(block.heading).toggleFormat('bold'));
          const list = $createListNode('bullet');
          for (const line of block.lines) list.append($createListItemNode().append($createTextNode(line)));
          root.append(heading, list);
        }
      },
      { onUpdate: resolve },
    );
  });
}
