/**
 * The authorization matrix's rows for the next meeting, calendars and
 * reminder settings (spread into HTTP_ROUTES in authorizationTable.ts).
 */
import type { ApiRouteKey } from '../../shared/contract/index.js';
import { everyone, get, partnershipPath, partnersOnly, send, signedIn, type HttpRow } from './matrixRows.js';
import type { World } from './matrixWorld.js';

const nextMeetingPath = (w: World) => `${partnershipPath(w)}/next-meeting`;
/** Three days ahead at 15:30 UTC: a time either partner may set. */
const nextMeetingTime = () => {
  const at = new Date(Date.now() + 3 * 24 * 60 * 60_000);
  at.setUTCHours(15, 30, 0, 0);
  return at.toISOString();
};

/** The partnership has a next meeting (a row before may have cleared it). */
async function ensureNextMeeting(w: World): Promise<void> {
  const { schedule } = w.server.server.services;
  if (!(await schedule.nextMeeting(w.fixture.coach.user.id, w.fixture.partnership.id))) {
    await schedule.setNextMeeting(w.fixture.coach.user.id, w.fixture.partnership.id, nextMeetingTime());
  }
}

type ScheduleRouteKey = Extract<
  ApiRouteKey,
  | `${string} /api/partnerships/:id/next-meeting${string}`
  | `${string} /api/me/calendar`
  | `${string} /api/calendar/${string}`
  | `${string} /api/me/reminders`
>;

export const SCHEDULE_ROWS: Record<ScheduleRouteKey, HttpRow> = {
  'GET /api/partnerships/:id/next-meeting': { request: get(nextMeetingPath), expect: partnersOnly(200) },
  'PUT /api/partnerships/:id/next-meeting': {
    request: (w) => ({ path: nextMeetingPath(w), body: { startsAt: nextMeetingTime() } }),
    expect: partnersOnly(200),
  },
  'DELETE /api/partnerships/:id/next-meeting': {
    request: send(nextMeetingPath),
    expect: partnersOnly(204),
    restore: ensureNextMeeting,
  },
  'GET /api/partnerships/:id/next-meeting.ics': {
    request: async (w) => {
      await ensureNextMeeting(w);
      return { path: `${partnershipPath(w)}/next-meeting.ics` };
    },
    expect: partnersOnly(200),
  },
  'GET /api/me/calendar': { request: get('/api/me/calendar'), expect: signedIn(200) },
  'POST /api/me/calendar': { request: send('/api/me/calendar'), expect: signedIn(201) },
  'DELETE /api/me/calendar': { request: send('/api/me/calendar'), expect: signedIn(204) },
  // Each caller's own feed (signed out: a link that never was). The stranger's and the outsider's name nothing here.
  'GET /api/calendar/:token/tandem.ics': {
    request: async (w, actor) => {
      if (actor === 'anonymous') return { path: `/api/calendar/${'A'.repeat(43)}/tandem.ics` };
      await ensureNextMeeting(w);
      const { url } = await w.server.server.services.schedule.newCalendarLink(w.people[actor].user.id, w.server.url);
      return { path: new URL(url).pathname };
    },
    expect: { ...everyone(200), anonymous: 404 },
  },
  'GET /api/me/reminders': { request: get('/api/me/reminders'), expect: signedIn(200) },
  'PUT /api/me/reminders': {
    request: send('/api/me/reminders', { meetingDayBefore: true, checkBack: false }),
    expect: signedIn(200),
  },
};
