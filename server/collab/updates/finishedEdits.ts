/**
 * A finished meeting's room takes no edits. A client that reconnects to it
 * answers the server's sync step 1 with a sync step 2 that often holds nothing
 * new (and, after a reconnect, the whole delete set, already applied here):
 * that is ignored. Anything the room does not have yet is an edit made too
 * late: kept aside whole (`finishedMeetingEditKept`, so it is never lost),
 * never stored or relayed, and its connection is closed with
 * `CloseCode.MeetingFinished`.
 */
import * as Y from 'yjs';
import { CloseCode } from '../../../shared/closeCodes.js';
import type { Services } from '../../services.js';
import type { CollabConnection } from '../connection.js';
import type { Decoded } from './updateDependencies.js';

/** Whether a room's meeting is finished, from loading and from what the room is told later. */
export class FinishedGate {
  private state = false;
  /** Set once a finish or reopen was told to the room, which is newer than what loading read. */
  private told = false;

  constructor(
    private readonly meetingId: string,
    private readonly services: Pick<Services, 'events' | 'logger'>,
  ) {}

  /** True while the notes are read-only. */
  get finished(): boolean {
    return this.state;
  }

  /** The state read with the document; a finish or reopen told meanwhile wins. */
  loaded(finished: boolean): void {
    if (!this.told) this.state = finished;
  }

  /** The meeting was finished (true) or reopened (false) just now. */
  set(finished: boolean): void {
    this.told = true;
    this.state = finished;
  }

  /** An update reaching the finished meeting: ignored when it adds nothing, else kept aside and refused. */
  refuse(
    conn: CollabConnection,
    doc: Y.Doc,
    accepted: ReadonlyMap<number, number>,
    decoded: Decoded,
    update: Uint8Array,
  ) {
    if (!addsNothing(doc, decoded, accepted)) this.keepAside(conn, update);
  }

  /** Hands an edit on to be kept in the meeting's history, and closes the connection that sent it. */
  keepAside(conn: CollabConnection, update: Uint8Array): void {
    this.services.logger.info('collab', 'kept an edit made to a finished meeting', {
      meetingId: this.meetingId,
      userId: conn.user.id,
      bytes: update.byteLength,
    });
    this.services.events.emit('finishedMeetingEditKept', { meetingId: this.meetingId, userId: conn.user.id, update });
    conn.close(CloseCode.MeetingFinished, 'meeting finished');
  }
}

/**
 * True when applying the update would change nothing: every struct is within
 * what the room accepted, and every deleted range is deleted in `doc` already.
 */
export function addsNothing(doc: Y.Doc, { structs, ds }: Decoded, accepted: ReadonlyMap<number, number>): boolean {
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue;
    if (struct.id.clock + struct.length > (accepted.get(struct.id.client) ?? 0)) return false;
  }
  for (const [client, ranges] of ds.clients) {
    for (const { clock, len } of ranges) if (!alreadyDeleted(doc, client, clock, len)) return false;
  }
  return true;
}

/** Whether every item of `client` in [clock, clock + len) exists in `doc` and is deleted. */
function alreadyDeleted(doc: Y.Doc, client: number, clock: number, len: number): boolean {
  const structs = doc.store.clients.get(client);
  if (!structs || len <= 0) return len <= 0;
  const last = structs[structs.length - 1];
  if (!last || clock + len > last.id.clock + last.length) return false;
  for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
    const struct = structs[i] as Y.Item | Y.GC;
    if (struct.id.clock >= clock + len) break;
    if (!struct.deleted) return false;
  }
  return true;
}
