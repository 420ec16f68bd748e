/** Limits enforced by the server. Each names what happens when it is exceeded. */
export const LIMITS = {
  /** Largest single collaboration frame, in bytes. Over it: close `CloseCode.MessageTooLarge`. */
  maxMessageBytes: 1024 * 1024,
  /** Frames a connection may queue while its meeting is loading. Over it: close `CloseCode.TooManyMessages`. */
  maxQueuedMessages: 256,
  /** Largest stored meeting document, in bytes. Over it: close `CloseCode.DocumentTooLarge`. */
  maxDocumentBytes: 16 * 1024 * 1024,
  /** Largest JSON request body, in bytes. Over it: HTTP 413. */
  maxRequestBodyBytes: 64 * 1024,
  /** How long an invitation can be accepted, in milliseconds (7 days). */
  inviteLifetimeMs: 7 * 24 * 60 * 60 * 1000,
  /** How long a session lasts without being used, in milliseconds (30 days). */
  sessionLifetimeMs: 30 * 24 * 60 * 60 * 1000,
  /** Stored updates for a meeting before it is compacted in the background. */
  compactAfterUpdates: 500,
} as const;
