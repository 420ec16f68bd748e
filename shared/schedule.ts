/**
 * The next meeting, the calendar link and email reminders: wire shapes parsed
 * on both ends, and how a meeting's time is written for people (British
 * English, in the reader's own time zone; the instant itself is stored in UTC).
 */
import { z } from 'zod';
import { IdSchema, PersonSchema } from './api.js';

/** The next time a partnership means to meet, as either partner set it. */
export const NextMeetingSchema = z.object({
  partnershipId: IdSchema,
  /** ISO-8601 instant (UTC). */
  startsAt: z.string(),
  setBy: PersonSchema,
  setAt: z.string(),
});
export type NextMeeting = z.infer<typeof NextMeetingSchema>;

export const NextMeetingResponseSchema = z.object({ nextMeeting: NextMeetingSchema.nullable() });
export type NextMeetingResponse = z.infer<typeof NextMeetingResponseSchema>;

export const SetNextMeetingRequestSchema = z.object({
  /** An instant with its offset, e.g. `2026-12-10T15:30:00.000Z`; the client converts the person's local time. */
  startsAt: z.iso.datetime({ offset: true, message: 'Choose a date and a time' }),
});
export type SetNextMeetingRequest = z.infer<typeof SetNextMeetingRequestSchema>;

/** Whether the person has a calendar link; the link itself is shown only once, when it is made. */
export const CalendarLinkStatusSchema = z.object({ createdAt: z.string().nullable() });
export type CalendarLinkStatus = z.infer<typeof CalendarLinkStatusSchema>;

export const CalendarLinkSchema = z.object({ url: z.string(), createdAt: z.string() });
export type CalendarLink = z.infer<typeof CalendarLinkSchema>;

export const REMINDER_KINDS = ['meeting_day_before', 'check_back'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export const ReminderSettingsSchema = z.object({
  /** An email the day before a scheduled meeting. */
  meetingDayBefore: z.boolean(),
  /** An email on the morning of an action step's check-back date. */
  checkBack: z.boolean(),
  /** IANA time zone the emails write times in, e.g. `Europe/London`. */
  timeZone: z.string(),
});
export type ReminderSettings = z.infer<typeof ReminderSettingsSchema>;

export const ReminderSettingsRequestSchema = z.object({
  meetingDayBefore: z.boolean(),
  checkBack: z.boolean(),
  timeZone: z.string().max(64).refine(isTimeZone, 'Not a time zone').optional(),
});
export type ReminderSettingsRequest = z.infer<typeof ReminderSettingsRequestSchema>;

/** Where no one has said otherwise: Tandem is written for schools in the UK. */
export const DEFAULT_TIME_ZONE = 'Europe/London';

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** "Thursday 10 December, 15:30" (with the year when it is not this year's), in `timeZone` or the reader's own. */
export function formatMeetingTime(iso: string, options: { timeZone?: string; now?: Date } = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const { timeZone } = options;
  const year = (d: Date) => new Intl.DateTimeFormat('en-GB', { year: 'numeric', timeZone }).format(d);
  const sameYear = year(date) === year(options.now ?? new Date());
  const day = new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(sameYear ? {} : { year: 'numeric' }),
    timeZone,
  }).format(date);
  const time = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(date);
  return `${day}, ${time}`;
}

/** "Thursday 10 December" for a calendar date (`YYYY-MM-DD`), whatever the reader's zone. */
export function formatCalendarDate(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    date,
  );
}

export const ScheduleServerEvent = {
  /** A partner scheduled, moved or cleared the next meeting; sent to both partners. Payload: `NextMeetingChangedSchema`. */
  NextMeetingChanged: 'partnership:next-meeting',
} as const;

export const NextMeetingChangedSchema = z.object({
  partnershipId: IdSchema,
  nextMeeting: NextMeetingSchema.nullable(),
});
export type NextMeetingChanged = z.infer<typeof NextMeetingChangedSchema>;
