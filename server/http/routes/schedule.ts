/** Meeting again: the next meeting, the calendar link and feed, reminder settings. */
import type { Request } from 'express';
import { API } from '../../../shared/contract/index.js';
import type { Services } from '../../services.js';
import type { ContractRouter } from '../implement.js';

/** Where the app is reached: the configured public URL, else the address this request came to. */
function publicOrigin(req: Request, services: Services): string {
  return services.config.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

export function scheduleRoutes(api: ContractRouter, services: Services): void {
  const { schedule } = services;

  api.implement(API.nextMeeting, async ({ user, params }) => ({
    nextMeeting: await schedule.nextMeeting(user.id, params.id),
  }));
  api.implement(API.setNextMeeting, async ({ user, params, body }) => ({
    nextMeeting: await schedule.setNextMeeting(user.id, params.id, body.startsAt),
  }));
  api.implement(API.clearNextMeeting, ({ user, params }) => schedule.clearNextMeeting(user.id, params.id));
  api.implement(API.nextMeetingIcs, ({ user, params, req }) =>
    schedule.nextMeetingFile(user.id, params.id, publicOrigin(req, services)),
  );

  api.implement(API.calendarLink, ({ user }) => schedule.calendarLink(user.id));
  api.implement(API.newCalendarLink, ({ user, req }) => schedule.newCalendarLink(user.id, publicOrigin(req, services)));
  api.implement(API.deleteCalendarLink, ({ user }) => schedule.deleteCalendarLink(user.id));
  // Calendar apps send no cookie: the token in the path is the credential.
  api.implement(API.calendarFeed, async ({ params, req }) => ({
    fileName: 'tandem.ics',
    body: await schedule.calendarFeed(params.token, publicOrigin(req, services)),
  }));

  api.implement(API.reminderSettings, ({ user }) => schedule.reminderSettings(user.id));
  api.implement(API.setReminderSettings, ({ user, body }) => schedule.setReminderSettings(user.id, body));
}
