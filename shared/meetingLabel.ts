/**
 * How a meeting is named wherever it is listed: "Meeting 4 · Tue 1 December 2026",
 * or "Meeting 4 · Goal setting" when a title was given, so that two meetings on
 * the same day stay apart.
 */
import type { Meeting } from './api.js';

export interface MeetingLabelInput {
  /** The meeting's number within its partnership. */
  number: number;
  /** The title a person gave it, or null (or blank) for none. */
  title: string | null;
  /** ISO-8601 time the meeting was started. */
  startedAt: string;
}

export interface MeetingLabelOptions {
  /** IANA time zone for the date; UTC unless given, like the server's own dates. */
  timeZone?: string;
}

/** "Tue 1 December 2026" (en-GB, without the comma Intl puts after the weekday). */
export function meetingDate(iso: string, options: MeetingLabelOptions = {}): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: options.timeZone ?? 'UTC',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
}

/** "Meeting 4 · Tue 1 December 2026"; a given title replaces the date part. */
export function meetingLabel(
  { number, title, startedAt }: MeetingLabelInput,
  options: MeetingLabelOptions = {},
): string {
  const given = title?.trim();
  return `Meeting ${number} · ${given ? given : meetingDate(startedAt, options)}`;
}

/** `meetingLabel` of a meeting as the API presents it. */
export function labelOf(
  meeting: Pick<Meeting, 'number' | 'title' | 'titleGiven' | 'createdAt'>,
  options?: MeetingLabelOptions,
): string {
  return meetingLabel(
    { number: meeting.number, title: meeting.titleGiven ? meeting.title : null, startedAt: meeting.createdAt },
    options,
  );
}
