/**
 * What an update must pass before a room stores it: the meeting's size in
 * bytes and in structs, Yjs client ids that are the sender's or nobody's,
 * content the editors can draw, a cost the server can afford to apply, and
 * room in the partnership's storage. A refusal closes the connection with its
 * close code (shared/closeCodes.ts), and nothing is stored.
 */
import type * as Y from 'yjs';
import { CloseCode } from '../../../shared/closeCodes.js';
import { LIMITS } from '../../../shared/limits.js';
import type { Services } from '../../services.js';
import type { ClientIds } from '../room/clientIds.js';
import type { CollabConnection } from '../connection.js';
import type { UpdateMessage } from './heldUpdates.js';
import { checkRenderable, UnrenderableContent } from './updateContent.js';
import { excessiveCost } from './updateCost.js';
import type { Decoded } from './updateDependencies.js';

export class Admission {
  /**
   * @param storing updates being stored, or stored and not yet applied to `doc`: checked as if applied.
   */
  constructor(
    private readonly meetingId: string,
    private readonly services: Services,
    private readonly doc: Y.Doc,
    private readonly clientIds: ClientIds,
    private readonly storing: ReadonlySet<Decoded>,
  ) {}

  /**
   * True when `message` may be stored, given the meeting's stored bytes and its structs (applied or on
   * their way); otherwise the connection is closed. A held-back update is checked again when released:
   * its ids may have been stored by someone else meanwhile.
   */
  admit(conn: CollabConnection, message: UpdateMessage, size: { bytes: number; items: number }): boolean {
    if (size.bytes + message.update.byteLength > LIMITS.maxDocumentBytes) {
      conn.close(CloseCode.DocumentTooLarge, 'document too large');
      return false;
    }
    if (!this.claim(conn, message.clocks.keys())) return false;
    if (!this.renderable(conn, message.decoded)) return false;
    if (size.items + message.parts > LIMITS.maxDocumentItems) {
      conn.close(CloseCode.DocumentTooLarge, 'document has too many parts');
      return false;
    }
    // Estimated on the room's copy, which may lack updates still being stored: those only add a little.
    const tooCostly = excessiveCost(this.doc, message.decoded.structs, this.storing);
    if (tooCostly) {
      this.warn(conn, 'update too costly to apply', { reason: tooCostly });
      conn.close(CloseCode.MessageTooLarge, 'update too costly to apply');
      return false;
    }
    if (!this.services.quotas.admits(this.meetingId, message.update.byteLength)) {
      conn.close(CloseCode.StorageFull, 'partnership storage full');
      return false;
    }
    return true;
  }

  /**
   * The Yjs client ids in an update must be this user's or nobody's yet. One
   * that someone else stored under, announced in awareness or used in an
   * update still held back closes the connection (nothing is stored). An id
   * becomes its user's only when an update using it is stored (the room owns
   * it at once, so a second update cannot race the first), or, until then,
   * reserved when announced or held back: an update that is never stored
   * cannot take an id from the person who announced it.
   */
  claim(conn: CollabConnection, clients: Iterable<number>): boolean {
    for (const client of clients) {
      const owner = this.clientIds.holder(client);
      if (owner !== undefined && owner !== conn.user.id) {
        this.warn(conn, "update written with the partner's client id", { client });
        // The reason names the id, so an honest client knows which of its ids to give up.
        conn.close(CloseCode.ForeignClientId, `client id ${client} belongs to someone else`);
        return false;
      }
    }
    return true;
  }

  /** False (and the connection closed) when the update would leave a section the editors cannot draw. */
  private renderable(conn: CollabConnection, decoded: Decoded): boolean {
    try {
      checkRenderable(decoded, this.doc, this.storing);
      return true;
    } catch (err) {
      if (!(err instanceof UnrenderableContent)) throw err;
      this.warn(conn, 'update the editors cannot draw', { reason: err.message });
      conn.close(CloseCode.UnrenderableContent, 'content the editor cannot show');
      return false;
    }
  }

  private warn(conn: CollabConnection, message: string, details: Record<string, unknown>): void {
    this.services.logger.warn('collab', message, { meetingId: this.meetingId, userId: conn.user.id, ...details });
  }
}
