/**
 * One person's collaboration socket on one meeting. It enforces the
 * per-connection limits (frame size, frames per second), queues what arrives
 * while the meeting loads (bounded in count and bytes), then hands frames to its room.
 */
import type { WebSocket } from 'ws';
import { CloseCode } from '../../shared/closeCodes.js';
import { LIMITS } from '../../shared/limits.js';
import type { Role, User } from '../../shared/api.js';
import { SlicedQueue } from './turnBudget.js';

/** A connection whose send buffer grows past this is too slow to keep up; it is closed to protect the server. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/**
 * A token bucket: `burst` frames at once, refilled at `perSecond`. Generous
 * enough for typing, pasting and reconnecting; a flood runs it dry.
 */
export class FrameRate {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Spends one token; false when none is left. */
  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export class CollabConnection {
  /** Awareness client ids this connection controls (removed when it closes). */
  readonly awarenessIds = new Set<number>();
  private queue: Uint8Array[] | null = [];
  private queuedBytes = 0;
  private handler: ((frame: Uint8Array) => void) | null = null;
  /** Frames waiting for a turn with time left (turnBudget.ts), counted against the same bounds as the load queue. */
  private readonly backlog = new SlicedQueue();
  private backlogBytes = 0;
  /** Pongs asked for while loading, each after the number of frames queued before its ping. */
  private pongsWhileLoading: { after: number; pong: () => void }[] = [];
  private readonly rate = new FrameRate(LIMITS.collabMessagesPerSecond, LIMITS.collabMessageBurst);
  closed = false;
  alive = true;
  /** The session this socket was opened with: it closes when that session ends. */
  sessionId: string | null = null;

  constructor(
    readonly ws: WebSocket,
    /** Who opened it; the name follows a rename (awareness shows the new one from the next cursor move). */
    public user: User,
    readonly meetingId: string,
    /** Wants `MESSAGE_SAVED` acknowledgements. */
    readonly wantsAcks: boolean,
    /** The person's role in the meeting's partnership (shown on their cursor). */
    readonly role: Role,
  ) {}

  /** Called for each frame; frames before `start` are queued. */
  receive(frame: Uint8Array): void {
    if (this.closed) return;
    if (frame.byteLength > LIMITS.maxMessageBytes) {
      this.close(CloseCode.MessageTooLarge, 'message too large');
      return;
    }
    if (!this.rate.take()) {
      this.close(CloseCode.TooManyMessages, 'too many messages');
      return;
    }
    if (this.queue) {
      if (
        this.queue.length >= LIMITS.maxQueuedMessages ||
        this.queuedBytes + frame.byteLength > LIMITS.maxQueuedBytes
      ) {
        this.close(CloseCode.TooManyMessages, 'too many messages while loading');
        return;
      }
      this.queuedBytes += frame.byteLength;
      this.queue.push(frame);
      return;
    }
    if (
      this.backlog.length >= LIMITS.maxQueuedMessages ||
      this.backlogBytes + frame.byteLength > LIMITS.maxQueuedBytes
    ) {
      this.close(CloseCode.TooManyMessages, 'too many messages waiting');
      return;
    }
    this.backlogBytes += frame.byteLength;
    this.backlog.push(() => {
      this.backlogBytes -= frame.byteLength;
      if (!this.closed) this.handler?.(frame);
    });
  }

  /**
   * A ping is answered once every frame received before it has been handled, so a pong means "all of that
   * was dealt with". Not rate-limited (it costs no work), but counted against the waiting bound.
   */
  receivePing(data: Buffer): void {
    if (this.closed) return;
    const waiting = (this.queue?.length ?? 0) + this.pongsWhileLoading.length + this.backlog.length;
    if (waiting >= LIMITS.maxQueuedMessages) {
      this.close(CloseCode.TooManyMessages, 'too many messages waiting');
      return;
    }
    const pong = () => {
      if (!this.closed && this.ws.readyState === this.ws.OPEN) this.ws.pong(data);
    };
    // While loading, a pong waits behind the frames queued so far (see `start`).
    if (this.queue) this.pongsWhileLoading.push({ after: this.queue.length, pong });
    else this.backlog.push(pong);
  }

  /** Starts handing frames to `handler`, beginning with the queued ones. */
  start(handler: (frame: Uint8Array) => void): void {
    const queued = this.queue ?? [];
    const pongs = this.pongsWhileLoading;
    this.queue = null;
    this.pongsWhileLoading = [];
    this.handler = handler;
    const pongsAfter = (count: number) => {
      while (pongs.length > 0 && (pongs[0] as { after: number }).after <= count) {
        this.backlog.push((pongs.shift() as { pong: () => void }).pong);
      }
    };
    pongsAfter(0);
    queued.forEach((frame, i) => {
      this.backlogBytes += frame.byteLength;
      this.backlog.push(() => {
        this.backlogBytes -= frame.byteLength;
        if (!this.closed) handler(frame);
      });
      pongsAfter(i + 1);
    });
  }

  send(frame: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(CloseCode.InternalError, 'connection too slow');
      return;
    }
    this.ws.send(frame, { binary: true });
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.queue = null;
    this.backlog.clear();
    this.backlogBytes = 0;
    this.pongsWhileLoading = [];
    try {
      this.ws.close(code, reason);
    } catch {
      this.ws.terminate();
    }
  }
}
