/**
 * Quotas: how much one partnership or one person may make, so that no one can fill the server (and the
 * timeline, search and exports that read it all back). Meetings started per partnership per day, open
 * invitations per person, and stored bytes per partnership (the sum of its meetings' stored update logs).
 * The numbers are `LIMITS`; the HTTP answers are in the route contracts and the README.
 */
import { sql, type Kysely } from 'kysely';
import { LIMITS } from '../../../shared/limits.js';
import { AppError } from '../../errors.js';
import type { Database } from '../../storage/schema.js';

export interface QuotaLimits {
  meetingsPerPartnershipPerDay: number;
  openInvitesPerPerson: number;
  storedBytesPerPartnership: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export const quotaErrors = {
  tooManyMeetings: (limit: number) =>
    new AppError(
      'too_many_meetings',
      429,
      `This partnership has started ${limit} meetings in the last 24 hours. Carry on in one of them, or start the next one tomorrow.`,
    ),
  tooManyInvites: (limit: number) =>
    new AppError(
      'too_many_invites',
      429,
      `You have ${limit} invitations waiting to be accepted. Send one of those links, or wait until they expire.`,
    ),
  storageFull: () =>
    new AppError(
      'storage_full',
      409,
      "This partnership's notes have reached the storage limit, so no new meeting can be started.",
    ),
};

export class Quotas {
  /** The limits in force (from `LIMITS`; a test may lower them on its own server). */
  readonly limits: QuotaLimits = {
    meetingsPerPartnershipPerDay: LIMITS.meetingsPerPartnershipPerDay,
    openInvitesPerPerson: LIMITS.openInvitesPerPerson,
    storedBytesPerPartnership: LIMITS.maxStoredBytesPerPartnership,
  };
  /** Live meetings' partnerships, and each such partnership's stored bytes as the live rooms grow them. */
  private readonly partnershipOf = new Map<string, string>();
  private readonly liveBytes = new Map<string, number>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Before starting a meeting: `too_many_meetings` (429) or `storage_full` (409). */
  async requireMeetingRoom(partnershipId: string): Promise<void> {
    const since = new Date(this.now().getTime() - DAY_MS).toISOString();
    const started = await this.db
      .selectFrom('meetings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('partnership_id', '=', partnershipId)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
    const limit = this.limits.meetingsPerPartnershipPerDay;
    if (Number(started.n) >= limit) throw quotaErrors.tooManyMeetings(limit);
    if ((await this.storedBytes(partnershipId)) >= this.limits.storedBytesPerPartnership) {
      throw quotaErrors.storageFull();
    }
  }

  /** Before making an invitation: `too_many_invites` (429) while the person has that many open. */
  async requireInviteRoom(inviterId: string): Promise<void> {
    const open = await this.db
      .selectFrom('invites')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('inviter_id', '=', inviterId)
      .where('accepted_at', 'is', null)
      .where('expires_at', '>', this.now().toISOString())
      .executeTakeFirstOrThrow();
    const limit = this.limits.openInvitesPerPerson;
    if (Number(open.n) >= limit) throw quotaErrors.tooManyInvites(limit);
  }

  /** The partnership's stored bytes: every stored update of every one of its meetings. */
  async storedBytes(partnershipId: string): Promise<number> {
    const row = await this.db
      .selectFrom('doc_updates')
      .innerJoin('meetings', 'meetings.id', 'doc_updates.meeting_id')
      .select(sql<number | string | null>`sum(length(doc_updates.data))`.as('bytes'))
      .where('meetings.partnership_id', '=', partnershipId)
      .executeTakeFirst();
    return Number(row?.bytes ?? 0);
  }

  /**
   * Called when a live room loads its meeting: reads what the meeting's partnership holds, so that
   * `admits` can answer at once for every update the room is about to store.
   */
  async watch(meetingId: string): Promise<void> {
    const meeting = await this.db
      .selectFrom('meetings')
      .select('partnership_id')
      .where('id', '=', meetingId)
      .executeTakeFirst();
    if (!meeting) return;
    const bytes = await this.storedBytes(meeting.partnership_id);
    this.partnershipOf.set(meetingId, meeting.partnership_id);
    this.liveBytes.set(meeting.partnership_id, bytes);
  }

  /**
   * True when a live room may store `bytes` more for `meetingId` (and counts them); false when the
   * partnership would grow past `storedBytesPerPartnership`. Synchronous, so a room asks it in order.
   */
  /** A compaction of `meetingId` freed `bytes` of stored log. */
  release(meetingId: string, bytes: number): void {
    const partnershipId = this.partnershipOf.get(meetingId);
    if (partnershipId === undefined || bytes <= 0) return;
    this.liveBytes.set(partnershipId, Math.max(0, (this.liveBytes.get(partnershipId) ?? 0) - bytes));
  }

  /** Another process stored `bytes` more for `meetingId` (several processes): counted, never refused. */
  count(meetingId: string, bytes: number): void {
    const partnershipId = this.partnershipOf.get(meetingId);
    if (partnershipId === undefined || bytes <= 0) return;
    this.liveBytes.set(partnershipId, (this.liveBytes.get(partnershipId) ?? 0) + bytes);
  }

  admits(meetingId: string, bytes: number): boolean {
    const partnershipId = this.partnershipOf.get(meetingId);
    if (partnershipId === undefined) return true;
    const stored = this.liveBytes.get(partnershipId) ?? 0;
    if (stored + bytes > this.limits.storedBytesPerPartnership) return false;
    this.liveBytes.set(partnershipId, stored + bytes);
    return true;
  }
}
