/**
 * Sections store only what the editors can draw: a node type they do not
 * register, a `__type` that is not a string, or a node property of the wrong
 * type would stop that section taking typing in the partner's browser. Such an
 * update closes its connection with 4415 and nothing of it is stored or relayed;
 * what the editor itself writes (paragraphs, formats, lists, line breaks) is stored.
 */
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createLineBreakNode, $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/closeCodes.js';
import { backendsToTest } from '../helpers/backends.js';
import { allSaved, closeCode, collabSuite, rawSocket, synced, text, waitForDoc } from '../helpers/collabClient.js';
import { buildMeeting } from '../helpers/factories.js';
import { sectionEditor } from '../helpers/lexicalDoc.js';
import { updateFrame } from '../helpers/frames.js';

const backends = await backendsToTest();

/** One update that adds, to the section `goal`, a node shaped by `build` (as a hostile client would write it). */
function craft(build: (goal: Y.XmlText) => void): Uint8Array {
  const doc = new Y.Doc();
  let update: Uint8Array | null = null;
  doc.on('update', (u: Uint8Array) => (update = u));
  doc.transact(() => build(doc.get('goal', Y.XmlText)));
  return update as unknown as Uint8Array;
}

function element(type: unknown): Y.XmlText {
  const node = new Y.XmlText();
  node.setAttribute('__type', type as string);
  return node;
}

const HOSTILE: Array<[string, Uint8Array]> = [
  ['an unregistered element type', craft((goal) => goal.insertEmbed(0, element('youtube')))],
  ['a numeric element type', craft((goal) => goal.insertEmbed(0, element(7)))],
  [
    'an unregistered leaf type',
    craft((goal) => {
      const paragraph = element('paragraph');
      goal.insertEmbed(0, paragraph);
      const leaf = new Y.Map();
      leaf.set('__type', 'mention');
      paragraph.insertEmbed(0, leaf);
    }),
  ],
  ['a node with no type', craft((goal) => goal.insertEmbed(0, new Y.XmlText()))],
  [
    'a property of the wrong type',
    craft((goal) => {
      const paragraph = element('paragraph');
      goal.insertEmbed(0, paragraph);
      paragraph.setAttribute('__indent', 'deep' as never);
    }),
  ],
  ['a decorator element', craft((goal) => goal.insertEmbed(0, new Y.XmlElement('img')))],
];

describe.each(backends)('sections store only what the editors can draw (%s)', (backend) => {
  const suite = collabSuite(backend);

  it.each(HOSTILE)('refuses %s, storing and relaying nothing', async (_what, update) => {
    const { meeting, coach, teacher } = await buildMeeting(suite.server);
    const partner = suite.open(meeting.id, coach.cookie);
    await synced(partner);
    let relayed = false;
    partner.doc.on('update', () => (relayed = true));

    const ws = await rawSocket(suite.server, meeting.id, teacher.cookie);
    const closed = closeCode(ws);
    ws.send(updateFrame(update));
    expect(await closed).toBe(CloseCode.UnrenderableContent);

    // The partner writes on; their words are stored, the refused node is not.
    partner.doc.get('review', Y.XmlText).insert(0, 'Still typing.');
    await allSaved(partner);
    const stored = await suite.server.server.services.documents.load(meeting.id);
    const doc = new Y.Doc();
    for (const u of stored.updates) Y.applyUpdate(doc, u);
    expect(doc.get('goal', Y.XmlText).length).toBe(0);
    expect(text(doc, 'review')).toBe('Still typing.');
    expect(relayed).toBe(true);
    expect(partner.doc.get('goal', Y.XmlText).length).toBe(0);
  });

  it('refuses an overwrite of a stored node’s type, and a deletion that strips it', async () => {
    const { meeting, coach, teacher } = await buildMeeting(suite.server);
    const writer = suite.open(meeting.id, coach.cookie);
    await synced(writer);
    sectionEditor(writer.doc, 'goal').update(
      () => $getRoot().append($createParagraphNode().append($createTextNode('Agreed.'))),
      { discrete: true },
    );
    await allSaved(writer);

    const attacker = suite.open(meeting.id, teacher.cookie);
    await synced(attacker);
    const paragraph = attacker.doc.get('goal', Y.XmlText).toDelta()[0].insert as Y.XmlText;
    let closed = new Promise<number>((resolve) =>
      attacker.provider.once('connection-close', (e) => resolve(e?.code ?? 0)),
    );
    paragraph.setAttribute('__type', 'youtube');
    expect(await closed).toBe(CloseCode.UnrenderableContent);
    attacker.destroy();

    const again = suite.open(meeting.id, teacher.cookie);
    await synced(again);
    const stored = again.doc.get('goal', Y.XmlText).toDelta()[0].insert as Y.XmlText;
    expect(stored.getAttribute('__type')).toBe('paragraph');
    closed = new Promise<number>((resolve) => again.provider.once('connection-close', (e) => resolve(e?.code ?? 0)));
    stored.removeAttribute('__type');
    expect(await closed).toBe(CloseCode.UnrenderableContent);
  });

  it('stores what the editor writes: paragraphs, formats, line breaks and lists', async () => {
    const { meeting, coach, teacher } = await buildMeeting(suite.server);
    const writer = suite.open(meeting.id, coach.cookie);
    const reader = suite.open(meeting.id, teacher.cookie);
    await Promise.all([synced(writer), synced(reader)]);
    const editor = sectionEditor(writer.doc, 'goal');
    editor.update(
      () => {
        const words = $createTextNode('bold').toggleFormat('bold');
        const paragraph = $createParagraphNode().append($createTextNode('Wait, '), words, $createLineBreakNode());
        paragraph.setIndent(1);
        $getRoot().append(
          paragraph,
          $createListNode('check').append($createListItemNode(true).append($createTextNode('Done'))),
          $createListNode('number', 3).append($createListItemNode().append($createTextNode('Three'))),
        );
      },
      { discrete: true },
    );
    editor.update(() => $getRoot().getFirstChildOrThrow().remove(), { discrete: true });
    await allSaved(writer);
    expect(writer.provider.wsconnected).toBe(true);
    await waitForDoc(reader.doc, (d) => d.get('goal', Y.XmlText).length === 2, 'the lists');
  });

  it('stores one update that carries a long run of corrected typing from two devices (an offline sync)', async () => {
    // Typed with a correction after every letter, the run is 1,200 items, each placed after the one
    // before (a deleted letter and a kept one never merge). A second device of the same person writes
    // at its end; an offline sync sends both in one update, and the check follows the whole run back
    // to the section.
    const { meeting, teacher } = await buildMeeting(suite.server);
    const first = new Y.Doc();
    first.clientID = 1_000_001;
    const goal = first.get('goal', Y.XmlText);
    for (let i = 0; i < 600; i++) {
      goal.insert(goal.length, 'xb');
      goal.delete(goal.length - 2, 1);
    }
    const second = new Y.Doc();
    second.clientID = 1_000_002;
    Y.applyUpdate(second, Y.encodeStateAsUpdate(first));
    second.get('goal', Y.XmlText).insert(600, '!');
    const update = Y.encodeStateAsUpdate(second);

    const ws = await rawSocket(suite.server, meeting.id, teacher.cookie);
    ws.send(updateFrame(update));
    const reader = suite.open(meeting.id, teacher.cookie);
    await waitForDoc(reader.doc, (d) => d.get('goal', Y.XmlText).length === 601, 'the whole run');
    expect(text(reader.doc, 'goal')).toBe(`${'b'.repeat(600)}!`);
    ws.close();
  });
});
