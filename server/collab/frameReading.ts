/**
 * Reads a frame from a collaboration connection. A frame that cannot be read
 * closes the connection with its close code (malformed, or an update with too
 * many parts) and is logged; nothing in it reaches the room.
 */
import { CloseCode } from '../../shared/closeCodes.js';
import type { Logger } from '../logger.js';
import type { CollabConnection } from './connection.js';
import { decodeMessage, MalformedMessage, TooManyParts, type IncomingMessage } from './protocol.js';

export function readFrame(
  conn: CollabConnection,
  frame: Uint8Array,
  logger: Logger,
  meetingId: string,
): IncomingMessage | null {
  try {
    return decodeMessage(frame);
  } catch (err) {
    if (err instanceof TooManyParts) {
      logger.warn('collab', 'update with too many parts', { meetingId, userId: conn.user.id });
      conn.close(CloseCode.MessageTooLarge, 'update has too many parts');
      return null;
    }
    if (!(err instanceof MalformedMessage)) throw err;
    logger.warn('collab', 'malformed message', { meetingId, userId: conn.user.id, reason: err.message });
    conn.close(CloseCode.MalformedMessage, 'malformed message');
    return null;
  }
}
