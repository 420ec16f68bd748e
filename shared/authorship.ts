/**
 * Who wrote what. The server attests which user owns each Yjs client id in a
 * meeting (it knows which authenticated connection sent each update); from
 * that and the document, anyone can tell who wrote each character still there.
 */
import * as Y from 'yjs';
import type { SectionId } from './sections.js';

export {
  AuthorSchema,
  AuthorsClaimedSchema,
  AuthorsResponseSchema,
  type Author,
  type AuthorsClaimed,
  type AuthorsResponse,
} from './authorshipSchemas.js';

/** A run of characters written with one Yjs client id. */
export interface Run {
  client: number;
  length: number;
}

/**
 * The section's leaf blocks (paragraphs, list items…) in document order, each
 * as runs of characters by client id. Empty blocks are kept, so block i here is
 * block i on screen.
 */
export function sectionRuns(doc: Y.Doc, sectionId: SectionId): Run[][] {
  const blocks: Run[][] = [];
  collect(doc.get(sectionId, Y.XmlText), blocks);
  return blocks;
}

function collect(element: Y.XmlText, blocks: Run[][]): void {
  let runs: Run[] = [];
  let hasChildBlocks = false;
  // Yjs keeps a type's content as a linked list of items; `_start` is its head.
  for (let item = element._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    const content = item.content;
    if (content instanceof Y.ContentString) {
      const last = runs.at(-1);
      if (last && last.client === item.id.client) last.length += content.str.length;
      else runs.push({ client: item.id.client, length: content.str.length });
    } else if (content instanceof Y.ContentType && content.type instanceof Y.XmlText) {
      if (runs.length > 0) blocks.push(runs);
      runs = [];
      hasChildBlocks = true;
      collect(content.type, blocks);
    }
  }
  if (runs.length > 0 || (!hasChildBlocks && element.parent !== null)) blocks.push(runs);
}

/** Characters in a section still present, per role (unattributed ones are left out). */
export function sectionShares(
  doc: Y.Doc,
  sectionId: SectionId,
  roleOf: (client: number) => 'coach' | 'teacher' | undefined,
): { coach: number; teacher: number } {
  const shares = { coach: 0, teacher: 0 };
  for (const block of sectionRuns(doc, sectionId)) {
    for (const run of block) {
      const role = roleOf(run.client);
      if (role) shares[role] += run.length;
    }
  }
  return shares;
}
