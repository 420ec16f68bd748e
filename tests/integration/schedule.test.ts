/**
 * Meeting again, end to end on a real server (port 0, a real SQLite file or
 * PostgreSQL database) and a real SMTP server: either partner schedules the next
 * meeting and both see it; the calendar feed and the one-meeting file are valid
 * iCalendar holding no notes and nothing of anyone else's partnership; the link
 * can be replaced; reminders go out once each, across a restart, as switched.
 * Time is moved by handing the reminder job its `now`, never by waiting.
 */
import ical, { type VEvent } from 'node-ical';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HomeResponseSchema } from '../../shared/home.js';
import { createDomainEvents } from '../../server/domain/events.js';
import { Schedule } from '../../server/domain/schedule/schedule.js';
import {
  CalendarLinkSchema,
  NextMeetingChangedSchema,
  NextMeetingResponseSchema,
  ScheduleServerEvent,
  type NextMeetingChanged,
} from '../../shared/schedule.js';
import { backendsToTest } from '../helpers/backends.js';
import { daysFromToday, writeSection } from '../helpers/coaching.js';
import { buildMeeting, buildPartnership, buildUser, type UserFixture } from '../helpers/factories.js';
import { nextEvent, openRealtimeSocket } from '../helpers/realtimeClient.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtpServer.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const backends = await backendsToTest();
const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

/** `days` from now at hh:mm UTC, as an ISO instant. */
function at(days: number, hh: number, mm: number): string {
  const d = new Date(Date.now() + days * DAY);
  d.setUTCHours(hh, mm, 0, 0);
  return d.toISOString();
}

const put = (person: UserFixture, path: string, body: unknown) => person.client.request('PUT', path, { body });
const del = (person: UserFixture, path: string) => person.client.request('DELETE', path);

async function homeNext(person: UserFixture, partnershipId: string) {
  const res = await person.client.get('/api/home');
  expect(res.status).toBe(200);
  const summary = HomeResponseSchema.parse(res.body).partnerships.find((p) => p.partnership.id === partnershipId);
  return summary?.nextMeeting ?? null;
}

/** A property's text, whether node-ical gives it plain or with parameters. */
const plain = (value: unknown): string =>
  typeof value === 'string' ? value : String((value as { val?: unknown } | undefined)?.val ?? '');

function events(text: string): VEvent[] {
  return Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === 'VEVENT');
}

