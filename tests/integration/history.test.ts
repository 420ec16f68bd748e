/**
 * A meeting's history, on SQLite and PostgreSQL, through the real server and
 * real collaboration clients: versions recorded as people edit, leave and
 * agree; a version reads back exactly what was there, after compaction and a
 * restart; compare marks the words added and removed; restoring a section is a
 * new edit by the restorer that the partner sees live; outsiders and wrong
 * version ids get not-found and change nothing.
 */
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { stepHash } from '../../shared/actionStep.js';
import { AuthorsResponseSchema, sectionRuns } from '../../shared/authorship.js';
import { sectionText } from '../../shared/docText.js';
import { VersionResponseSchema, type VersionSummary } from '../../shared/history.js';
import { AppError } from '../../server/errors.js';
import { backendsToTest } from '../helpers/backends.js';
import { allSaved, connectCollab, synced, waitForDoc, type CollabClient } from '../helpers/collabClient.js';
import { buildMeeting, buildUser } from '../helpers/factories.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const backends = await backendsToTest();
const SIX_MINUTES = 6 * 60 * 1000;

describe.each(backends)('meeting history (%s)', (backend) => {
  let server: TestServer;
  const clients: CollabClient[] = [];

  beforeAll(async () => {
    server = await startTestServer({ backend });
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server?.stop();
  });

  const history = () => server.server.services.history;
  const open = async (meetingId: string, cookie: string) => {
    const client = connectCollab(server, meetingId, cookie);
    clients.push(client);
    await synced(client);
    return client;
  };
  const type = async (client: CollabClient, section: string, value: string) => {
    const text = client.doc.get(section, Y.XmlText);
    client.doc.transact(() => {
      text.delete(0, text.length);
      text.insert(0, value);
    });
    await allSaved(client);
  };
  /** Records the automatic versions that would be due six minutes from now. */
  const timePasses = () => history().automatic.recordDue(new Date(Date.now() + SIX_MINUTES));
  const leave = async (client: CollabClient) => {
    const left = once(server.server.services.events, 'meetingLeft');
    client.destroy();
    await left;
    await history().automatic.flush();
  };
  /** Replaces a section as `cookie`'s owner, then leaves; resolves once the visit's version is recorded. */
  const writeAndLeave = async (meetingId: string, cookie: string, section: string, value: string) => {
    const client = await open(meetingId, cookie);
    await type(client, section, value);
    await leave(client);
  };
  const errorOf = async (attempt: () => Promise<unknown>) => {
    const err = await attempt().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  };

  it('grows with activity: automatic after five minutes of editing, one per visit, named on events', async () => {
    const { meeting, coach, teacher } = await buildMeeting(server);
    expect((await history().list(coach.user.id, meeting.id)).versions).toEqual([]);

    const c = await open(meeting.id, coach.cookie);
    await type(c, 'goal', 'Students explain their reasoning');
    await history().automatic.recordDue(new Date()); // not five minutes yet
    expect((await history().list(coach.user.id, meeting.id)).versions).toEqual([]);
    await timePasses();
    let versions = (await history().list(teacher.user.id, meeting.id)).versions;
    expect(versions.map((v) => v.kind)).toEqual(['auto']);
    expect(versions[0]).toMatchObject({ name: null, by: null });

    // Nothing new since: no second automatic version.
    await timePasses();
    expect((await history().list(coach.user.id, meeting.id)).versions).toHaveLength(1);

    await type(c, 'goal', 'Students explain their reasoning in pairs');
    await leave(c);
    versions = (await history().list(coach.user.id, meeting.id)).versions;
    expect(versions.map((v) => v.kind)).toEqual(['visit', 'auto']);
    expect(versions[0]?.by).toEqual({ id: coach.user.id, name: coach.user.name });

    // A visit without edits records nothing.
    const t = await open(meeting.id, teacher.cookie);
    await leave(t);
    expect((await history().list(coach.user.id, meeting.id)).versions).toHaveLength(2);

    // Both agree to the step: one "Agreed by both" version.
    const step = 'Use think-pair-share twice this week.';
    await writeAndLeave(meeting.id, teacher.cookie, 'actionStep', step);
    const hash = stepHash(step, null);
    expect((await coach.client.post(`/api/meetings/${meeting.id}/agreements`, { hash })).status).toBe(201);
    expect((await teacher.client.post(`/api/meetings/${meeting.id}/agreements`, { hash })).status).toBe(201);
    await history().automatic.flush();
    versions = (await history().list(coach.user.id, meeting.id)).versions;
    expect(versions[0]).toMatchObject({ kind: 'agreed', name: 'Agreed by both', by: null });
    const agreed = await history().get(coach.user.id, meeting.id, versions[0]!.id);
    expect(agreed.facts.coaching?.step.agreements.map((a) => a.role).sort()).toEqual(['coach', 'teacher']);
    expect(agreed.facts.cycle?.id).toBe(agreed.facts.coaching?.cycleId);

    // Finished and reopened (emitted by the finishing commands) are named after who did it.
    const events = server.server.services.events;
    const at = new Date().toISOString();
    events.emit('meetingFinished', { meetingId: meeting.id, partnershipId: meeting.partnershipId, at, by: coach.user });
    events.emit('meetingReopened', {
      meetingId: meeting.id,
      partnershipId: meeting.partnershipId,
      at,
      by: teacher.user,
    });
    await history().automatic.flush();
    versions = (await history().list(coach.user.id, meeting.id)).versions;
    expect(versions.slice(0, 2).map((v: VersionSummary) => [v.kind, v.name, v.by?.id])).toEqual([
      ['reopened', `Reopened by ${teacher.user.name}`, teacher.user.id],
      ['finished', `Finished by ${coach.user.name}`, coach.user.id],
    ]);
  });

  it('keeps an edit that reached a finished meeting as a version of its own, attributed to its writer', async () => {
    const { meeting, coach, teacher } = await buildMeeting(server);
    await writeAndLeave(meeting.id, coach.cookie, 'goal', 'Agreed goal');
    const offline = new Y.Doc();
    offline.get('practicePlan', Y.XmlText).insert(0, 'Typed on the train');
    server.server.services.events.emit('finishedMeetingEditKept', {
      meetingId: meeting.id,
      userId: teacher.user.id,
      update: Y.encodeStateAsUpdate(offline),
    });
    await history().automatic.flush();
    const [kept] = (await history().list(coach.user.id, meeting.id)).versions;
    expect(kept).toMatchObject({
      kind: 'kept',
      name: `Kept: what ${teacher.user.name} wrote after the meeting was finished`,
      by: { id: teacher.user.id },
    });
    const version = await history().get(teacher.user.id, meeting.id, kept!.id);
    const lines = Object.fromEntries(version.sections.map((s) => [s.id, s.lines]));
    expect(lines.goal).toEqual(['Agreed goal']);
    expect(lines.practicePlan).toEqual(['Typed on the train']);
  });

  it('compares a version with now, marking added and removed words', async () => {
    const { meeting, coach } = await buildMeeting(server);
    await writeAndLeave(meeting.id, coach.cookie, 'goal', 'the quick brown fox');
    const [then] = (await history().list(coach.user.id, meeting.id)).versions;
    await writeAndLeave(meeting.id, coach.cookie, 'goal', 'the slow brown fox jumps');
    const compared = await history().compare(coach.user.id, meeting.id, then!.id);
    const goal = compared.sections.find((s) => s.id === 'goal');
    expect(goal).toEqual({
      id: 'goal',
      changed: true,
      parts: [
        { op: 'same', text: 'the ' },
        { op: 'removed', text: 'quick' },
        { op: 'added', text: 'slow' },
        { op: 'same', text: ' brown fox' },
        { op: 'added', text: ' jumps' },
      ],
    });
    expect(compared.sections.find((s) => s.id === 'actionStep')).toEqual({
      id: 'actionStep',
      changed: false,
      parts: [],
    });
  });

  it('restores a section as a new edit by the restorer, seen live by the partner and stored', async () => {
    const { meeting, coach, teacher } = await buildMeeting(server);
    const c = await open(meeting.id, coach.cookie);
    await type(c, 'goal', 'Students lead the discussion.');
    await type(c, 'actionStep', 'Plan two open questions.');
    await timePasses();
    const [old] = (await history().list(coach.user.id, meeting.id)).versions;
    await type(c, 'goal', 'The teacher talks less.');

    const restored = await history().restoreSection(teacher.user.id, meeting.id, old!.id, 'goal');
    expect(restored.version).toMatchObject({ kind: 'restored', by: { id: teacher.user.id } });
    expect(restored.version.name).toMatch(new RegExp(`^Restored Goal from .+ by ${teacher.user.name}$`));

    // The coach's open connection receives it live; the other section is untouched.
    await waitForDoc(c.doc, (d) => sectionText(d, 'goal') === 'Students lead the discussion.', 'restored goal');
    expect(sectionText(c.doc, 'actionStep')).toBe('Plan two open questions.');
    const restorerClients = new Set(sectionRuns(c.doc, 'goal').flatMap((block) => block.map((r) => r.client)));
    expect(restorerClients.size).toBe(1);
    const [clientId] = [...restorerClients];
    expect(clientId).not.toBe(c.doc.clientID);
    const { authors } = AuthorsResponseSchema.parse(
      (await coach.client.get(`/api/meetings/${meeting.id}/authors`)).body,
    );
    expect(authors).toContainEqual({ clientId, userId: teacher.user.id, role: 'teacher' });

    // Stored: a newcomer loads it. The restored version records it too.
    const later = await open(meeting.id, teacher.cookie);
    expect(sectionText(later.doc, 'goal')).toBe('Students lead the discussion.');
    const latest = await history().get(coach.user.id, meeting.id, restored.version.id);
    expect(latest.sections.find((s) => s.id === 'goal')?.lines).toEqual(['Students lead the discussion.']);
  });

  it('restores into a meeting nobody has open, appending to the stored log', async () => {
    const { meeting, coach } = await buildMeeting(server);
    await writeAndLeave(meeting.id, coach.cookie, 'practicePlan', 'Rehearse the opening.');
    const [old] = (await history().list(coach.user.id, meeting.id)).versions;
    await writeAndLeave(meeting.id, coach.cookie, 'practicePlan', '');

    await history().restoreSection(coach.user.id, meeting.id, old!.id, 'practicePlan');
    const c = await open(meeting.id, coach.cookie);
    expect(sectionText(c.doc, 'practicePlan')).toBe('Rehearse the opening.');
  });

  it('answers not found to outsiders and for unknown or foreign versions, and changes nothing', async () => {
    const { meeting, coach } = await buildMeeting(server);
    const other = await buildMeeting(server, undefined);
    const stranger = await buildUser(server);
    await writeAndLeave(meeting.id, coach.cookie, 'goal', 'Private goal');
    await writeAndLeave(other.meeting.id, other.coach.cookie, 'goal', 'Other goal');
    const [mine] = (await history().list(coach.user.id, meeting.id)).versions;
    const [foreign] = (await history().list(other.coach.user.id, other.meeting.id)).versions;
    const before = await history().list(coach.user.id, meeting.id);

    for (const attempt of [
      () => history().list(stranger.user.id, meeting.id),
      () => history().get(stranger.user.id, meeting.id, mine!.id),
      () => history().compare(stranger.user.id, meeting.id, mine!.id),
      () => history().restoreSection(stranger.user.id, meeting.id, mine!.id, 'goal'),
      // A partner of the other meeting naming this meeting's version through their own meeting.
      () => history().get(other.coach.user.id, other.meeting.id, mine!.id),
    ]) {
      const err = await errorOf(attempt);
      expect(err.status).toBe(404);
    }
    expect((await errorOf(() => history().list(stranger.user.id, meeting.id))).id).toBe('not_found');
    for (const attempt of [
      () => history().get(coach.user.id, meeting.id, 'no-such-version'),
      () => history().compare(coach.user.id, meeting.id, foreign!.id),
      () => history().restoreSection(coach.user.id, meeting.id, foreign!.id, 'goal'),
    ]) {
      const err = await errorOf(attempt);
      expect([err.status, err.id]).toEqual([404, 'version_not_found']);
    }
    await history().automatic.flush();
    expect(await history().list(coach.user.id, meeting.id)).toEqual(before);
    const c = await open(meeting.id, coach.cookie);
    expect(sectionText(c.doc, 'goal')).toBe('Private goal');
  });
  // Last: after a restart, kept-alive HTTP connections of the earlier server are stale.
  it('rebuilds exactly the text captured at that moment, after compaction and after a restart', async () => {
    const { meeting, coach, teacher } = await buildMeeting(server);
    const c = await open(meeting.id, coach.cookie);
    await type(c, 'currentReality', 'Three students answered every question.');
    await type(c, 'goal', 'Everyone answers once.');
    await timePasses();
    const [captured] = (await history().list(coach.user.id, meeting.id)).versions;

    // Rewrite everything, then compact the live log (which drops the deleted words).
    await type(c, 'currentReality', 'Now the whole class talks.');
    await type(c, 'goal', 'Students question each other.');
    await server.server.services.documents.compact(meeting.id);
    const expected = {
      currentReality: ['Three students answered every question.'],
      goal: ['Everyone answers once.'],
    };
    const readBack = async () => {
      const v = VersionResponseSchema.parse(await history().get(teacher.user.id, meeting.id, captured!.id));
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Buffer.from(v.state, 'base64'));
      expect(sectionText(doc, 'goal')).toBe('Everyone answers once.');
      const runs = v.sections.find((s) => s.id === 'goal')?.runs;
      expect(runs?.flat().map((r) => r.client)).toEqual([c.doc.clientID]);
      expect(v.authors).toContainEqual({ clientId: c.doc.clientID, userId: coach.user.id, role: 'coach' });
      return Object.fromEntries(v.sections.map((s) => [s.id, s.lines]));
    };
    expect(await readBack()).toMatchObject(expected);
    c.destroy();
    await server.restart();
    expect(await readBack()).toMatchObject(expected);
  });
});
