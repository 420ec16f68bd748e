/**
 * A section holding something the editors cannot draw (stored before the server
 * checked, or kept in a device's offline copy) is shown as plain text, and
 * typing into it keeps working: headless editors with the meeting page's nodes,
 * bound as the page binds them, behind the drawable view (drawableView.ts).
 * The view writes nothing; what the person types is what the server accepts.
 */
import { createHeadlessEditor } from '@lexical/headless';
import { ListItemNode, ListNode } from '@lexical/list';
import { createYjsBinding, syncLexicalUpdateToYjs, syncYjsChangesToLexical } from '@lexical/yjs';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  type LexicalEditor,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { keepSectionsDrawable } from '../../client/src/editor/drawableView.js';
import { UndrawableNode } from '../../client/src/editor/UndrawableNode.js';
import { checkRenderable } from '../../server/collab/updates/updateContent.js';
import { SECTIONS } from '../../shared/sections.js';
import { localProvider } from '../helpers/lexicalDoc.js';

const SECTION_IDS = SECTIONS.map((s) => s.id);

/** A headless editor on section `goal` of `doc`, with the page's nodes; errors are collected, not thrown. */
function goalEditor(doc: Y.Doc, errors: unknown[]): LexicalEditor {
  const editor = createHeadlessEditor({
    namespace: 'test-goal',
    nodes: [ListNode, ListItemNode, UndrawableNode],
    onError: (error) => {
      errors.push(error);
    },
  });
  const provider = localProvider();
  const binding = createYjsBinding({
    editor,
    id: 'goal',
    doc,
    docMap: new Map([['goal', doc]]),
    excludedProperties: new Map(),
    rootName: 'goal',
  });
  editor.registerUpdateListener(
    ({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
      if (tags.has('collaboration') || tags.has('historic')) return;
      syncLexicalUpdateToYjs(
        binding,
        provider,
        prevEditorState,
        editorState,
        dirtyElements,
        dirtyLeaves,
        normalizedNodes,
        tags,
      );
    },
  );
  binding.root.getSharedType().observeDeep((events, transaction) => {
    if (transaction.origin === binding) return;
    try {
      syncYjsChangesToLexical(binding, provider, events as never, false);
    } catch (error) {
      errors.push(error);
    }
  });
  return editor;
}

/** One update that builds content in section `goal` (as a client with no checks could have stored it). */
function craft(build: (goal: Y.XmlText) => void): Uint8Array {
  const doc = new Y.Doc();
  let update: Uint8Array | null = null;
  doc.on('update', (u: Uint8Array) => (update = u));
  doc.transact(() => build(doc.get('goal', Y.XmlText)));
  return update as unknown as Uint8Array;
}

function textLeaf(type: unknown = 'text'): Y.Map<unknown> {
  const leaf = new Y.Map<unknown>();
  if (type !== undefined) leaf.set('__type', type);
  leaf.set('__format', 0);
  leaf.set('__style', '');
  leaf.set('__mode', 0);
  leaf.set('__detail', 0);
  return leaf;
}

/** An element node of `type` (none when undefined) holding one text node with `words`. */
function element(type: unknown, words: string): Y.XmlText {
  const node = new Y.XmlText();
  if (type !== undefined) node.setAttribute('__type', type as string);
  node.insertEmbed(0, textLeaf());
  node.insert(1, words);
  return node;
}

function paragraphWithLeaf(leafType: unknown, words: string): Y.XmlText {
  const paragraph = new Y.XmlText();
  paragraph.setAttribute('__type', 'paragraph');
  paragraph.insertEmbed(0, textLeaf(leafType));
  paragraph.insert(1, words);
  return paragraph;
}

const UNDRAWABLE: Array<[string, Uint8Array]> = [
  ['an unregistered element type', craft((goal) => goal.insertEmbed(0, element('youtube', 'Partner wrote this.')))],
  ['a numeric element type', craft((goal) => goal.insertEmbed(0, element(7, 'Partner wrote this.')))],
  ['an element with no type', craft((goal) => goal.insertEmbed(0, element(undefined, 'Partner wrote this.')))],
  ['a leaf type as an element', craft((goal) => goal.insertEmbed(0, element('text', 'Partner wrote this.')))],
  [
    'an unregistered leaf type',
    craft((goal) => goal.insertEmbed(0, paragraphWithLeaf('mention', 'Partner wrote this.'))),
  ],
  ['a numeric leaf type', craft((goal) => goal.insertEmbed(0, paragraphWithLeaf(3, 'Partner wrote this.')))],
  ['a leaf with no type', craft((goal) => goal.insertEmbed(0, paragraphWithLeaf(undefined, 'Partner wrote this.')))],
  [
    'a decorator element',
    craft((goal) => {
      const image = new Y.XmlElement('img');
      image.setAttribute('__type', 'image');
      goal.insertEmbed(0, image);
      const caption = new Y.XmlText();
      image.insert(0, [caption]);
      caption.insert(0, 'Partner wrote this.');
      goal.insertEmbed(1, element('paragraph', ''));
    }),
  ],
  [
    'properties of the wrong type, and unknown ones',
    craft((goal) => {
      const list = new Y.XmlText();
      list.setAttribute('__type', 'list');
      list.setAttribute('__tag', 'not a tag');
      list.setAttribute('__listType', 7 as never);
      list.setAttribute('__proto__', { polluted: true } as never);
      list.setAttribute('__slots', 'x');
      goal.insertEmbed(0, list);
      const item = element('listitem', 'Partner wrote this.');
      item.setAttribute('__indent', 'deep');
      list.insertEmbed(0, item);
    }),
  ],
];

/** Puts the caret at the end of the section and types `words`, as a person would. */
function typeAtEnd(editor: LexicalEditor, words: string): void {
  editor.update(
    () => {
      $getRoot().selectEnd();
      const selection = $getSelection();
      if ($isRangeSelection(selection)) selection.insertText(words);
    },
    { discrete: true },
  );
}

/** Resolves once the editor has committed what the binding drew (Lexical commits on a microtask). */
function drawn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function textOf(editor: LexicalEditor): string {
  return editor.getEditorState().read(() => $getRoot().getTextContent());
}

describe('a section with content the editors cannot draw', () => {
  // What these do without the view: the binding throws and the typing goes nowhere the partner can see.
  // (A leaf with no type is skipped, which only misplaces later edits; odd property values break only
  // when they reach the DOM, which a headless editor does not build.)
  it.each(UNDRAWABLE.filter(([what]) => !/no type|properties/.test(what) || what.startsWith('an element')))(
    'without the view, %s breaks the section',
    async (_what, update) => {
      const doc = new Y.Doc();
      const errors: unknown[] = [];
      const editor = goalEditor(doc, errors);
      Y.applyUpdate(doc, update, 'remote');
      await drawn();
      typeAtEnd(editor, ' And mine.');
      await drawn();
      const broken = errors.length > 0 || !textOf(editor).includes('Partner wrote this.');
      expect(broken).toBe(true);
    },
  );

  it.each(UNDRAWABLE)('with the view, %s shows as text and takes typing the server accepts', async (_what, update) => {
    const doc = new Y.Doc();
    keepSectionsDrawable(doc, SECTION_IDS);
    const errors: unknown[] = [];
    const editor = goalEditor(doc, errors);
    const written: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== 'remote') written.push(u);
    });

    const server = new Y.Doc();
    Y.applyUpdate(server, update);
    Y.applyUpdate(doc, update, 'remote');
    await drawn();
    expect(errors).toEqual([]);
    expect(textOf(editor)).toContain('Partner wrote this.');
    // Showing it wrote nothing.
    expect(written).toEqual([]);

    typeAtEnd(editor, ' And mine.');
    expect(errors).toEqual([]);
    expect(textOf(editor)).toContain('And mine.');
    expect(written.length).toBeGreaterThan(0);
    // What typing wrote is what the server stores.
    for (const u of written) {
      expect(() => checkRenderable(Y.decodeUpdate(u), server)).not.toThrow();
      Y.applyUpdate(server, u);
    }
    // And a partner opening the meeting now sees both.
    const partnerDoc = new Y.Doc();
    keepSectionsDrawable(partnerDoc, SECTION_IDS);
    const partnerErrors: unknown[] = [];
    const partner = goalEditor(partnerDoc, partnerErrors);
    Y.applyUpdate(partnerDoc, Y.encodeStateAsUpdate(server), 'remote');
    await drawn();
    expect(partnerErrors).toEqual([]);
    expect(textOf(partner)).toContain('Partner wrote this.');
    expect(textOf(partner)).toContain('And mine.');
  });

  it('keeps a drawn node as it was drawn when its type is overwritten later', async () => {
    const doc = new Y.Doc();
    keepSectionsDrawable(doc, SECTION_IDS);
    const errors: unknown[] = [];
    const editor = goalEditor(doc, errors);
    editor.update(() => $getRoot().append($createParagraphNode().append($createTextNode('Agreed.'))), {
      discrete: true,
    });
    // A partner (before the server checked) turns the paragraph into something else.
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    const paragraph = remote.get('goal', Y.XmlText).toDelta()[0].insert as Y.XmlText;
    remote.on('update', (u: Uint8Array) => Y.applyUpdate(doc, u, 'remote'));
    paragraph.setAttribute('__type', 'list');
    await drawn();
    paragraph.setAttribute('__type', 'youtube');
    await drawn();
    expect(errors).toEqual([]);
    typeAtEnd(editor, ' Still.');
    expect(errors).toEqual([]);
    expect(textOf(editor)).toBe('Agreed. Still.');
    expect(editor.getEditorState().read(() => $getRoot().getFirstChildOrThrow().getType())).toBe('paragraph');
  });

  it('leaves the other sections alone', () => {
    const doc = new Y.Doc();
    keepSectionsDrawable(doc, SECTION_IDS);
    const other = doc.get('notes-of-another-kind', Y.Map);
    other.set('__type', 7);
    expect(other.get('__type')).toBe(7);
    const goal = doc.get('goal', Y.XmlText);
    goal.insertEmbed(0, element('youtube', 'x'));
    const node = goal.toDelta()[0].insert as Y.XmlText;
    expect(node.getAttribute('__type')).toBe('paragraph');
    expect(node.toJSON()).toContain('x');
  });
});
