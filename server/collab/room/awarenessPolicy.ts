/**
 * Awareness (cursors) belongs to its sender. Every awareness update a
 * connection sends is read entry by entry before the room applies or relays it:
 *
 * - a state larger than `LIMITS.maxAwarenessStateBytes` closes the connection
 *   with `CloseCode.MessageTooLarge` (4413);
 * - a Yjs client id belongs to the person whose connection first announced it
 *   in this room; an entry that sets or removes the state of another person's
 *   id is dropped (the same person may take an id over, as after a reconnect);
 * - a connection holds at most `LIMITS.maxAwarenessClientsPerConnection` ids;
 *   entries for more are dropped;
 * - what is kept of a state is only what the editor draws (Lexical's `name`,
 *   `color`, `focusing`, `anchorPos`, `focusPos`, `awarenessData`), and `name`,
 *   `color` and `role` are rewritten from the authenticated user and their role
 *   in the partnership, never taken from what the client wrote.
 *
 * An entry that does not decode closes the connection with 4400, as before.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as string from 'lib0/string';
import { CloseCode } from '../../../shared/closeCodes.js';
import { LIMITS } from '../../../shared/limits.js';
import { ROLE_COLOURS } from '../../../shared/roleColours.js';
import type { Logger } from '../../logger.js';
import type { CollabConnection } from '../connection.js';

/** Fields of an awareness state that the editor reads; anything else is dropped. */
const KEPT_FIELDS = ['focusing', 'anchorPos', 'focusPos', 'awarenessData'] as const;

/** Ids one person may have claimed in a room before claims no connection holds any more are forgotten. */
const MAX_CLAIMS_PER_PERSON = 64;

interface Entry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

export class MalformedAwareness extends Error {}

/** Reads an awareness update the way y-protocols does (throws on what it would throw on), keeping raw sizes. */
export function decodeAwarenessEntries(update: Uint8Array): { clientId: number; clock: number; json: Uint8Array }[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: { clientId: number; clock: number; json: Uint8Array }[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    entries.push({ clientId, clock, json: decoding.readVarUint8Array(decoder) });
  }
  return entries;
}

export class AwarenessPolicy {
  /** Yjs client id -> the user who first announced it in this room. */
  private readonly claims = new Map<number, string>();

  constructor(
    private readonly connections: ReadonlySet<CollabConnection>,
    private readonly logger: Logger,
    private readonly meetingId: string,
  ) {}

  /**
   * The awareness update the room may apply and relay for what `conn` sent:
   * only its own ids, sizes checked, names and roles rewritten. Null when
   * nothing is left, or when the connection was closed for what it sent.
   */
  accept(conn: CollabConnection, update: Uint8Array): Uint8Array | null {
    let entries: Entry[];
    try {
      entries = [];
      for (const { clientId, clock, json } of decodeAwarenessEntries(update)) {
        if (json.byteLength > LIMITS.maxAwarenessStateBytes) {
          conn.close(CloseCode.MessageTooLarge, 'awareness state too large');
          return null;
        }
        const parsed: unknown = JSON.parse(string.decodeUtf8(json));
        // Only objects (a cursor) and null (gone) mean anything to the editor; other JSON is dropped.
        if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) continue;
        entries.push({ clientId, clock, state: parsed as Record<string, unknown> | null });
      }
    } catch {
      conn.close(CloseCode.MalformedMessage, 'malformed awareness');
      return null;
    }
    const announced = new Set<number>();
    const kept = entries.filter((entry) => this.owns(conn, entry, announced));
    if (kept.length === 0) return null;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, kept.length);
    for (const { clientId, clock, state } of kept) {
      encoding.writeVarUint(encoder, clientId);
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarString(encoder, JSON.stringify(state === null ? null : this.rewrite(conn, state)));
    }
    return encoding.toUint8Array(encoder);
  }

  /**
   * True when `conn` may set or remove this entry's state; takes the id for its person when it is new.
   * `announced` collects the ids new to `conn` in this update (the room adds them to `conn.awarenessIds`
   * once applied).
   */
  private owns(conn: CollabConnection, { clientId, state }: Entry, announced: Set<number>): boolean {
    const owner = this.claims.get(clientId);
    if (owner !== undefined && owner !== conn.user.id) {
      this.logger.warn('collab', "awareness written with the partner's client id", {
        meetingId: this.meetingId,
        userId: conn.user.id,
        client: clientId,
      });
      return false;
    }
    if (state === null) return owner !== undefined;
    if (conn.awarenessIds.has(clientId) || announced.has(clientId)) return true;
    if (conn.awarenessIds.size + announced.size >= LIMITS.maxAwarenessClientsPerConnection) return false;
    if (owner === undefined && !this.claimFor(conn.user.id, clientId)) return false;
    // The same person's other connection (a reconnect) gives the id, and the state it holds, up to this one.
    for (const other of this.connections) {
      if (other !== conn && other.awarenessIds.delete(clientId)) conn.awarenessIds.add(clientId);
    }
    if (!conn.awarenessIds.has(clientId)) announced.add(clientId);
    return true;
  }

  private claimFor(userId: string, clientId: number): boolean {
    const mine = () => [...this.claims].filter(([, owner]) => owner === userId).map(([id]) => id);
    if (mine().length >= MAX_CLAIMS_PER_PERSON) {
      const held = new Set<number>();
      for (const conn of this.connections) for (const id of conn.awarenessIds) held.add(id);
      for (const id of mine()) if (!held.has(id)) this.claims.delete(id);
      if (mine().length >= MAX_CLAIMS_PER_PERSON) return false;
    }
    this.claims.set(clientId, userId);
    return true;
  }

  /** What the editor draws, with the name, colour and role of the person who sent it. */
  private rewrite(conn: CollabConnection, state: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const field of KEPT_FIELDS) if (Object.hasOwn(state, field)) out[field] = state[field];
    out.name = conn.user.name;
    out.color = ROLE_COLOURS[conn.role];
    out.role = conn.role;
    return out;
  }
}
