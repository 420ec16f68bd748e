/**
 * WebSocket close codes used on the collaboration socket (`/collab/<meetingId>`).
 * Codes 4400-4499 are permanent: the client must not reconnect on its own,
 * because trying again would fail the same way. Other codes are transient.
 */
export const CloseCode = {
  /** A frame could not be decoded as a y-websocket message. */
  MalformedMessage: 4400,
  /** The session ended while connected (signed out or expired). */
  Unauthenticated: 4401,
  /** The user is no longer a partner of this meeting. */
  Forbidden: 4403,
  /** The meeting does not exist (or was removed while connected). */
  NotFound: 4404,
  /**
   * An update wrote with a Yjs client id that belongs to the other partner.
   * Authorship is attested by the server, so a client cannot write in someone else's name.
   */
  ForeignClientId: 4409,
  /** A frame was larger than `LIMITS.maxMessageBytes`, or an update had more than `LIMITS.maxUpdateItems` parts. */
  MessageTooLarge: 4413,
  /** The connection sent more than it may (queue while loading, or rate). */
  TooManyMessages: 4429,
  /** The meeting document would grow past `LIMITS.maxDocumentBytes` or `LIMITS.maxDocumentItems` structs. */
  DocumentTooLarge: 4422,
  /**
   * The meeting is finished, so its notes are read-only, and this connection sent
   * an edit (typed before it learnt of the finish, often offline). The edit is not
   * applied but kept in the meeting's history, so nothing is lost. The client
   * should show the notes read-only, say the meeting was finished (and that what
   * it typed is kept in the history), and reconnect on its own only when told the
   * meeting was reopened (socket.io `meeting:reopened`). A finished meeting still
   * opens and syncs read-only: only an edit closes the connection.
   */
  MeetingFinished: 4423,
  /**
   * The partnership's stored notes would grow past `LIMITS.maxStoredBytesPerPartnership`: the edit is not
   * stored or relayed. Permanent until meetings are compacted or the limit is raised.
   */
  StorageFull: 4424,
  /**
   * An update would put into a section something the editors cannot draw (a node type they do not
   * register, a `__type` that is not a string, a node property of the wrong type; see
   * `shared/editorSchema.ts`). Nothing of it is stored or relayed.
   */
  UnrenderableContent: 4415,
  /** The server is shutting down or restarting; reconnect with backoff. */
  ServerRestarting: 1012,
  /** Something went wrong on the server; reconnect with backoff. */
  InternalError: 1011,
} as const;

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/** True when a close code means "do not reconnect". */
export function isPermanentClose(code: number): boolean {
  return code >= 4400 && code <= 4499;
}
