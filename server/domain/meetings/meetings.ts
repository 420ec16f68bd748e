/**
 * Meetings of a partnership: start, list, open and end. Only the two partners
 * may do any of these; to anyone else the meeting does not exist.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { User } from '../../../shared/api.js';
import { errors, invariant } from '../../errors.js';
import type { Database, MeetingRow } from '../../storage/schema.js';
import { meetingAccess, partnershipAccess } from '../access.js';
import type { DomainEvents } from '../events.js';
import type { Quotas } from '../partnerships/quotas.js';

/** A meeting with the names of whoever started it, finished it and last reopened it. */
export interface MeetingRecord {
  row: MeetingRow;
  creatorName: string;
  /** Null while the meeting is open. */
  finisherName: string | null;
  reopenerName: string | null;
}

/**
 * Two partners starting at once may both pick the next number; the unique index lets one win, the others
 * retry. Each round one start wins, so n starts at once need up to n tries: room for many more than two
 * people's devices (six at once lost a fifth race with 5).
 */
const NUMBERING_ATTEMPTS = 20;

/** What meeting commands need; a `Services` object fits. */
export interface MeetingDeps {
  db: Kysely<Database>;
  events: DomainEvents;
  /** The clock; tests may pass their own. */
  now?: () => Date;
}

const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "Meeting on 22 November 2026": the title when none is given. */
export function defaultMeetingTitle(date: Date): string {
  return `Meeting on ${DATE_FORMAT.format(date)}`;
}

const meetingNotFound = () => errors.notFound('That meeting');
const partnershipNotFound = () => errors.notFound('That partnership');
const partnershipClosed = () =>
  errors.conflict(
    'partnership_closed',
    'Your partner has closed their Tandem account, so new meetings cannot be started here. ' +
      'Your shared notes stay with you to read and edit.',
  );

function selectWithCreator(db: Kysely<Database>) {
  return db
    .selectFrom('meetings as m')
    .innerJoin('users as u', 'u.id', 'm.created_by')
    .leftJoin('users as f', 'f.id', 'm.finished_by')
    .leftJoin('users as r', 'r.id', 'm.reopened_by')
    .selectAll('m')
    .select(['u.name as creator_name', 'f.name as finisher_name', 'r.name as reopener_name']);
}

type RowWithNames = MeetingRow & { creator_name: string; finisher_name: string | null; reopener_name: string | null };

function toRecord(row: RowWithNames): MeetingRecord {
  const { creator_name, finisher_name, reopener_name, ...meeting } = row;
  return { row: meeting, creatorName: creator_name, finisherName: finisher_name, reopenerName: reopener_name };
}

/** The meeting with its people's names; the meeting must exist. */
export async function loadRecord(db: Kysely<Database>, meetingId: string): Promise<MeetingRecord> {
  const row = await selectWithCreator(db).where('m.id', '=', meetingId).executeTakeFirst();
  invariant(row, `meeting ${meetingId} exists`);
  return toRecord(row);
}

/**
 * Ends a meeting on behalf of either partner. Idempotent: ending an ended
 * meeting returns it unchanged and tells no one again. Exported on its own so
 * the socket layer can call it with its services.
 */
export async function endMeeting(deps: MeetingDeps, userId: string, meetingId: string): Promise<MeetingRecord> {
  const access = await meetingAccess(deps.db, userId, meetingId);
  if (!access) throw meetingNotFound();
  if (access.meeting.ended_at === null) {
    const endedAt = (deps.now ?? (() => new Date()))().toISOString();
    // Guarded on `ended_at is null` so that two partners ending at once emit one event.
    const result = await deps.db
      .updateTable('meetings')
      .set({ ended_at: endedAt })
      .where('id', '=', meetingId)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) {
      deps.events.emit('meetingEnded', { meetingId, partnershipId: access.partnership.id, endedAt });
    }
  }
  return loadRecord(deps.db, meetingId);
}

