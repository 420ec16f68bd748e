/**
 * Facts about the collaboration socket beyond the standard y-websocket
 * messages (sync = 0, awareness = 1).
 */

/** Path prefix of the collaboration socket: `/collab/<meetingId>`. */
export const COLLAB_PATH = '/collab';

/**
 * Server → client message type telling the client which of its changes are
 * stored: the payload is a varUint count, then (clientId, clock) varUint pairs:
 * everything that client wrote below `clock` is in the database.
 * Sent only to connections that ask with the query parameter `acks=1`, so the
 * stock y-websocket provider never sees a type it does not know.
 */
export const MESSAGE_SAVED = 100;

/** Query parameter a client sets to receive `MESSAGE_SAVED`. */
export const ACKS_PARAM = 'acks';
