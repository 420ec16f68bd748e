/** Typed calls for the next meeting, the calendar link and reminder settings (see shared/schedule.ts). */
import { API } from '../../../shared/contract/index.js';
import type { CalendarLink, NextMeeting, ReminderSettings, ReminderSettingsRequest } from '../../../shared/schedule.js';
import { call, pathOf } from './call.js';

export const fetchNextMeeting = async (id: string): Promise<NextMeeting | null> =>
  (await call(API.nextMeeting, { params: { id } })).nextMeeting;
export const setNextMeeting = async (id: string, startsAt: string): Promise<NextMeeting | null> =>
  (await call(API.setNextMeeting, { params: { id }, body: { startsAt } })).nextMeeting;
export const clearNextMeeting = (id: string): Promise<void> => call(API.clearNextMeeting, { params: { id } });
export const nextMeetingIcsUrl = (id: string): string => pathOf(API.nextMeetingIcs, { params: { id } });

export const fetchCalendarLink = () => call(API.calendarLink);
export const newCalendarLink = (): Promise<CalendarLink> => call(API.newCalendarLink);
export const deleteCalendarLink = (): Promise<void> => call(API.deleteCalendarLink);

export const fetchReminderSettings = (): Promise<ReminderSettings> => call(API.reminderSettings);
export const saveReminderSettings = (settings: ReminderSettingsRequest): Promise<ReminderSettings> =>
  call(API.setReminderSettings, { body: settings });
