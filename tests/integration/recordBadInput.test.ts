/**
 * Bad input to the routes for coming back to a meeting, through HTTP as a
 * person (or an attacker) would send it, on SQLite and PostgreSQL: each gets a
 * clear 4xx with `{ error: { id, message } }`, and nothing changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema, MeetingResponseSchema } from '../../shared/api.js';
import { VersionListResponseSchema } from '../../shared/history.js';
import { backendsToTest } from '../helpers/backends.js';
import { coachingOf, writeSection } from '../helpers/coaching.js';
import { buildMeeting, buildUser, type UserFixture } from '../helpers/factories.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const backends = await backendsToTest();

describe.each(backends)('bad input when coming back to a meeting (%s)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ backend });
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** Sends a request and returns the refusal, checking its shape. */
  async function refused(person: UserFixture, method: string, path: string, status: number, body?: unknown) {
    const res = await person.client.request(method, path, body === undefined ? {} : { body });
    expect(res.status, `${method} ${path}`).toBe(status);
    const { error } = ErrorBodySchema.parse(res.body);
    expect(error.message.length).toBeGreaterThan(0);
    return error;
  }

  const versionsOf = async (person: UserFixture, meetingId: string) =>
    VersionListResponseSchema.parse((await person.client.get(`/api/meetings/${meetingId}/versions`)).body).versions;

  it('refuses a version of another meeting, an unknown version, and an outsider, changing nothing', async () => {
    const ours = await buildMeeting(server);
    // Another meeting of the same partnership: its versions are still not this meeting's.
    const theirs = await buildMeeting(server, ours);
    await writeSection(server, ours.coach, ours.meeting.id, 'goal', 'Our goal as first written');
    await writeSection(server, ours.coach, theirs.meeting.id, 'goal', 'Another meeting entirely');
    await server.server.services.history.automatic.flush();
    const [theirVersion] = await versionsOf(ours.coach, theirs.meeting.id);
    const before = await versionsOf(ours.coach, ours.meeting.id);
    expect(theirVersion && before.length > 0).toBeTruthy();

    const restore = (versionId: string) => `/api/meetings/${ours.meeting.id}/versions/${versionId}/restore`;
    const wrongMeeting = await refused(ours.coach, 'POST', restore(theirVersion?.id ?? ''), 404, { section: 'goal' });
    expect(wrongMeeting.id).toBe('version_not_found');
    expect((await refused(ours.coach, 'POST', restore('no-such-version'), 404, { section: 'goal' })).id).toBe(
      'version_not_found',
    );
    expect((await refused(ours.coach, 'GET', `/api/meetings/${ours.meeting.id}/versions/nope`, 404)).id).toBe(
      'version_not_found',
    );
    const notASection = await refused(ours.coach, 'POST', restore(before[0]?.id ?? ''), 400, { section: 'title' });
    expect(notASection.id).toBe('validation_failed');
    const outsider = await buildUser(server);
    expect((await refused(outsider, 'POST', restore(before[0]?.id ?? ''), 404, { section: 'goal' })).id).toBe(
      'not_found',
    );

    // Nothing changed: the same versions, the same words.
    expect(await versionsOf(ours.coach, ours.meeting.id)).toEqual(before);
    const version = await ours.coach.client.get(`/api/meetings/${ours.meeting.id}/versions/${before[0]?.id}`);
    expect(JSON.stringify(version.body)).toContain('Our goal as first written');
    expect(JSON.stringify(version.body)).not.toContain('Another meeting entirely');
  });

  it("refuses to reopen or finish a meeting in someone else's partnership, and it stays as it was", async () => {
    const { coach, meeting } = await buildMeeting(server);
    const finished = await coach.client.request('POST', `/api/meetings/${meeting.id}/finish`, { body: {} });
    expect(finished.status).toBe(200);
    const peersBefore = (await coachingOf(coach, meeting.id)).coaching.peers;
    const outsider = await buildUser(server);
    expect((await refused(outsider, 'POST', `/api/meetings/${meeting.id}/reopen`, 404)).id).toBe('not_found');
    const again = await refused(coach, 'POST', `/api/meetings/${meeting.id}/finish`, 409);
    expect(again.id).toBe('already_finished');
    const now = MeetingResponseSchema.parse((await coach.client.get(`/api/meetings/${meeting.id}`)).body).meeting;
    expect(now.finishedAt).not.toBeNull();
    expect(now.finishedBy?.id).toBe(coach.user.id);
    // Facts stay as they were too.
    const peers = await refused(coach, 'PUT', `/api/meetings/${meeting.id}/peers`, 409, {
      criterion: 'powerful',
      checked: true,
    });
    expect(peers.id).toBe('meeting_finished');
    expect((await coachingOf(coach, meeting.id)).coaching.peers).toEqual(peersBefore);
  });

  it('answers a search that is too long, or has no words, with 400 and says why', async () => {
    const person = await buildUser(server);
    const long = await refused(person, 'GET', `/api/search?q=${'a'.repeat(10_000)}`, 400);
    expect(long.id).toBe('validation_failed');
    expect(long.fields?.q).toMatch(/200 characters/);
    const punctuation = await refused(person, 'GET', `/api/search?q=${encodeURIComponent('?!., ;:')}`, 400);
    expect(punctuation.fields?.q).toMatch(/at least one word/);
    expect((await refused(person, 'GET', '/api/search', 400)).fields?.q).toBeDefined();
  });

  it('refuses to export a cycle or a meeting that is not mine', async () => {
    const { coach, meeting } = await buildMeeting(server);
    const { cycle } = await coachingOf(coach, meeting.id);
    const outsider = await buildUser(server);
    expect((await refused(outsider, 'GET', `/api/cycles/${cycle.id}/export.md`, 404)).id).toBe('not_found');
    expect((await refused(outsider, 'GET', `/api/meetings/${meeting.id}/export.md`, 404)).id).toBe('not_found');
    expect((await refused(outsider, 'GET', '/api/cycles/not-a-cycle/export.md', 404)).id).toBe('not_found');
  });
});
