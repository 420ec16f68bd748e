/**
 * Sends reminders that are due, from inside the server process: a tick wakes
 * every minute (stopped on close), reads due rows, claims each one (only one
 * tick, in any process, wins a row), checks it still holds (the meeting still
 * at that time, the person still wants the email, still a partner) and hands
 * it to `deliver`. Rows, not timers, so a restart loses nothing: what fell due
 * while the server was down is sent on the first tick after it starts.
 */
import type { ReminderKind } from '../../../shared/schedule.js';
import { currentCheckBack } from './checkBacks.js';
import { readSettings } from './reminderSettings.js';
import { claimReminder, dueReminders, releaseReminder, settleReminder, type ReminderRow } from './reminderStore.js';
import { partnershipLink, type ScheduleDeps } from './scheduleDeps.js';
import { dayIn } from './zonedTime.js';

/** Everything one reminder email says: who, what kind of thing, when, and links. Never any notes. */
export interface ReminderDelivery {
  kind: ReminderKind;
  to: string;
  name: string;
  partnerName: string;
  /** The meeting's instant (ISO), or the check-back date (`YYYY-MM-DD`). */
  about: string;
  timeZone: string;
  link: string;
  settingsLink: string;
}

export type Deliver = (delivery: ReminderDelivery) => Promise<void>;

export const REMINDER_TICK_MS = 60_000;

export class ReminderJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly deps: ScheduleDeps,
    private readonly deliver: Deliver,
    private readonly baseUrl: () => string,
  ) {}

  /** Wakes every `intervalMs` until `stop`. */
  start(intervalMs = REMINDER_TICK_MS): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.tick().catch((err: unknown) => this.deps.logger.error('reminders', 'a reminder tick failed', { err }));
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops waking and waits for a tick under way. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Sends what is due at `now`; resolves with how many emails went out. */
  tick(now: Date = this.deps.now()): Promise<number> {
    const run = this.sendDue(now).finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  private async sendDue(now: Date): Promise<number> {
    let sent = 0;
    for (const row of await dueReminders(this.deps.db, now)) {
      const claim = await claimReminder(this.deps.db, row, now);
      if (!claim) continue;
      const delivery = await this.delivery(row, now);
      if (typeof delivery === 'string') {
        await settleReminder(this.deps.db, row, claim, delivery, now);
        continue;
      }
      try {
        await this.deliver(delivery);
        await settleReminder(this.deps.db, row, claim, 'sent', now);
        sent += 1;
      } catch (err) {
        this.deps.logger.warn('reminders', 'could not send a reminder; it will be tried again', {
          err,
          kind: row.kind,
        });
        await releaseReminder(this.deps.db, row, claim, now);
      }
    }
    return sent;
  }

  /** The email to send, or why none is sent any more. */
  private async delivery(row: ReminderRow, now: Date): Promise<ReminderDelivery | 'gone' | 'switched_off'> {
    const { db } = this.deps;
    const partnership = await db
      .selectFrom('partnerships as p')
      .innerJoin('users as c', 'c.id', 'p.coach_id')
      .innerJoin('users as t', 't.id', 'p.teacher_id')
      .select([
        'p.coach_id',
        'p.teacher_id',
        'p.closed_at',
        'c.name as coach_name',
        't.name as teacher_name',
        'c.email as coach_email',
        't.email as teacher_email',
        'c.deleted_at as coach_deleted',
        't.deleted_at as teacher_deleted',
      ])
      .where('p.id', '=', row.partnership_id)
      .executeTakeFirst();
    if (!partnership || partnership.closed_at) return 'gone';
    const isCoach = partnership.coach_id === row.user_id;
    if (!isCoach && partnership.teacher_id !== row.user_id) return 'gone';
    if (isCoach ? partnership.coach_deleted : partnership.teacher_deleted) return 'gone';
    const settings = await readSettings(db, row.user_id);
    const kind = row.kind as ReminderKind;

    if (kind === 'meeting_day_before') {
      const next = await db
        .selectFrom('next_meetings')
        .select('starts_at')
        .where('partnership_id', '=', row.partnership_id)
        .executeTakeFirst();
      if (!next || next.starts_at !== row.about || new Date(next.starts_at).getTime() <= now.getTime()) return 'gone';
      if (!settings.meetingDayBefore) return 'switched_off';
    } else {
      const current = await currentCheckBack(this.deps, row.partnership_id);
      if (current?.dueOn !== row.about || dayIn(now, settings.timeZone) !== row.about) return 'gone';
      if (!settings.checkBack) return 'switched_off';
    }
    const base = this.baseUrl();
    return {
      kind,
      to: isCoach ? partnership.coach_email : partnership.teacher_email,
      name: isCoach ? partnership.coach_name : partnership.teacher_name,
      partnerName: isCoach ? partnership.teacher_name : partnership.coach_name,
      about: row.about,
      timeZone: settings.timeZone,
      link: partnershipLink(base, row.partnership_id),
      settingsLink: `${base}/account#reminders`,
    };
  }
}
