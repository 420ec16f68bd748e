/** Contracts of the routes for meeting again: the next meeting, the calendar link and feed, email reminders. */
import { z } from 'zod';
import {
  CalendarLinkSchema,
  CalendarLinkStatusSchema,
  NextMeetingResponseSchema,
  ReminderSettingsRequestSchema,
  ReminderSettingsSchema,
  SetNextMeetingRequestSchema,
} from '../schedule.js';
import { IdParams, route } from './define.js';

const hidden = 'Not found, or not one of your partnerships.';
/** A calendar token: 43 characters of base64url (32 random bytes). */
const CalendarTokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });

export const SCHEDULE_ROUTES = {
  nextMeeting: route({
    method: 'GET',
    path: '/api/partnerships/:id/next-meeting',
    summary: 'When the partners next mean to meet (null when not scheduled)',
    auth: 'session',
    params: IdParams,
    success: { status: 200, description: 'The next meeting, or null', schema: NextMeetingResponseSchema },
    errors: { 404: hidden },
  }),
  setNextMeeting: route({
    method: 'PUT',
    path: '/api/partnerships/:id/next-meeting',
    summary: 'Schedule or move the next meeting (either partner); both are told at once',
    description: 'Moving it replaces the reminder due for the old time.',
    auth: 'session',
    params: IdParams,
    body: SetNextMeetingRequestSchema,
    success: { status: 200, description: 'The next meeting', schema: NextMeetingResponseSchema },
    errors: {
      400: '`validation_failed`: not a date and time, or one in the past.',
      404: hidden,
      409: '`partnership_closed`: a partner closed their account.',
    },
  }),
  clearNextMeeting: route({
    method: 'DELETE',
    path: '/api/partnerships/:id/next-meeting',
    summary: 'Clear the next meeting (either partner); its reminders are dropped',
    auth: 'session',
    params: IdParams,
    success: { status: 204, description: 'Cleared (or there was none)' },
    errors: { 404: hidden },
  }),
  nextMeetingIcs: route({
    method: 'GET',
    path: '/api/partnerships/:id/next-meeting.ics',
    summary: 'The next meeting as a calendar file (no notes: who, when, a link)',
    auth: 'session',
    params: IdParams,
    success: { status: 200, description: 'An iCalendar file', contentType: 'text/calendar; charset=utf-8' },
    errors: { 404: '`not_found`: not one of your partnerships, or no meeting is scheduled.' },
  }),
  calendarLink: route({
    method: 'GET',
    path: '/api/me/calendar',
    summary: 'Whether you have a calendar link (the link itself is shown only when made)',
    auth: 'session',
    success: { status: 200, description: 'When the link was made, or null', schema: CalendarLinkStatusSchema },
  }),
  newCalendarLink: route({
    method: 'POST',
    path: '/api/me/calendar',
    summary: 'Make a new private calendar link; the old one stops working at once',
    auth: 'session',
    success: { status: 201, description: 'The link, shown this once', schema: CalendarLinkSchema },
  }),
  deleteCalendarLink: route({
    method: 'DELETE',
    path: '/api/me/calendar',
    summary: 'Turn the calendar link off',
    auth: 'session',
    success: { status: 204, description: 'No link works any more' },
  }),
  calendarFeed: route({
    method: 'GET',
    path: '/api/calendar/:token/tandem.ics',
    summary: "A person's calendar: their partnerships' next meetings and check-back dates, never any notes",
    description: 'The token is the only credential (calendar apps send no cookie); it is stored hashed.',
    auth: 'public',
    params: CalendarTokenParams,
    success: { status: 200, description: 'An iCalendar feed', contentType: 'text/calendar; charset=utf-8' },
    errors: { 404: '`not_found`: no such link, or it was replaced or turned off.' },
  }),
  reminderSettings: route({
    method: 'GET',
    path: '/api/me/reminders',
    summary: 'Which reminder emails you get',
    auth: 'session',
    success: { status: 200, description: 'Your reminder settings', schema: ReminderSettingsSchema },
  }),
  setReminderSettings: route({
    method: 'PUT',
    path: '/api/me/reminders',
    summary: 'Switch reminder emails on or off',
    auth: 'session',
    body: ReminderSettingsRequestSchema,
    success: { status: 200, description: 'Your reminder settings', schema: ReminderSettingsSchema },
    errors: { 400: '`validation_failed`.' },
  }),
} as const;
