/**
 * A room's awareness (cursors and names): each connection's own states, kept
 * to its own ids and its real name and role (awarenessPolicy.ts), relayed to
 * the other connections here and, through `relay`, in other processes; sent
 * whole to each joiner; removed when their connection leaves. A Yjs client id
 * first announced here is reserved for the announcing person (clientIds.ts).
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from '../../logger.js';
import { AwarenessPolicy } from './awarenessPolicy.js';
import type { ClientIds } from './clientIds.js';
import type { CollabConnection } from '../connection.js';
import { encodeAwareness } from '../protocol.js';
import { REMOTE } from './remoteUpdates.js';

export class RoomAwareness {
  private readonly awareness: awarenessProtocol.Awareness;
  private readonly policy: AwarenessPolicy;

  constructor(
    private readonly connections: ReadonlySet<CollabConnection>,
    private readonly clientIds: ClientIds,
    logger: Logger,
    meetingId: string,
    /** Sends an awareness update to the other processes serving the meeting, if any. */
    private readonly relay: (update: Uint8Array) => void,
  ) {
    // A document of its own: the meeting's copy outlives the room (documents.keep hands it to the next
    // one), and Awareness leaves a listener on the document it is given.
    this.awareness = new awarenessProtocol.Awareness(new Y.Doc());
    this.policy = new AwarenessPolicy(connections, logger, meetingId);
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.track);
  }

  /** Every state there is, for a connection that joined (if there are any) or asked (even if none). */
  sendAll(conn: CollabConnection, { evenIfNone = false } = {}): void {
    const ids = [...this.awareness.getStates().keys()];
    if (ids.length > 0 || evenIfNone)
      conn.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)));
  }

  /** An update from a connection: only what the policy keeps is applied and passed on. */
  receive(conn: CollabConnection, update: Uint8Array): void {
    const kept = this.policy.accept(conn, update);
    if (kept === null) return;
    awarenessProtocol.applyAwarenessUpdate(this.awareness, kept, conn);
    this.broadcast(encodeAwareness(kept), conn);
    this.relay(kept);
  }

  /** The connection left: its cursors go, here and elsewhere. */
  left(conn: CollabConnection): void {
    const ids = [...conn.awarenessIds];
    if (ids.length === 0) return;
    awarenessProtocol.removeAwarenessStates(this.awareness, ids, 'leave');
    const removal = awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids);
    this.broadcast(encodeAwareness(removal), null);
    this.relay(removal);
  }

  /** Awareness from another process's connections. */
  fromRemote(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE);
    this.broadcast(encodeAwareness(update), null);
  }

  /** The states of this process's connections, if any. */
  local(): Uint8Array | null {
    const ids = [...this.connections].flatMap((conn) => [...conn.awarenessIds]);
    return ids.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids) : null;
  }

  destroy(): void {
    this.awareness.destroy();
  }

  private broadcast(frame: Uint8Array, except: CollabConnection | null): void {
    for (const conn of this.connections) if (conn !== except) conn.send(frame);
  }

  /** Which ids each connection holds; an id first announced here is reserved for its announcer. */
  private track = (
    { added, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const conn = origin as CollabConnection | null;
    if (!conn || !this.connections.has(conn)) return;
    for (const id of added) {
      conn.awarenessIds.add(id);
      this.clientIds.reserve(conn.user.id, id);
    }
    for (const id of removed) conn.awarenessIds.delete(id);
  };
}
