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
   * Frames a connection may queue while its meeting is loading, or while they wait for a turn with time
   * left (server/collab/turnBudget.ts); also updates a connection may have waiting for what they build on (see server/collab/updates/updateDependencies.ts). Over it: close
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
  // ---- Connections owned, memory per socket in bytes, awareness ----
  /**
   * Sockets one address may hold before they are authenticated: collaboration upgrades being decided,
   * and socket.io connections that have not yet joined (counted per transport). Over it: the upgrade is
   * refused with HTTP 429 `too_many_connections` (collaboration) or 403 from engine.io (socket.io).
   */
  maxUnauthenticatedSocketsPerAddress: 50,
  /**
   * How long a socket may take to authenticate, in milliseconds: a collaboration upgrade not decided by
   * then is answered HTTP 503 `handshake_timeout` and closed; a socket.io connection that has not joined
   * by then is disconnected (socket.io's `connectTimeout`).
   */
  handshakeTimeoutMs: 10_000,
  /**
   * Bytes of frames a connection may queue while its meeting is loading, or while they wait for a turn.
   * Over it: close `CloseCode.TooManyMessages` (4429).
   */
  maxQueuedBytes: 4 * 1024 * 1024,
  /**
   * Bytes of updates a connection may have waiting for what they build on. Over it: close
   * `CloseCode.TooManyMessages` (4429).
   */
  maxHeldBytes: 2 * 1024 * 1024,
  /** Largest awareness state (a cursor: name, colour, positions), as UTF-8 JSON. Over it: close `CloseCode.MessageTooLarge` (4413). */
  maxAwarenessStateBytes: 8 * 1024,
  /**
   * Awareness client ids one connection may hold (an honest tab holds one). States for more are dropped,
   * not stored or relayed.
   */
  maxAwarenessClientsPerConnection: 4,
  // Sessions, sign-in attempts and quotas (see the README's Limits table).
  /**
   * A session's expiry moves forward when it is used, but is written at most this often (5 minutes), so
   * requests do not each cost a database write.
   */
  sessionRefreshIntervalMs: 5 * 60 * 1000,
  /**
   * How often expired sessions are looked for and deleted (their live sockets close with 4401
   * `Unauthenticated`): every second, so a session's sockets end within a second of its expiry. The look is
   * one indexed read; a write happens only when something expired.
   */
  sessionPruneIntervalMs: 1000,
  /**
   * Sign-in attempts per IP address per window, whatever their outcome (right, wrong or malformed).
   * Over it: HTTP 429 `rate_limited`.
   */
  signInAttemptsPerIp: 300,
  /**
   * Password-reset emails asked for per email address per window (`authRateWindowMs`), whether or not an
   * account has that address. Over it: HTTP 429 `rate_limited`.
   */
  passwordResetsPerAddress: 3,
  /** Password-reset emails asked for per IP address per window. Over it: HTTP 429 `rate_limited`. */
  passwordResetsPerIp: 30,
  /** How long a password-reset link works, in milliseconds (30 minutes). Used once. */
  passwordResetLifetimeMs: 30 * 60 * 1000,
  /** How long a link confirming a new email address works, in milliseconds (24 hours). Used once. */
  emailChangeLifetimeMs: 24 * 60 * 60 * 1000,
  /** How long an emailed link to delete an account works, in milliseconds (30 minutes). Used once. */
  accountClosureLifetimeMs: 30 * 60 * 1000,
  /** Meetings started per partnership in any 24 hours. Over it: HTTP 429 `too_many_meetings`. */
  meetingsPerPartnershipPerDay: 20,
  /** Invitations one person may have open (not accepted, not expired). Over it: HTTP 429 `too_many_invites`. */
  openInvitesPerPerson: 20,
  /**
   * Invitations sent by email per person in any 24 hours, and to one address. Over either: HTTP 429
   * `too_many_invitation_emails` (the link can still be made without an address, to pass on by hand).
   */
  invitationEmailsPerPersonPerDay: 20,
  invitationEmailsPerAddressPerDay: 3,
  /**
   * Stored bytes per partnership: the sum of its meetings' stored update logs. Over it: starting a meeting
   * answers HTTP 409 `storage_full`, and an edit that would grow past it closes its socket with
   * `CloseCode.StorageFull` (4424), nothing of it stored.
   */
  maxStoredBytesPerPartnership: 256 * 1024 * 1024,
  // Event-loop safety: what one update or one document may cost to apply and re-read (see
  // docs/ARCHITECTURE.md "Event-loop safety"; bytes alone do not bound it).
  /**
   * Parts (Yjs structs plus deleted ranges) in one update. A keystroke is one or two; a paste or an
   * offline reconnect a few hundred. Counted before the update is decoded. Over it: close
   * `CloseCode.MessageTooLarge` (4413); nothing of it is stored.
   */
  maxUpdateItems: 5_000,
  /**
   * Yjs structs in one meeting document (a long meeting has a few thousand). Over it: close
   * `CloseCode.DocumentTooLarge` (4422); nothing more is stored.
   */
  maxDocumentItems: 20_000,
  /**
   * Items of one update inserted at the same place (same origin, or the start of the same parent);
   * typing inserts one. Over it: close `CloseCode.MessageTooLarge` (4413); nothing of it is stored.
   */
  maxItemsPerPosition: 64,
  /**
   * Items Yjs may have to step over to place one update's items in the document (what partners inserted
   * concurrently at the same places; server/collab/updates/updateCost.ts). Over it: close
   * `CloseCode.MessageTooLarge` (4413); nothing of it is stored.
   */
  maxUpdateScanSteps: 50_000,
  /**
   * Structs in one row of a compacted log: compaction writes a meeting as rows of at most this many
   * (server/storage/chunkedEncoding.ts), so loading it never applies the whole document in one go.
   */
  maxCompactedRowItems: 2_000,
  /** Meeting documents rebuilt from the log kept in memory for reads (facts, homes, export, search). */
  documentReadCacheSize: 8,
  /**
   * Yjs client ids one person may hold reserved in an open meeting without having stored under them
   * (announced in awareness, or used in an update still waiting for what it builds on). Over it: the
   * oldest reservation lapses (an update under it that is then stored by someone else first is refused).
   */
  maxReservedClientIdsPerUser: 256,
  /** A model's strategy name, in characters. Over it: HTTP 400 `validation_failed` naming the field. */
  maxModelNameChars: 120,
  /** Each longer part of a model (key moves, done well, practice, action steps). Over it: HTTP 400. */
  maxModelTextChars: 4000,
  /** Phase and subject tags on one model, and characters in each. Over either: HTTP 400. */
  maxModelTags: 12,
  maxModelTagChars: 40,
  /** Persistent problems one model serves. Over it: HTTP 400. */
  maxModelProblems: 10,
} as const;