describe.each(backends)('meeting again (%s)', (backend) => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  // A server per test, so one test's reminders never fall due in another's ticks.
  beforeEach(async () => {
    server = await startTestServer({ backend, env: { SMTP_URL: smtp.url } });
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await server.stop();
  });
  afterAll(async () => {
    await smtp?.stop();
  });

  const mailTo = (person: UserFixture) => smtp.received.filter((m) => m.to.includes(person.email.toLowerCase()));

  it('lets either partner schedule, move and clear the next meeting, live for the other; refuses anyone else', async () => {
    const { coach, teacher, partnership } = await buildPartnership(server);
    const outsider = await buildUser(server);
    const path = `/api/partnerships/${partnership.id}/next-meeting`;
    const teacherSocket = await openRealtimeSocket(server.url, teacher.cookie);
    sockets.push(teacherSocket);
    const changed = (until: (e: NextMeetingChanged) => boolean) =>
      nextEvent(teacherSocket, ScheduleServerEvent.NextMeetingChanged, (v) => NextMeetingChangedSchema.parse(v), until);

    const first = at(3, 15, 30);
    const seen = changed((e) => e.nextMeeting?.startsAt === first);
    const set = await put(coach, path, { startsAt: first });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(NextMeetingResponseSchema.parse(set.body).nextMeeting).toMatchObject({
      startsAt: first,
      setBy: { id: coach.user.id, name: coach.user.name },
    });
    expect((await seen).partnershipId).toBe(partnership.id);
    expect((await homeNext(teacher, partnership.id))?.startsAt).toBe(first);
    expect((await homeNext(coach, partnership.id))?.startsAt).toBe(first);

    // The teacher moves it, giving the time with an offset: the server keeps the UTC instant.
    const moved = at(4, 9, 0);
    const local = new Date(moved);
    const withOffset = `${new Date(local.getTime() + HOUR).toISOString().slice(0, 19)}+01:00`;
    const move = await put(teacher, path, { startsAt: withOffset });
    expect(move.status, JSON.stringify(move.body)).toBe(200);
    expect(NextMeetingResponseSchema.parse(move.body).nextMeeting?.startsAt).toBe(moved);
    expect((await homeNext(coach, partnership.id))?.setBy.id).toBe(teacher.user.id);

    // Outsiders see nothing and change nothing; times that have passed are refused.
    expect((await outsider.client.get(path)).status).toBe(404);
    expect((await put(outsider, path, { startsAt: at(5, 10, 0) })).status).toBe(404);
    expect((await del(outsider, path)).status).toBe(404);
    expect((await put(coach, path, { startsAt: at(-1, 10, 0) })).status).toBe(400);
    expect((await put(coach, path, { startsAt: 'next Thursday' })).status).toBe(400);
    expect((await homeNext(coach, partnership.id))?.startsAt).toBe(moved);

    const cleared = changed((e) => e.nextMeeting === null);
    expect((await del(teacher, path)).status).toBe(204);
    await cleared;
    expect(await homeNext(coach, partnership.id)).toBeNull();
    expect(NextMeetingResponseSchema.parse((await coach.client.get(path)).body).nextMeeting).toBeNull();
  });

  it('stops calling a meeting "next" two hours after it began, so partners are asked for the one after', async () => {
    const { coach, partnership } = await buildPartnership(server);
    const startsAt = at(1, 15, 30);
    await put(coach, `/api/partnerships/${partnership.id}/next-meeting`, { startsAt });
    const { db, logger } = server.server.services;
    const later = (ms: number) =>
      new Schedule(
        { db, logger, events: createDomainEvents(), now: () => new Date(Date.parse(startsAt) + ms) },
        () => Promise.resolve(),
        { baseUrl: server.url },
      );
    expect((await later(2 * HOUR - 60_000).nextMeetingsOf([partnership.id])).get(partnership.id)?.startsAt).toBe(
      startsAt,
    );
    expect((await later(2 * HOUR).nextMeetingsOf([partnership.id])).size).toBe(0);
    // The calendar keeps the meeting that happened.
    const file = await later(DAY).nextMeetingFile(coach.user.id, partnership.id, server.url);
    expect(events(file.body)).toHaveLength(1);
  });

  it('serves a private calendar feed with no notes and nothing of other partnerships; a new link revokes the old', async () => {
    const ours = await buildMeeting(server);
    const { coach, teacher, partnership, meeting } = ours;
    const secretStep = 'Secret-step: Wisteria count of five';
    const secretGoal = 'Secret-goal: Obsidian quiet corner';
    await writeSection(server, teacher, meeting.id, 'actionStep', secretStep);
    await writeSection(server, coach, meeting.id, 'goal', secretGoal);
    const dueOn = daysFromToday(6);
    expect((await put(teacher, `/api/meetings/${meeting.id}/step-due`, { dueOn })).status).toBe(200);
    const startsAt = at(5, 15, 30);
    expect((await put(coach, `/api/partnerships/${partnership.id}/next-meeting`, { startsAt })).status).toBe(200);

    // Someone else's partnership, with a meeting of its own, shares no one with the teacher.
    const theirs = await buildPartnership(server);
    await put(theirs.coach, `/api/partnerships/${theirs.partnership.id}/next-meeting`, { startsAt: at(2, 10, 0) });

    const made = await teacher.client.post('/api/me/calendar');
    expect(made.status).toBe(201);
    const { url } = CalendarLinkSchema.parse(made.body);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/calendar\/[A-Za-z0-9_-]{43}\/tandem\.ics$/);

    // A calendar app sends no cookie.
    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await feed.text();
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    const found = events(text);
    expect(found.map((e) => plain(e.summary)).sort()).toEqual([
      `Check back on your action step with ${coach.user.name}`,
      `Coaching meeting with ${coach.user.name}`,
    ]);
    const meetingEvent = found.find((e) => plain(e.summary).startsWith('Coaching meeting'));
    expect(meetingEvent?.start.toISOString()).toBe(startsAt);
    expect(plain(meetingEvent?.url)).toContain(`/partnerships/${partnership.id}`);
    const checkBack = found.find((e) => plain(e.summary).startsWith('Check back'));
    expect(checkBack?.datetype).toBe('date');
    expect(text).toContain(`DTSTART;VALUE=DATE:${dueOn.replaceAll('-', '')}`);
    for (const absent of [secretStep, secretGoal, 'Secret', theirs.coach.user.name, theirs.teacher.user.name]) {
      expect(text).not.toContain(absent);
    }
    expect(text).not.toContain(theirs.partnership.id);

    // The status says a link exists without showing it again.
    const status = await teacher.client.get('/api/me/calendar');
    expect(status.body).toEqual({ createdAt: expect.any(String) });

    const renewed = CalendarLinkSchema.parse((await teacher.client.post('/api/me/calendar')).body);
    expect(renewed.url).not.toBe(url);
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(renewed.url)).status).toBe(200);

    expect((await del(teacher, '/api/me/calendar')).status).toBe(204);
    expect((await fetch(renewed.url)).status).toBe(404);
    expect((await teacher.client.get('/api/me/calendar')).body).toEqual({ createdAt: null });
  });

  it('never writes a calendar token to the log', async () => {
    const lines: string[] = [];
    const logged = await startTestServer({ backend, logLevel: 'debug', logSink: (line) => lines.push(line) });
    try {
      const person = await buildUser(logged);
      const { url } = CalendarLinkSchema.parse((await person.client.post('/api/me/calendar')).body);
      expect((await fetch(url)).status).toBe(200);
      const token = new URL(url).pathname.split('/')[3] ?? '';
      expect(token).toHaveLength(43);
      expect(lines.join('\n')).toContain('GET /api/calendar/…/tandem.ics');
      expect(lines.join('\n')).not.toContain(token);
    } finally {
      await logged.stop();
    }
  });

  it('downloads one meeting as a calendar file, for its partners only', async () => {
    const { coach, teacher, partnership } = await buildPartnership(server);
    const outsider = await buildUser(server);
    const file = `/api/partnerships/${partnership.id}/next-meeting.ics`;
    expect((await teacher.client.get(file)).status).toBe(404);
    const startsAt = at(2, 16, 0);
    await put(teacher, `/api/partnerships/${partnership.id}/next-meeting`, { startsAt });

    const res = await fetch(server.url + file, { headers: { cookie: coach.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="coaching-meeting-${startsAt.slice(0, 10)}.ics"`,
    );
    const [only, ...more] = events(await res.text());
    expect(more).toEqual([]);
    expect(plain(only?.summary)).toBe(`Coaching meeting with ${teacher.user.name}`);
    expect(only?.start.toISOString()).toBe(startsAt);
    expect((await outsider.client.get(file)).status).toBe(404);
  });

  it('sends the day-before reminder once to each partner, across a restart; moving the meeting replaces it', async () => {
    const { coach, teacher, partnership, meeting } = await buildMeeting(server);
    const secret = 'Secret-step: Tamarind hands-down rule';
    await writeSection(server, coach, meeting.id, 'actionStep', secret);
    const path = `/api/partnerships/${partnership.id}/next-meeting`;
    const first = at(3, 15, 30);
    await put(coach, path, { startsAt: first });
    const moved = new Date(new Date(first).getTime() + DAY).toISOString();
    await put(teacher, path, { startsAt: moved });
    const jobs = () => server.server.services.schedule.reminders;

    // The first time's reminder would have been due now: it was replaced, so nothing goes.
    expect(await jobs().tick(new Date(new Date(first).getTime() - DAY + 60_000))).toBe(0);

    // Two ticks at once (as two processes would): each reminder is claimed by one of them only.
    const due = new Date(new Date(moved).getTime() - DAY + 60_000);
    const [a, b] = await Promise.all([jobs().tick(due), jobs().tick(due)]);
    expect(a + b).toBe(2);
    const toCoach = await smtp.next(coach.email);
    const toTeacher = await smtp.next(teacher.email);
    expect(toCoach.subject).toBe(`Coaching meeting with ${teacher.user.name} tomorrow`);
    expect(toTeacher.subject).toBe(`Coaching meeting with ${coach.user.name} tomorrow`);
    expect(toCoach.text).toContain(`${server.url}/partnerships/${partnership.id}`);
    expect(toCoach.text).toMatch(/tomorrow: \w+day \d{1,2} \w+, \d\d:\d\d \(Europe\/London time\)/);
    for (const mail of [toCoach, toTeacher]) {
      expect(mail.text + mail.html).not.toContain('Secret');
      expect(mail.text + mail.html).not.toContain(meeting.title);
    }

    await server.restart();
    expect(await server.server.services.schedule.reminders.tick(new Date(due.getTime() + HOUR))).toBe(0);
    expect(mailTo(coach)).toHaveLength(1);
    expect(mailTo(teacher)).toHaveLength(1);
  });

  it('sends the check-back reminder on the morning of the date, after a restart, only to those who want it', async () => {
    const { coach, teacher, meeting, partnership } = await buildMeeting(server);
    const off = await put(teacher, '/api/me/reminders', {
      meetingDayBefore: false,
      checkBack: false,
      timeZone: 'Europe/London',
    });
    expect(off.body).toEqual({ meetingDayBefore: false, checkBack: false, timeZone: 'Europe/London' });
    const dueOn = daysFromToday(4);
    expect((await put(coach, `/api/meetings/${meeting.id}/step-due`, { dueOn })).status).toBe(200);
    await server.server.services.schedule.flush();
    // A meeting the day after: the coach gets its reminder, the teacher (switched off) does not.
    await put(coach, `/api/partnerships/${partnership.id}/next-meeting`, {
      startsAt: `${daysFromToday(5)}T15:00:00.000Z`,
    });

    // The rows outlive the process; a reminder that fell due while it was down goes on the first tick.
    await server.restart();
    const { schedule } = server.server.services;
    expect(await schedule.reminders.tick(new Date(`${dueOn}T07:59:00Z`))).toBe(0);
    expect(await schedule.reminders.tick(new Date(`${dueOn}T08:01:00Z`))).toBe(1);
    const mail = await smtp.next(coach.email, (m) => m.subject.startsWith('Check back'));
    expect(mail.subject).toBe(`Check back on your action step with ${teacher.user.name} today`);
    expect(mail.text).toContain(`${server.url}/partnerships/${partnership.id}`);
    expect(mail.text).toContain('/account#reminders');

    expect(await schedule.reminders.tick(new Date(`${daysFromToday(4)}T15:01:00Z`))).toBe(1);
    await smtp.next(coach.email, (m) => m.subject.startsWith('Coaching meeting'));
    expect(await schedule.reminders.tick(new Date(`${daysFromToday(4)}T16:00:00Z`))).toBe(0);
    expect(mailTo(teacher)).toEqual([]);
    expect(mailTo(coach)).toHaveLength(2);
  });
});
