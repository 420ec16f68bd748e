/**
 * Three real server processes on one PostgreSQL database and one Redis (`REDIS_URL`): partners on
 * different processes co-edit, see each other's cursors, presence and coaching events; a process killed
 * mid-typing loses nothing that was Saved or seen; Redis restarting mid-typing loses nothing; one
 * compaction of a meeting at a time. Skipped, saying why, without PostgreSQL or `redis-server`.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CycleClientEvent, CycleServerEvent, LookAtThisSchema } from '../../shared/cycleEvents.js';
import { ServerEvent, PresenceSchema } from '../../shared/events.js';
import { SECTION_IDS } from '../../shared/sections.js';
import { createLogger } from '../../server/logger.js';
import { openDatabase } from '../../server/storage/db.js';
import { createDocumentStore } from '../../server/storage/documentStore.js';
import { createPostgresDatabase } from '../helpers/backends.js';
import {
  clusterUnavailableReason,
  keepProcessLogs,
  OwnRedis,
  sleep,
  startProcesses,
  waitFor,
} from '../helpers/cluster.js';
import type { ChildServer } from '../helpers/childServer.js';
import { allSaved, connectCollab, synced, type CollabClient } from '../helpers/collabClient.js';
import { buildMeeting, type MeetingFixture } from '../helpers/factories.js';
import { joinMeeting, nextEvent, openRealtimeSocket } from '../helpers/realtimeClient.js';
import { missing, startTypist, tokensIn } from '../helpers/typist.js';

const PROCESS_TEST_TIMEOUT_MS = 120_000;

const skipReason = await clusterUnavailableReason();
if (skipReason) console.warn(`[tests] Skipping the cluster tests: ${skipReason}`);

function sectionsText(doc: Y.Doc): string {
  return SECTION_IDS.map((id) => doc.get(id, Y.XmlText).toString()).join('\n');
}

describe.skipIf(skipReason !== null)('several processes serve one meeting (PostgreSQL + Redis)', () => {
  let redis: OwnRedis;
  let database: { url: string; drop: () => Promise<void> };
  const servers: ChildServer[] = [];
  const clients: CollabClient[] = [];

  const open = (server: ChildServer, meetingId: string, cookie: string): CollabClient => {
    const client = connectCollab(server, meetingId, cookie);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    redis = await OwnRedis.start();
    database = await createPostgresDatabase();
    const env = { DATABASE_URL: database.url, REDIS_URL: redis.url, REDIS_KEY_PREFIX: 'tandem-test:' };
    servers.push(...(await startProcesses(env, 3)));
  }, PROCESS_TEST_TIMEOUT_MS);

  afterAll(async () => {
    keepProcessLogs(servers);
    for (const c of clients.splice(0)) c.destroy();
    await Promise.all(servers.map((s) => s.stop()));
    await redis?.kill();
    await database?.drop();
  }, PROCESS_TEST_TIMEOUT_MS);

  const at = (i: number) => servers[i] as ChildServer;
  const a = () => at(0);
  const b = () => at(1);
  const c = () => at(2);

  it(
    'partners on different processes converge letter for letter, with cursors, presence and coaching events',
    async () => {
      const fixture = await buildMeeting(a());
      const meetingId = fixture.meeting.id;
      const coach = open(a(), meetingId, fixture.coach.cookie);
      const teacher = open(b(), meetingId, fixture.teacher.cookie);
      await Promise.all([synced(coach), synced(teacher)]);

      // Cursors: the coach's awareness reaches the teacher through another process.
      coach.provider.awareness.setLocalStateField('cursor', { section: 'goal' });
      await waitFor(() => teacher.provider.awareness.getStates().has(coach.doc.clientID), 'the coach cursor');

      const coachTypist = startTypist(coach, { prefix: 'c', sections: ['goal', 'practicePlan'], deleteEvery: 7 });
      const teacherTypist = startTypist(teacher, { prefix: 't', sections: ['practicePlan', 'currentReality'] });
      for (let i = 0; i < 40; i++) {
        coachTypist.type();
        teacherTypist.type();
        await sleep(15);
      }
      await Promise.all([allSaved(coach), allSaved(teacher)]);
      // A third person's view (a fresh client on the third process) reads the same letters.
      const reader = open(c(), meetingId, fixture.coach.cookie);
      await synced(reader);
      await waitFor(() => sectionsText(teacher.doc) === sectionsText(coach.doc), 'teacher = coach');
      await waitFor(() => sectionsText(reader.doc) === sectionsText(coach.doc), 'reader = coach');
      expect(sectionsText(coach.doc)).toContain(`${coachTypist.typed.at(-1)} `);
      expect(sectionsText(coach.doc)).toContain('t40 ');

      // Presence and "look at this" over socket.io, the partners on different processes.
      const coachSocket = await openRealtimeSocket(a().url, fixture.coach.cookie);
      const teacherSocket = await openRealtimeSocket(b().url, fixture.teacher.cookie);
      try {
        await joinMeeting(coachSocket, meetingId);
        const both = nextEvent(
          coachSocket,
          ServerEvent.Presence,
          (v) => PresenceSchema.parse(v),
          (p) => p.people.length === 2,
        );
        await joinMeeting(teacherSocket, meetingId);
        expect((await both).people.map((p) => p.role).sort()).toEqual(['coach', 'teacher']);

        const look = nextEvent(teacherSocket, CycleServerEvent.LookAtThis, (v) => LookAtThisSchema.parse(v));
        await coachSocket.emitWithAck(CycleClientEvent.LookAtThis, { meetingId, sectionId: 'goal' });
        expect((await look).from.id).toBe(fixture.coach.user.id);

        // A coaching fact changed through the third process reaches both.
        const changed = [coachSocket, teacherSocket].map((s) =>
          nextEvent(s, CycleServerEvent.CoachingChanged, (v) => v),
        );
        const res = await fetch(`${c().url}/api/meetings/${meetingId}/peers`, {
          method: 'PUT',
          headers: { cookie: fixture.teacher.cookie, 'content-type': 'application/json', origin: c().url },
          body: JSON.stringify({ criterion: 'powerful', checked: true }),
        });
        expect(res.status).toBe(200);
        await Promise.all(changed);
      } finally {
        coachSocket.disconnect();
        teacherSocket.disconnect();
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'loses nothing when Redis restarts while partners on different processes type',
    async () => {
      const fixture = await buildMeeting(a());
      const meetingId = fixture.meeting.id;
      const coach = open(a(), meetingId, fixture.coach.cookie);
      const teacher = open(b(), meetingId, fixture.teacher.cookie);
      await Promise.all([synced(coach), synced(teacher)]);
      const coachTypist = startTypist(coach, { prefix: 'c', sections: ['goal', 'practicePlan'] });
      const teacherTypist = startTypist(teacher, { prefix: 't', sections: ['practicePlan'] });
      coachTypist.start(30);
      teacherTypist.start(35);
      await sleep(700);
      await redis.kill();
      await sleep(800);
      await redis.start();
      await sleep(1200);
      coachTypist.stop();
      teacherTypist.stop();
      await Promise.all([allSaved(coach), allSaved(teacher)]);
      // Both end with every edit of both: over Redis once it is back, read from the log meanwhile.
      await waitFor(() => sectionsText(teacher.doc) === sectionsText(coach.doc), 'teacher = coach');
      const all = tokensIn(coach.doc, SECTION_IDS);
      expect(missing(coachTypist.typed, all.byPrefix.get('c'))).toEqual([]);
      expect(missing(teacherTypist.typed, all.byPrefix.get('t'))).toEqual([]);
      expect(all.duplicates).toBe(0);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it('compacts a meeting in one process at a time (an advisory lock in PostgreSQL)', async () => {
    const fixture = await buildMeeting(a());
    const meetingId = fixture.meeting.id;
    const writer = open(a(), meetingId, fixture.coach.cookie);
    await synced(writer);
    const typist = startTypist(writer, { prefix: 'c', sections: ['goal'] });
    for (let i = 0; i < 60; i++) typist.type();
    await allSaved(writer);
    // Three stores, each with its own pool, as three processes would have.
    const logger = createLogger('silent', false);
    const opened = await Promise.all(
      [0, 1, 2].map(() => openDatabase({ databaseUrl: database.url, sqlitePath: '', sqliteSynchronous: 'NORMAL' })),
    );
    try {
      const stores = opened.map((d) => createDocumentStore(d, logger));
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      const before = await admin.query('select count(*)::int as n from doc_updates where meeting_id = $1', [meetingId]);
      const results = await Promise.all(stores.map((s) => s.compact(meetingId)));
      const after = await admin.query('select count(*)::int as n from doc_updates where meeting_id = $1', [meetingId]);
      await admin.end();
      expect(before.rows[0].n).toBeGreaterThan(2);
      // Exactly one replaced the log; the others found it taken or already compacted.
      expect(results.filter((r) => r.after < r.before)).toHaveLength(1);
      expect(after.rows[0].n).toBe(1);
      const reader = open(b(), meetingId, fixture.teacher.cookie);
      await synced(reader);
      expect(sectionsText(reader.doc)).toBe(sectionsText(writer.doc));
    } finally {
      await Promise.all(opened.map((d) => d.close()));
    }
  });

  it(
    'loses nothing Saved or seen when a process is killed mid-typing, and its client goes on on another',
    async () => {
      const fixture: MeetingFixture = await buildMeeting(b());
      const meetingId = fixture.meeting.id;
      const coach = open(a(), meetingId, fixture.coach.cookie);
      const teacher = open(b(), meetingId, fixture.teacher.cookie);
      await Promise.all([synced(coach), synced(teacher)]);
      const coachTypist = startTypist(coach, { prefix: 'c', sections: ['goal', 'practicePlan'] });
      const teacherTypist = startTypist(teacher, { prefix: 't', sections: ['currentReality', 'practicePlan'] });
      coachTypist.start(20);
      teacherTypist.start(25);
      const threshold = 40 + Math.floor(Math.random() * 60);
      await waitFor(
        () =>
          (tokensIn(teacher.doc, SECTION_IDS).byPrefix.get('c')?.size ?? 0) >= threshold &&
          (tokensIn(coach.doc, SECTION_IDS).byPrefix.get('t')?.size ?? 0) >= threshold,
        'both partners to see each other type',
      );
      await a().kill('SIGKILL');
      coachTypist.stop();
      const seenByTeacher = tokensIn(teacher.doc, SECTION_IDS).byPrefix.get('c') ?? new Set<string>();
      const ackedCoach = coachTypist.acked();
      teacherTypist.stop();
      await allSaved(teacher);
      const seenByCoach = tokensIn(coach.doc, SECTION_IDS).byPrefix.get('t') ?? new Set<string>();
      const ackedTeacher = teacherTypist.acked();
      coach.provider.destroy();

      // The coach's tab reconnects, to the third process, with what it still holds.
      const again = connectCollab(c(), meetingId, fixture.coach.cookie, { doc: coach.doc });
      clients.push(again);
      await synced(again);
      await allSaved(again);

      // A fresh client of the process that never died: its room reads what the others stored as it arrives.
      const reader = open(b(), meetingId, fixture.teacher.cookie);
      await synced(reader);
      const all = new Set(coachTypist.typed);
      await waitFor(
        () => missing(all, tokensIn(reader.doc, SECTION_IDS).byPrefix.get('c')).length === 0,
        'every edit of the coach on the surviving process',
      );
      const stored = tokensIn(reader.doc, SECTION_IDS);
      expect(missing(seenByTeacher, stored.byPrefix.get('c'))).toEqual([]);
      expect(missing(seenByCoach, stored.byPrefix.get('t'))).toEqual([]);
      expect(missing(ackedCoach, stored.byPrefix.get('c'))).toEqual([]);
      expect(missing(ackedTeacher, stored.byPrefix.get('t'))).toEqual([]);
      // Everything the coach typed is there now (the unsent tail came with the reconnect).
      expect(missing(coachTypist.typed, stored.byPrefix.get('c'))).toEqual([]);
      expect(stored.duplicates).toBe(0);
      // And the teacher, on a process that never died, sees it too.
      await waitFor(() => sectionsText(teacher.doc) === sectionsText(reader.doc), 'teacher = stored');
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