export class Meetings {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly events: DomainEvents,
    private readonly now: () => Date = () => new Date(),
    private readonly quotas: Quotas | null = null,
  ) {}

  /** Starts a meeting in a partnership the user belongs to; `partnership_closed` (409) once it is closed. */
  async create(user: Pick<User, 'id' | 'name'>, partnershipId: string, title?: string): Promise<MeetingRecord> {
    const access = await partnershipAccess(this.db, user.id, partnershipId);
    if (!access) throw partnershipNotFound();
    if (access.partnership.closed_at !== null) throw partnershipClosed();
    await this.quotas?.requireMeetingRoom(partnershipId);
    const row = await this.insertNumbered(user.id, partnershipId, title?.trim() || null);
    this.events.emit('meetingStarted', {
      meetingId: row.id,
      partnershipId,
      startedBy: { id: user.id, name: user.name },
    });
    return { row, creatorName: user.name, finisherName: null, reopenerName: null };
  }

  /** The partnership's meetings, newest first. */
  async list(userId: string, partnershipId: string): Promise<MeetingRecord[]> {
    const access = await partnershipAccess(this.db, userId, partnershipId);
    if (!access) throw partnershipNotFound();
    const rows = await selectWithCreator(this.db)
      .where('m.partnership_id', '=', partnershipId)
      .orderBy('m.created_at', 'desc')
      .orderBy('m.id', 'desc')
      .execute();
    return rows.map(toRecord);
  }

  async get(userId: string, meetingId: string): Promise<MeetingRecord> {
    const access = await meetingAccess(this.db, userId, meetingId);
    if (!access) throw meetingNotFound();
    return loadRecord(this.db, meetingId);
  }

  end(userId: string, meetingId: string): Promise<MeetingRecord> {
    return endMeeting({ db: this.db, events: this.events, now: this.now }, userId, meetingId);
  }

  /**
   * Inserts the meeting with the partnership's next number, in one transaction
   * with reading the latest one. Its time is `now`, or just after the latest
   * meeting when that is not earlier, so that "newest first" is the order
   * meetings were started (and numbered) even within one millisecond.
   */
  private async insertNumbered(userId: string, partnershipId: string, title: string | null): Promise<MeetingRow> {
    for (let attempt = 1; ; attempt++) {
      const now = this.now();
      let tried: number | null = null;
      try {
        return await this.db.transaction().execute(async (trx) => {
          const latest = await trx
            .selectFrom('meetings')
            .select(['created_at', 'number'])
            .where('partnership_id', '=', partnershipId)
            .orderBy('number', 'desc')
            .limit(1)
            .executeTakeFirst();
          const latestMs = latest ? Date.parse(latest.created_at) : Number.NEGATIVE_INFINITY;
          tried = (latest ? Number(latest.number) : 0) + 1;
          const row: MeetingRow = {
            id: randomUUID(),
            partnership_id: partnershipId,
            title: title ?? defaultMeetingTitle(now),
            created_by: userId,
            created_at: new Date(Math.max(now.getTime(), latestMs + 1)).toISOString(),
            ended_at: null,
            action_step_preview: null,
            finished_at: null,
            finished_by: null,
            reopened_at: null,
            reopened_by: null,
            number: tried,
            title_given: title === null ? 0 : 1,
          };
          await trx.insertInto('meetings').values(row).execute();
          return row;
        });
      } catch (err) {
        if (attempt >= NUMBERING_ATTEMPTS) throw err;
        // Only a lost race for the number is worth another try; anything else is a real failure.
        if (tried === null || !(await this.numberTaken(partnershipId, tried))) throw err;
      }
    }
  }

  /** True when another meeting of the partnership holds `number` now (what a lost race leaves behind). */
  private async numberTaken(partnershipId: string, number: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('meetings')
      .select('id')
      .where('partnership_id', '=', partnershipId)
      .where('number', '=', number)
      .executeTakeFirst();
    return row !== undefined;
  }
}
