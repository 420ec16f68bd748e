/**
 * Limits enforced by the server. Each names what happens when it is exceeded
 * (a close code from `closeCodes.ts` on the collaboration socket, an HTTP
 * status, or a socket.io connection error). The README's "Limits" table lists
 * them for people running Tandem; keep the two in step.
 */
export const LIMITS = {
  /** Largest single collaboration frame, in bytes. Over it: close `CloseCode.MessageTooLarge` (4413). */
  maxMessageBytes: 1024 * 1024,
  /**
   * Frames a connection may queue while its meeting is loading; also updates a connection may have
   * waiting for what they build on (see server/collab/updateDependencies.ts). Over it: close
   * `CloseCode.TooManyMessages` (4429).
   */
  maxQueuedMessages: 256,
  /** Largest stored meeting document, in bytes. Over it: close `CloseCode.DocumentTooLarge` (4422). */
  maxDocumentBytes: 16 * 1024 * 1024,
  /**
   * Collaboration frames per second one connection may send, sustained (a token
   * bucket refilled at this rate). A fast typist sends about 20 (an update and a
   * cursor move per keystroke). Over it: close `CloseCode.TooManyMessages` (4429).
   */
  collabMessagesPerSecond: 60,
  /** Frames one connection may send at once before the per-second rate applies (reconnects, pastes, undo runs). */
  collabMessageBurst: 200,
  /**
   * Open collaboration sockets per person across the server (one per open
   * meeting tab). Over it: the upgrade is refused with HTTP 429 `too_many_connections`.
   */
  maxCollabConnectionsPerUser: 20,
  /**
   * Open socket.io connections per person (one per open tab). Over it: the
   * connection is refused with the connect error `too_many_connections`.
   */
  maxRealtimeConnectionsPerUser: 20,
  /** Largest socket.io packet, in bytes. Over it: engine.io closes the connection. */
  maxRealtimePacketBytes: 16 * 1024,
  /** Largest JSON request body, in bytes. Over it: HTTP 413 `payload_too_large`. */
  maxRequestBodyBytes: 64 * 1024,
  /** The window the sign-in and sign-up limits below count over, in milliseconds (15 minutes). */
  authRateWindowMs: 15 * 60 * 1000,
  /**
   * Failed sign-ins per email address per window, wherever they come from; the same number of failed
   * account closings (DELETE /api/me asks for the password) per account. Over it: HTTP 429 `rate_limited`.
   */
  loginFailuresPerAccount: 10,
  /**
   * Failed password checks (sign-ins and account closings together) per IP address per window (a whole
   * school may share one). Over it: HTTP 429 `rate_limited`.
   */
  loginFailuresPerIp: 100,
  /** Sign-ups per IP address per window. Over it: HTTP 429 `rate_limited`. */
  signupsPerIp: 50,
  /** How long an invitation can be accepted, in milliseconds (7 days). */
  inviteLifetimeMs: 7 * 24 * 60 * 60 * 1000,
  /** How long a session lasts without being used, in milliseconds (30 days). */
  sessionLifetimeMs: 30 * 24 * 60 * 60 * 1000,
  /** Stored updates for a meeting before it is compacted in the background. */
  compactAfterUpdates: 500,
  /**
   * Yjs client ids one person may hold reserved in an open meeting without having stored under them
   * (announced in awareness, or used in an update still waiting for what it builds on). Over it: the
   * oldest reservation lapses (an update under it that is then stored by someone else first is refused).
   */
  maxReservedClientIdsPerUser: 256,
} as const;
