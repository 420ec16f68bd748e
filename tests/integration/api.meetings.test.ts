/**
 * Meetings over HTTP: start one (either partner), list them newest first with
 * the action step's first line, open one, end one (idempotently), and the
 * domain events the socket layer relies on.
 */
import type { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema, MeetingListResponseSchema, MeetingResponseSchema, type Meeting } from '../../shared/api.js';
import type { DomainEventMap } from '../../server/domain/events.js';
import { defaultMeetingTitle, endMeeting } from '../../server/domain/meetings/meetings.js';
import { AppError } from '../../server/errors.js';
import { backendsToTest } from '../helpers/backends.js';
import { buildMeeting, buildPartnership, buildUser, type PartnershipFixture } from '../helpers/factories.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const backends = await backendsToTest();

type EventName = keyof DomainEventMap;

describe.each(backends)('meetings over HTTP (%s)', (backend) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ backend });
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** Runs `action` and returns the domain events of that name it caused. */
  async function eventsDuring<E extends EventName>(name: E, action: () => Promise<unknown>) {
    const seen: DomainEventMap[E][0][] = [];
    // Seen as a plain emitter: the typed one cannot check a listener for a generic event name.
    const events: EventEmitter = server.server.services.events;
    const listener = (...args: DomainEventMap[E]) => void seen.push(args[0]);
    events.on(name, listener);
    try {
      await action();
    } finally {
      events.off(name, listener);
    }
    return seen;
  }

  async function listMeetings(fixture: PartnershipFixture, as: 'coach' | 'teacher' = 'coach'): Promise<Meeting[]> {
    const res = await fixture[as].client.get(`/api/partnerships/${fixture.partnership.id}/meetings`);
    expect(res.status).toBe(200);
    return MeetingListResponseSchema.parse(res.body).meetings;
  }

  it('starts a meeting with a title and tells the socket layer', async () => {
    const fixture = await buildPartnership(server);
    let res: Awaited<ReturnType<typeof fixture.coach.client.post>> | undefined;
    const started = await eventsDuring('meetingStarted', async () => {
      res = await fixture.coach.client.post(`/api/partnerships/${fixture.partnership.id}/meetings`, {
        title: '  Questioning in Year 9  ',
      });
    });

    expect(res?.status).toBe(201);
    const { meeting } = MeetingResponseSchema.parse(res?.body);
    expect(meeting).toEqual({
      id: expect.any(String),
      partnershipId: fixture.partnership.id,
      title: 'Questioning in Year 9',
      createdAt: expect.any(String),
      createdBy: { id: fixture.coach.user.id, name: fixture.coach.user.name },
      endedAt: null,
      actionStepPreview: null,
      number: 1,
      titleGiven: true,
      finishedAt: null,
      finishedBy: null,
      reopenedAt: null,
      reopenedBy: null,
    });
    expect(started).toEqual([
      {
        meetingId: meeting.id,
        partnershipId: fixture.partnership.id,
        startedBy: { id: fixture.coach.user.id, name: fixture.coach.user.name },
      },
    ]);
  });

  it('gives a meeting without a title one that names its date', async () => {
    const { meeting } = await buildMeeting(server);
    expect(meeting.title).toMatch(/^Meeting on \d{1,2} [A-Z][a-z]+ \d{4}$/);
    expect(meeting.title).toBe(defaultMeetingTitle(new Date(meeting.createdAt)));

    const blank = await buildMeeting(server, undefined, { title: '   ' });
    expect(blank.meeting.title).toMatch(/^Meeting on /);
  });

  it('refuses a title that is too long, naming the field', async () => {
    const fixture = await buildPartnership(server);
    const res = await fixture.coach.client.post(`/api/partnerships/${fixture.partnership.id}/meetings`, {
      title: 'x'.repeat(121),
    });
    expect(res.status).toBe(400);
    expect(ErrorBodySchema.parse(res.body).error.fields).toEqual({ title: 'Keep the title under 120 characters' });
  });

  it('lets the teacher start a meeting too, and both partners open it', async () => {
    const fixture = await buildPartnership(server);
    const { meeting } = await buildMeeting(server, fixture, { startedBy: 'teacher' });
    expect(meeting.createdBy.id).toBe(fixture.teacher.user.id);

    for (const partner of [fixture.coach, fixture.teacher]) {
      const res = await partner.client.get(`/api/meetings/${meeting.id}`);
      expect(res.status).toBe(200);
      expect(MeetingResponseSchema.parse(res.body).meeting).toEqual(meeting);
    }
  });

  it("lists a partnership's meetings newest first, with the first line of each action step", async () => {
    const fixture = await buildPartnership(server);
    const other = await buildMeeting(server); // another partnership's meeting must not appear
    const titles = ['First', 'Second', 'Third', 'Fourth'];
    const made: Meeting[] = [];
    for (const title of titles) made.push((await buildMeeting(server, fixture, { title })).meeting);
    const [first] = made;
    await server.server.services.db
      .updateTable('meetings')
      .set({ action_step_preview: 'Use the 3-step prompt before offering help' })
      .where('id', '=', first?.id ?? '')
      .execute();

    for (const as of ['coach', 'teacher'] as const) {
      const meetings = await listMeetings(fixture, as);
      expect(meetings.map((m) => m.title)).toEqual([...titles].reverse());
      expect(meetings.map((m) => m.id)).not.toContain(other.meeting.id);
      expect(meetings.at(-1)?.actionStepPreview).toBe('Use the 3-step prompt before offering help');
      expect(meetings[0]?.actionStepPreview).toBeNull();
    }
  });

  it('lists no meetings for a new partnership', async () => {
    expect(await listMeetings(await buildPartnership(server))).toEqual([]);
  });

  it('ends a meeting for either partner, once, and ending again changes nothing', async () => {
    const { teacher, coach, meeting } = await buildMeeting(server);
    let first: Meeting | undefined;
    const ended = await eventsDuring('meetingEnded', async () => {
      const res = await teacher.client.post(`/api/meetings/${meeting.id}/end`);
      expect(res.status).toBe(200);
      first = MeetingResponseSchema.parse(res.body).meeting;
    });
    expect(first?.endedAt).toEqual(expect.any(String));
    expect(first).toEqual({ ...meeting, endedAt: first?.endedAt });
    expect(ended).toEqual([{ meetingId: meeting.id, partnershipId: meeting.partnershipId, endedAt: first?.endedAt }]);

    const endedAgain = await eventsDuring('meetingEnded', async () => {
      const res = await coach.client.post(`/api/meetings/${meeting.id}/end`);
      expect(res.status).toBe(200);
      expect(MeetingResponseSchema.parse(res.body).meeting).toEqual(first);
    });
    expect(endedAgain).toEqual([]);

    const reopened = await coach.client.get(`/api/meetings/${meeting.id}`);
    expect(MeetingResponseSchema.parse(reopened.body).meeting.endedAt).toBe(first?.endedAt);
  });

  it('offers endMeeting to the socket layer, with the same rules', async () => {
    const { coach, meeting } = await buildMeeting(server);
    const stranger = await buildUser(server);
    const services = server.server.services;

    await expect(endMeeting(services, stranger.user.id, meeting.id)).rejects.toMatchObject({
      id: 'not_found',
      status: 404,
    });
    await expect(endMeeting(services, coach.user.id, 'no-such-meeting')).rejects.toBeInstanceOf(AppError);

    const fixed = new Date('2026-03-04T05:06:07.000Z');
    const record = await endMeeting({ ...services, now: () => fixed }, coach.user.id, meeting.id);
    expect(record.row.ended_at).toBe(fixed.toISOString());
    expect(record.creatorName).toBe(coach.user.name);
  });
});
