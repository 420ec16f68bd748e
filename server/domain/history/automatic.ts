/**
 * Versions recorded on their own, off the live edit path: the edit path only
 * notes the time of a meeting's first unversioned edit and who edited during
 * their visit. A timer records an `auto` version once a meeting has been
 * edited for `intervalMs` since its last version; a person's leaving records
 * a `visit` version if they edited; named versions follow domain events.
 */
import type { Kysely } from 'kysely';
import type { Logger } from '../../logger.js';
import type { Database } from '../../storage/schema.js';
import type { DomainEventMap, DomainEvents } from '../events.js';
import type { RecordRequest, VersionRecorder } from './recorder.js';
import { versionNames } from './versionNames.js';

export interface AutomaticOptions {
  /** Editing time covered by one automatic version (five minutes in production). */
  intervalMs: number;
  now: () => Date;
}

type Listeners = { [K in keyof DomainEventMap]?: (...args: DomainEventMap[K]) => void };

export class AutomaticVersions {
  /** Meeting id -> when its first edit since its last version was stored (ms). */
  private edited = new Map<string, number>();
  /** Meeting id -> people who edited during their current visit. */
  private visitors = new Map<string, Set<string>>();
  private inFlight = new Set<Promise<unknown>>();
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners: Listeners;

  constructor(
    private readonly events: DomainEvents,
    private readonly db: Kysely<Database>,
    private readonly recorder: VersionRecorder,
    private readonly logger: Logger,
    private readonly options: AutomaticOptions,
  ) {
    this.listeners = {
      documentStored: ({ meetingId, userId }) => {
        if (!this.edited.has(meetingId)) this.edited.set(meetingId, this.options.now().getTime());
        if (userId) this.visitorsOf(meetingId).add(userId);
      },
      meetingLeft: ({ meetingId, userId }) => {
        const visitors = this.visitors.get(meetingId);
        if (!visitors?.delete(userId)) return;
        if (visitors.size === 0) this.visitors.delete(meetingId);
        this.record(meetingId, { kind: 'visit', name: null, userId, skipIfUnchanged: true });
      },
      meetingFinished: ({ meetingId, by }) =>
        this.record(meetingId, { kind: 'finished', name: versionNames.finished(by.name), userId: by.id }),
      meetingReopened: ({ meetingId, by }) =>
        this.record(meetingId, { kind: 'reopened', name: versionNames.reopened(by.name), userId: by.id }),
      stepAgreed: ({ meetingId }) =>
        this.record(meetingId, { kind: 'agreed', name: versionNames.agreed(), userId: null }),
      finishedMeetingEditKept: ({ meetingId, userId, update }) => {
        this.track(
          this.nameOf(userId).then(
            (name) => this.recordNow(meetingId, { kind: 'kept', name: versionNames.kept(name), userId, extra: update }),
            (err: unknown) => this.logger.error('history', 'could not keep an edit', { meetingId, userId, err }),
          ),
        );
      },
    };
  }

  /** Starts listening to domain events and checking for due automatic versions. */
  start(): void {
    for (const [event, listener] of Object.entries(this.listeners)) {
      this.events.on(event as keyof DomainEventMap, listener as (...args: unknown[]) => void);
    }
    const every = Math.max(1000, Math.min(60_000, Math.floor(this.options.intervalMs / 5)));
    this.timer = setInterval(() => void this.recordDue(), every);
    this.timer.unref();
  }

  /** Stops listening; versions already under way still complete (see `flush`). */
  stop(): void {
    for (const [event, listener] of Object.entries(this.listeners)) {
      this.events.off(event as keyof DomainEventMap, listener as (...args: unknown[]) => void);
    }
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Records an `auto` version of every meeting edited for at least the interval by `at`. */
  async recordDue(at: Date = this.options.now()): Promise<void> {
    const due = [...this.edited].filter(([, since]) => at.getTime() - since >= this.options.intervalMs);
    await Promise.all(due.map(([meetingId]) => this.recordNow(meetingId, autoRequest)));
  }

  /** Records what is pending (edits not yet in a version) and waits for every recording under way. */
  async flush(): Promise<void> {
    await Promise.all([...this.edited.keys()].map((meetingId) => this.recordNow(meetingId, autoRequest)));
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Notes that a version of the meeting is being recorded now: it covers every edit stored so far. */
  private covered(meetingId: string): void {
    this.edited.delete(meetingId);
  }

  private record(meetingId: string, request: RecordRequest): void {
    this.track(this.recordNow(meetingId, request));
  }

  private recordNow(meetingId: string, request: RecordRequest): Promise<void> {
    this.covered(meetingId);
    const done = this.recorder.record(meetingId, request).then(
      () => undefined,
      (err: unknown) =>
        this.logger.error('history', 'could not record a version', { meetingId, kind: request.kind, err }),
    );
    this.track(done);
    return done;
  }

  private track(promise: Promise<unknown>): void {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise));
  }

  private visitorsOf(meetingId: string): Set<string> {
    let set = this.visitors.get(meetingId);
    if (!set) {
      set = new Set();
      this.visitors.set(meetingId, set);
    }
    return set;
  }

  private async nameOf(userId: string): Promise<string> {
    const row = await this.db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst();
    return row?.name ?? 'Someone';
  }
}

const autoRequest: RecordRequest = { kind: 'auto', name: null, userId: null, skipIfUnchanged: true };
