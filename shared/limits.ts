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
  // Event-loop safety: what one update or one document may cost to apply and re-read (see
  // docs/ARCHITECTURE.md "Event-loop safety"; bytes alone do not bound it).
  /**
   * Parts (Yjs structs plus deleted ranges) in one update. A keystroke is one or two; a paste or an
   * offline reconnect a few hundred. Counted before the update is decoded. Over it: close
   * `CloseCode.MessageTooLarge` (4413); nothing of it is stored.
   */
  maxUpdateItems: 10_000,
  /**
   * Yjs structs in one meeting document (a long meeting has a few thousand). Over it: close
   * `CloseCode.DocumentTooLarge` (4422); nothing more is stored.
   */
  maxDocumentItems: 50_000,
  /**
   * Items of one update inserted at the same place (same origin, or the start of the same parent);
   * typing inserts one. Over it: close `CloseCode.MessageTooLarge` (4413); nothing of it is stored.
   */
  maxItemsPerPosition: 64,
  /**
   * Items Yjs may have to step over to place one update's items in the document (what partners inserted
   * concurrently at the same places; server/collab/updateCost.ts). Over it: close
   * `CloseCode.MessageTooLarge` (4413); nothing of it is stored.
   */
  maxUpdateScanSteps: 50_000,
  /** Meeting documents rebuilt from the log kept in memory for reads (facts, homes, export, search). */
  documentReadCacheSize: 8,
} as const;
