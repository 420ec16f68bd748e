/**
 * Renaming a client's items in an update (what an honest client does when its
 * client id was taken): the renamed state is the same document, and what was
 * written under the old id is now under the new one.
 */
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createLineBreakNode, $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { foreignClientId, freshClientId, renameClient } from '../../shared/clientIdRenewal.js';
import { sectionEditor } from '../helpers/lexicalDoc.js';

function sectionsJson(doc: Y.Doc): string {
  return JSON.stringify(['goal', 'review'].map((name) => doc.get(name, Y.XmlText).toDelta()));
}

describe('renameClient', () => {
  it('moves one client’s items, with deletions and nested nodes, to another id and keeps the document', () => {
    const partner = new Y.Doc();
    sectionEditor(partner, 'goal').update(
      () => $getRoot().append($createParagraphNode().append($createTextNode('Partner first.'))),
      { discrete: true },
    );
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(partner));
    const old = doc.clientID;
    const editor = sectionEditor(doc, 'goal');
    editor.update(
      () => {
        $getRoot().append(
          $createParagraphNode().append($createTextNode('Mine, '), $createLineBreakNode(), $createTextNode('bold')),
          $createListNode('number').append($createListItemNode().append($createTextNode('step'))),
        );
      },
      { discrete: true },
    );
    editor.update(() => $getRoot().getFirstChildOrThrow().remove(), { discrete: true });
    doc.get('review', Y.XmlText).insert(0, 'plain words');
    doc.get('review', Y.XmlText).delete(0, 6);

    const to = freshClientId(old);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, renameClient(Y.encodeStateAsUpdate(doc), old, to));
    // Set after applying: Yjs gives a doc a new id when a remote update writes under its own.
    copy.clientID = to;

    expect(sectionsJson(copy)).toBe(sectionsJson(doc));
    expect(Y.getState(copy.store, old)).toBe(0);
    expect(Y.getState(copy.store, to)).toBe(Y.getState(doc.store, old));
    expect(Y.getState(copy.store, partner.clientID)).toBe(Y.getState(doc.store, partner.clientID));
    // Writing on goes on under the new id, after what was renamed.
    copy.get('review', Y.XmlText).insert(0, 'More ');
    expect(copy.get('review', Y.XmlText).toString()).toBe('More words');
    expect(Y.getState(copy.store, old)).toBe(0);
  });

  it('reads the taken id from the close reason', () => {
    expect(foreignClientId('client id 123456 belongs to someone else')).toBe(123456);
    expect(foreignClientId('client id belongs to someone else')).toBeNull();
  });
});
