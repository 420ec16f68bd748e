/**
 * Headless Lexical editors bound to sections of a Y.Doc through `rootName`, as
 * the meeting page binds its editors, so tests can write a document exactly
 * as Lexical's Yjs binding would (blocks, formats, lists, line breaks).
 */
import { createHeadlessEditor } from '@lexical/headless';
import { ListItemNode, ListNode } from '@lexical/list';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { createYjsBinding, syncLexicalUpdateToYjs, syncYjsChangesToLexical, type Provider } from '@lexical/yjs';
import type { LexicalEditor } from 'lexical';
import type * as Y from 'yjs';
import type { SectionId } from '../../shared/sections.js';

/** The in-memory stand-in for a provider: no network, no cursors (as Lexical's own TestConnection). */
export function localProvider(): Provider {
  const awareness = {
    getLocalState: () => null,
    getStates: () => new Map(),
    setLocalState: () => undefined,
    setLocalStateField: () => undefined,
    on: () => undefined,
    off: () => undefined,
  };
  return {
    awareness,
    connect: () => undefined,
    disconnect: () => undefined,
    on: () => undefined,
    off: () => undefined,
  } as unknown as Provider;
}

/**
 * A headless editor writing into section `section` of `doc`. Changes made with
 * `editor.update(..., { discrete: true })` are in the Y.Doc when it returns.
 */
export function sectionEditor(doc: Y.Doc, section: SectionId): LexicalEditor {
  const editor = createHeadlessEditor({
    namespace: `test-${section}`,
    nodes: [HeadingNode, QuoteNode, ListNode, ListItemNode],
    onError: (err) => {
      throw err;
    },
  });
  const provider = localProvider();
  const binding = createYjsBinding({
    editor,
    id: section,
    doc,
    docMap: new Map([[section, doc]]),
    excludedProperties: new Map(),
    rootName: section,
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
    if (transaction.origin !== binding) syncYjsChangesToLexical(binding, provider, events as never, false);
  });
  return editor;
}
