/**
 * Finishing and reopening a meeting. A finished meeting is read-only for both
 * partners: its document refuses edits (collab/room/room.ts) and commands that
 * change its facts answer 409 `meeting_finished` (`assertMeetingOpen`). Either
 * partner may finish or reopen; to anyone else the meeting does not exist.
 * A meeting of a closed partnership can still be finished and reopened: the
 * partner who stays keeps reading and editing the shared notes, so they also
 * decide when those notes are done.
 */
import type { Kysely } from 'kysely';
import type { Person } from '../../../shared/api.js';
import { errors } from '../../errors.js';
import type { Database, MeetingRow } from '../../storage/schema.js';
import { meetingAccess, type MeetingAccess } from '../access.js';
import type { DomainEvents } from '../events.js';
import { loadRecord, type MeetingRecord } from './meetings.js';

/** True when the role may finish and reopen the meeting: either partner (the coach leads, but the record is shared). */
export function mayFinishOrReopen(access: MeetingAccess): boolean {
  return access.role === 'coach' || access.role === 'teacher';
}

/** Throws 409 `meeting_finished` when the meeting is finished: the one check every fact command makes. */
export function assertMeetingOpen(meeting: Pick<MeetingRow, 'finished_at'>): void {
  if (meeting.finished_at !== null) throw errors.meetingFinished();
}

/** Whether a meeting is finished now, as stored (false when there is no such meeting). */
export async function isMeetingFinished(db: Kysely<Database>, meetingId: string): Promise<boolean> {
  const row = await db.selectFrom('meetings').select('finished_at').where('id', '=', meetingId).executeTakeFirst();
  return row?.finished_at != null;
}

/** The commands; built once in `services.ts`. */
export class MeetingFinishing {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly events: DomainEvents,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Finishes the meeting for both partners and tells everyone (`meetingFinished`).
   * 404 `not_found` to outsiders, 409 `already_finished` when it is finished (also
   * when both partners press at once: one wins).
   */
  async finish(userId: string, meetingId: string): Promise<MeetingRecord> {
    const { access, by } = await this.authorize(userId, meetingId);
    const at = this.now().toISOString();
    const result = await this.db
      .updateTable('meetings')
      .set({ finished_at: at, finished_by: userId })
      .where('id', '=', meetingId)
      .where('finished_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw errors.alreadyFinished();
    this.events.emit('meetingFinished', { meetingId, partnershipId: access.partnership.id, at, by });
    return loadRecord(this.db, meetingId);
  }

  /**
   * Opens a finished meeting for editing again and tells everyone (`meetingReopened`).
   * 404 `not_found` to outsiders, 409 `not_finished` when it is open.
   */
  async reopen(userId: string, meetingId: string): Promise<MeetingRecord> {
    const { access, by } = await this.authorize(userId, meetingId);
    const at = this.now().toISOString();
    const result = await this.db
      .updateTable('meetings')
      .set({ finished_at: null, finished_by: null, reopened_at: at, reopened_by: userId })
      .where('id', '=', meetingId)
      .where('finished_at', 'is not', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw errors.notFinished();
    this.events.emit('meetingReopened', { meetingId, partnershipId: access.partnership.id, at, by });
    return loadRecord(this.db, meetingId);
  }

  private async authorize(userId: string, meetingId: string): Promise<{ access: MeetingAccess; by: Person }> {
    const access = await meetingAccess(this.db, userId, meetingId);
    if (!access || !mayFinishOrReopen(access)) throw errors.notFound('That meeting');
    const user = await this.db.selectFrom('users').select(['id', 'name']).where('id', '=', userId).executeTakeFirst();
    return { access, by: { id: userId, name: user?.name ?? 'Someone' } };
  }
}
