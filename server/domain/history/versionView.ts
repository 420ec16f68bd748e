/** What a version shows: per section, its lines and who wrote them; and how it compares with now. */
import * as Y from 'yjs';
import { sectionRuns } from '../../../shared/authorship.js';
import { sectionText, sectionLines } from '../../../shared/docText.js';
import type { CompareResponse, VersionResponse, VersionSummary } from '../../../shared/history.js';
import { SECTION_IDS } from '../../../shared/sections.js';
import { wordDiff } from '../../../shared/wordDiff.js';
import { loadDoc } from './recorder.js';
import type { VersionMeta } from './versionStore.js';

/** The list entry of a version. */
export function versionSummary(meta: VersionMeta): VersionSummary {
  return {
    id: meta.id,
    kind: meta.kind as VersionSummary['kind'],
    name: meta.name,
    createdAt: meta.created_at,
    by: meta.user_id ? { id: meta.user_id, name: meta.user_name ?? 'Someone' } : null,
  };
}

/** Every section of a version's document, as lines and runs by client id. */
export function versionSections(state: Uint8Array): VersionResponse['sections'] {
  const doc = loadDoc(state);
  try {
    return SECTION_IDS.map((id) => ({
      id,
      lines: sectionLines(doc, id),
      runs: sectionRuns(doc, id).map((block) => block.map((run) => ({ client: run.client, length: run.length }))),
    }));
  } finally {
    doc.destroy();
  }
}

/** Per section, the word-level difference from the version (`then`) to the document now. */
export function compareSections(then: Uint8Array, now: Uint8Array): CompareResponse['sections'] {
  const before = loadDoc(then);
  const after = loadDoc(now);
  try {
    return SECTION_IDS.map((id) => {
      const a = sectionText(before, id);
      const b = sectionText(after, id);
      return { id, changed: a !== b, parts: a === b ? (a === '' ? [] : [{ op: 'same', text: a }]) : wordDiff(a, b) };
    });
  } finally {
    before.destroy();
    after.destroy();
  }
}

/** A fresh Yjs client id not used in the document nor attested in the meeting. */
export function freshClientId(doc: Y.Doc, taken: ReadonlySet<number>): number {
  const used = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (;;) {
    const id = Math.floor(Math.random() * 0xffffffff);
    if (!used.has(id) && !taken.has(id)) return id;
  }
}
