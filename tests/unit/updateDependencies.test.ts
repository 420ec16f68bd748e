import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { reachAfter } from '../../server/collab/updates/updateDependencies.js';

/** Updates from a doc, one per change. */
function history(changes: Array<(doc: Y.Doc) => void>, doc = new Y.Doc()): Uint8Array[] {
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (const change of changes) change(doc);
  return updates;
}

const goal = (doc: Y.Doc) => doc.get('goal', Y.XmlText);

describe('what an update builds on', () => {
  it('accepts a history in order, and says how far it reaches', () => {
    const doc = new Y.Doc();
    const [a, b] = history([(d) => goal(d).insert(0, 'abc'), (d) => goal(d).insert(3, 'de')], doc);
    const accepted = new Map<number, number>();
    const afterA = reachAfter(Y.decodeUpdate(a!), accepted);
    expect(afterA).toEqual(new Map([[doc.clientID, 3]]));
    expect(reachAfter(Y.decodeUpdate(b!), afterA!)).toEqual(new Map([[doc.clientID, 5]]));
  });

  it('refuses a gap in a client history until it is filled', () => {
    const [, b] = history([(d) => goal(d).insert(0, 'abc'), (d) => goal(d).insert(3, 'de')]);
    expect(reachAfter(Y.decodeUpdate(b!), new Map())).toBeNull();
  });

  it("refuses an item placed next to another client's item it has not seen", () => {
    const first = new Y.Doc();
    const [base] = history([(d) => goal(d).insert(0, 'abc')], first);
    const second = new Y.Doc();
    Y.applyUpdate(second, base!);
    const [next] = history([(d) => goal(d).insert(1, 'X')], second);
    expect(reachAfter(Y.decodeUpdate(next!), new Map())).toBeNull();
    expect(reachAfter(Y.decodeUpdate(next!), new Map([[first.clientID, 3]]))).toEqual(new Map([[second.clientID, 1]]));
  });

  it('refuses deleting items that do not exist yet', () => {
    const doc = new Y.Doc();
    const [insert, remove] = history([(d) => goal(d).insert(0, 'abc'), (d) => goal(d).delete(0, 2)], doc);
    expect(reachAfter(Y.decodeUpdate(remove!), new Map())).toBeNull();
    expect(reachAfter(Y.decodeUpdate(remove!), reachAfter(Y.decodeUpdate(insert!), new Map())!)).toEqual(new Map());
  });
});
