/**
 * Five headless Lexical editors per person, each bound to its section of ONE
 * Y.Doc through `rootName`, as the meeting page does. Two people edit
 * concurrently (same and different sections, with updates delivered late and
 * out of order); every editor and the Yjs text converge.
 */
import { createHeadlessEditor } from '@lexical/headless';
import { $createListItemNode, $createListNode, ListItemNode, ListNode } from '@lexical/list';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { createYjsBinding, syncLexicalUpdateToYjs, syncYjsChangesToLexical } from '@lexical/yjs';
import { $createParagraphNode, $createTextNode, $getRoot, type LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sectionText } from '../../shared/docText.js';
import { SECTION_IDS, type SectionId } from '../../shared/sections.js';
import { localProvider } from '../helpers/lexicalDoc.js';

interface Person {
  doc: Y.Doc;
  editors: Record<SectionId, LexicalEditor>;
  outbox: Uint8Array[];
}

function person(name: string): Person {
  const doc = new Y.Doc();
  const outbox: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') outbox.push(update);
  });
  const editors = {} as Record<SectionId, LexicalEditor>;
  for (const section of SECTION_IDS) {
    const editor = createHeadlessEditor({
      namespace: `${name}-${section}`,
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
    editors[section] = editor;
  }
  return { doc, editors, outbox };
}

/** Delivers everything queued, in reverse order, so updates arrive late and out of order. */
function deliver(from: Person, to: Person): void {
  const updates = from.outbox.splice(0).reverse();
  for (const u of updates) Y.applyUpdate(to.doc, u, 'remote');
}

/** Lets Lexical commit the updates it scheduled. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function type(editor: LexicalEditor, words: string): void {
  editor.update(
    () => {
      const paragraph = $createParagraphNode();
      paragraph.append($createTextNode(words));
      $getRoot().append(paragraph);
    },
    { discrete: true },
  );
}

function text(editor: LexicalEditor): string {
  return editor.getEditorState().read(() => $getRoot().getTextContent());
}

describe('five section editors on one Y.Doc', () => {
  it('converge under concurrent edits in the same and different sections', async () => {
    const coach = person('coach');
    const teacher = person('teacher');

    type(coach.editors.currentReality, 'Six hands went up in thirty minutes');
    type(teacher.editors.goal, 'Every student explains one step of their reasoning');
    type(coach.editors.actionStep, 'Use the three-step prompt before helping');
    type(teacher.editors.actionStep, 'Check in on Friday');
    coach.editors.practicePlan.update(
      () => {
        const list = $createListNode('bullet');
        list.append($createListItemNode().append($createTextNode('Rehearse the prompt aloud')));
        list.append($createListItemNode().append($createTextNode('Coach plays a stuck student')));
        $getRoot().append(list);
      },
      { discrete: true },
    );
    await settle();

    deliver(coach, teacher);
    deliver(teacher, coach);
    await settle();

    // A second round, typed after seeing each other's text.
    type(teacher.editors.modelledStrategy, 'Think aloud, then hand over');
    type(coach.editors.goal, 'By half term');
    await settle();
    deliver(teacher, coach);
    deliver(coach, teacher);
    await settle();

    for (const section of SECTION_IDS) {
      expect(text(coach.editors[section]), section).toBe(text(teacher.editors[section]));
      expect(sectionText(coach.doc, section), section).toBe(sectionText(teacher.doc, section));
    }
    expect(text(coach.editors.actionStep)).toContain('Use the three-step prompt before helping');
    expect(text(coach.editors.actionStep)).toContain('Check in on Friday');
    expect(sectionText(teacher.doc, 'practicePlan')).toBe('Rehearse the prompt aloud\nCoach plays a stuck student');
    expect(sectionText(coach.doc, 'goal').split('\n').sort()).toEqual(
      ['By half term', 'Every student explains one step of their reasoning'].sort(),
    );
    expect(text(teacher.editors.currentReality)).toBe('Six hands went up in thirty minutes');
    // Sections stay apart: nothing typed in one section leaks into another.
    expect(text(coach.editors.modelledStrategy)).toBe('Think aloud, then hand over');
  });
});
