/**
 * Many tiny items (event-loop safety): Yjs updates whose one-character items cannot merge, the cheapest
 * bytes for the most work applying and re-reading them, and the frames the fuzz test sends of them.
 */
import * as Y from 'yjs';
import { CloseCode } from '../../shared/closeCodes.js';
import { LIMITS } from '../../shared/limits.js';
import { SECTIONS } from '../../shared/sections.js';
import { updateFrame } from './frames.js';
import type { Random } from './seededRandom.js';

/**
 * A Yjs update of `items` one-character items that cannot merge into one (each typed in front of the
 * last, so each is its own struct): the cheapest bytes for the most work applying and re-reading it.
 * About 6-10 bytes an item, so a 1 MiB frame holds ~100,000. Written by a fresh client id, at clock 0.
 */
export function manyTinyItemsUpdate(items: number, clientId: number, section: string = SECTIONS[0].id): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const text = doc.get(section, Y.XmlText);
  doc.transact(() => {
    for (let i = 0; i < items; i++) text.insert(0, String.fromCharCode(97 + (i % 26)));
  });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** `manyTinyItemsUpdate` as a y-websocket update frame. */
export function manyTinyItemsFrame(items: number, clientId: number, section?: string): Uint8Array {
  return updateFrame(manyTinyItemsUpdate(items, clientId, section));
}

/**
 * Tiny-item frames for the fuzz test, each with the close code documented for it (null: accepted):
 * a few at one place, too many at one place, one just over `LIMITS.maxUpdateItems`, and a full 1 MiB frame of ~100,000 items.
 * Client ids come from `random` so a run never reuses one the server already attributed.
 */
export function tinyItemFrames(random: Random): { frame: Uint8Array; expected: number | null; how: string }[] {
  const id = () => 1 + random.int(2 ** 30);
  let items = 100_000;
  let full = manyTinyItemsFrame(items, id());
  // As many as fit under the byte limit, so it is the item count that refuses it.
  while (full.byteLength > LIMITS.maxMessageBytes) full = manyTinyItemsFrame((items -= 5_000), id());
  return [
    { frame: manyTinyItemsFrame(LIMITS.maxItemsPerPosition - 1, id()), expected: null, how: 'tiny items at one place' },
    {
      frame: manyTinyItemsFrame(LIMITS.maxItemsPerPosition * 4, id()),
      expected: CloseCode.MessageTooLarge,
      how: 'too many tiny items at one place',
    },
    {
      frame: manyTinyItemsFrame(LIMITS.maxUpdateItems + 1, id()),
      expected: CloseCode.MessageTooLarge,
      how: 'one tiny item over the limit',
    },
    {
      frame: full,
      expected: CloseCode.MessageTooLarge,
      how: `${items} tiny items in one 1 MiB frame`,
    },
  ];
}
