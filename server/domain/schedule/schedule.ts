/**
 * Meeting again: the next meeting of each partnership, calendars and email
 * reminders, as one service. Check-back reminders follow the coaching facts
 * (`coachingChanged`); the reminder job runs from `start` to `close`.
 */
import type { NextMeeting, ReminderSettingsRequest } from '../../../shared/schedule.js';
import type { DomainEventMap } from '../events.js';
import { calendarFeed, calendarLinkStatus, deleteCalendarLink, newCalendarLink, nextMeetingFile } from './calendar.js';
import { syncCheckBack, syncCheckBacksOf } from './checkBacks.js';
import { clearNextMeeting, getNextMeeting, readNextMeeting, setNextMeeting } from './nextMeetings.js';
import { ReminderJob, type Deliver } from './reminderJob.js';
import { readSettings, writeSettings } from './reminderSettings.js';
import type { ScheduleDeps } from './scheduleDeps.js';

export class Schedule {
  readonly reminders: ReminderJob;
  private readonly pending = new Set<Promise<void>>();
  private baseUrl: string;

  constructor(
    private readonly deps: ScheduleDeps,
    deliver: Deliver,
    options: { baseUrl: string },
  ) {
    this.baseUrl = options.baseUrl;
    this.reminders = new ReminderJob(deps, deliver, () => this.baseUrl);
    deps.events.on('coachingChanged', this.onCoachingChanged);
  }

  /** Where links in emails lead when there is no `PUBLIC_URL` (the address the server listens on). */
  useBaseUrl(url: string): void {
    this.baseUrl = url;
  }

  /** Starts the reminder job. */
  start(intervalMs?: number): void {
    this.reminders.start(intervalMs);
  }

  /** Waits for check-back reminders being brought in line with a change (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  async close(): Promise<void> {
    this.deps.events.off('coachingChanged', this.onCoachingChanged);
    await this.flush();
    await this.reminders.stop();
  }

  private readonly onCoachingChanged = ({ partnershipId }: DomainEventMap['coachingChanged'][0]) => {
    const work = syncCheckBack(this.deps, partnershipId)
      .catch((err: unknown) => this.deps.logger.error('reminders', 'could not update a check-back reminder', { err }))
      .finally(() => this.pending.delete(work));
    this.pending.add(work);
  };

  /** The next meetings of partnerships the caller already may see (the home page's), by partnership. */
  async nextMeetingsOf(partnershipIds: string[]): Promise<Map<string, NextMeeting>> {
    const found = await Promise.all(partnershipIds.map((id) => readNextMeeting(this.deps, id)));
    return new Map(found.filter((n) => n !== null).map((n) => [n.partnershipId, n]));
  }

  nextMeeting(userId: string, partnershipId: string) {
    return getNextMeeting(this.deps, userId, partnershipId);
  }
  setNextMeeting(userId: string, partnershipId: string, startsAt: string) {
    return setNextMeeting(this.deps, userId, partnershipId, startsAt);
  }
  clearNextMeeting(userId: string, partnershipId: string) {
    return clearNextMeeting(this.deps, userId, partnershipId);
  }
  nextMeetingFile(userId: string, partnershipId: string, baseUrl: string) {
    return nextMeetingFile(this.deps, userId, partnershipId, baseUrl);
  }

  calendarLink(userId: string) {
    return calendarLinkStatus(this.deps, userId);
  }
  newCalendarLink(userId: string, baseUrl: string) {
    return newCalendarLink(this.deps, userId, baseUrl);
  }
  deleteCalendarLink(userId: string) {
    return deleteCalendarLink(this.deps, userId);
  }
  calendarFeed(token: string, baseUrl: string) {
    return calendarFeed(this.deps, token, baseUrl);
  }

  reminderSettings(userId: string) {
    return readSettings(this.deps.db, userId);
  }
  async setReminderSettings(userId: string, request: ReminderSettingsRequest) {
    const before = await readSettings(this.deps.db, userId);
    const after = await writeSettings(this.deps.db, userId, request, this.deps.now());
    // Check-back reminders are due at 08:00 in the person's zone: a new zone moves them.
    if (after.timeZone !== before.timeZone) await syncCheckBacksOf(this.deps, userId);
    return after;
  }
}
