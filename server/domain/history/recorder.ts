/**
 * Records a version: reads the document as it stands now (through the port)
 * and the coaching facts, and writes them as one row. Recordings of one
 * meeting run one after another, so "the same as the previous version" is
 * judged against the version really written before it.
 */
import * as Y from 'yjs';
import { nextTurn } from '../../storage/slices.js';
import type { VersionFacts, VersionKind } from '../../../shared/history.js';
import type { MeetingDocumentPort } from './documentPort.js';
import type { VersionMeta, VersionStore } from './versionStore.js';

/** The meeting's coaching facts and cycle as they stand now, as the coaching domain returns them. */
export type FactsReader = (meetingId: string) => Promise<VersionFacts>;

export interface RecordRequest {
  kind: VersionKind;
  name: string | null;
  userId: string | null;
  /** An update applied on top of the document now (an edit kept after the meeting was finished). */
  extra?: Uint8Array;
  /** Automatic versions are skipped when nothing changed since the previous version. */
  skipIfUnchanged?: boolean;
}

export class VersionRecorder {
  private chains = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: VersionStore,
    private readonly documents: () => MeetingDocumentPort,
    private readonly facts: FactsReader,
  ) {}

  /** Records a version after any recording of the same meeting already under way; null when skipped. */
  record(meetingId: string, request: RecordRequest): Promise<VersionMeta | null> {
    const previous = this.chains.get(meetingId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.write(meetingId, request));
    this.chains.set(meetingId, next);
    void next
      .finally(() => {
        if (this.chains.get(meetingId) === next) this.chains.delete(meetingId);
      })
      .catch(() => undefined);
    return next;
  }

  private async write(meetingId: string, request: RecordRequest): Promise<VersionMeta | null> {
    let state = await this.documents().state(meetingId);
    if (request.extra) state = withUpdate(state, request.extra);
    const facts = JSON.stringify(await this.facts(meetingId));
    if (request.skipIfUnchanged) {
      const latest = await this.store.latest(meetingId);
      if (latest && latest.facts === facts && (await sameDocument(latest.state, state))) return null;
    }
    return this.store.insert({
      meetingId,
      kind: request.kind,
      name: request.name,
      userId: request.userId,
      state,
      facts,
    });
  }
}

function withUpdate(state: Uint8Array, update: Uint8Array): Uint8Array {
  const doc = loadDoc(state);
  try {
    Y.applyUpdate(doc, update);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/** A Y.Doc holding an encoded state. The caller destroys it. */
export function loadDoc(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

/**
 * Same inserted items and same deletions: the encodings themselves may differ
 * (compaction turns deleted content into placeholders), the snapshot does not.
 */
export async function sameDocument(a: Uint8Array, b: Uint8Array): Promise<boolean> {
  // Different state vectors: something was added. Read from the encodings, without building either document.
  if (!sameBytes(Y.encodeStateVectorFromUpdate(a), Y.encodeStateVectorFromUpdate(b))) return false;
  // Only deletions can still differ. Each document is built in a turn of its own (a meeting at its
  // size limit takes tens of milliseconds to build).
  const docA = loadDoc(a);
  await nextTurn();
  const docB = loadDoc(b);
  try {
    return Y.equalSnapshots(Y.snapshot(docA), Y.snapshot(docB));
  } finally {
    docA.destroy();
    docB.destroy();
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
}
