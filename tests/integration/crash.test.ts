/**
 * The server process dies while two partners type: killed outright (SIGKILL)
 * or asked to stop (SIGTERM). Every edit a partner had already received, and
 * every edit acknowledged as saved, is in the document when it comes back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/closeCodes.js';
import { SECTION_IDS } from '../../shared/sections.js';
import { startChildServer, type ChildServer } from '../helpers/childServer.js';
import { allSaved, connectCollab, synced, type CollabClient } from '../helpers/collabClient.js';
import { buildMeeting, type MeetingFixture } from '../helpers/factories.js';
import { missing, startTypist, tokensIn, type Typist } from '../helpers/typist.js';

/** Starting a server process (TypeScript compiled on the fly) takes seconds on a busy machine. */
const PROCESS_TEST_TIMEOUT_MS = 180_000;

let server: ChildServer | null = null;
const clients: CollabClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.stop();
  server = null;
});

function open(...args: Parameters<typeof connectCollab>): CollabClient {
  const client = connectCollab(...args);
  clients.push(client);
  return client;
}

/** Coach and teacher connected and typing: each into a section of their own and into one they share. */
async function twoPartnersTyping(child: ChildServer, fixture: MeetingFixture) {
  const coach = open(child, fixture.meeting.id, fixture.coach.cookie);
  const teacher = open(child, fixture.meeting.id, fixture.teacher.cookie);
  await Promise.all([synced(coach), synced(teacher)]);
  const coachTypist = startTypist(coach, { prefix: 'c', sections: ['goal', 'practicePlan'] });
  const teacherTypist = startTypist(teacher, { prefix: 't', sections: ['currentReality', 'practicePlan'] });
  // Brisk but human: within the per-socket limit of LIMITS.collabMessagesPerSecond.
  coachTypist.start(20);
  teacherTypist.start(25);
  return { coach, teacher, coachTypist, teacherTypist };
}

/** Resolves once `client` holds at least `count` of the partner's tokens (they came through the server). */
function received(client: CollabClient, prefix: string, count: number): Promise<void> {
  const enough = () => (tokensIn(client.doc, SECTION_IDS).byPrefix.get(prefix)?.size ?? 0) >= count;
  if (enough()) return Promise.resolve();
  return new Promise((resolve) => {
    const check = () => {
      if (!enough()) return;
      client.doc.off('update', check);
      resolve();
    };
    client.doc.on('update', check);
  });
}

/** Resolves once the provider has lost its connection. */
function disconnected(client: CollabClient): Promise<void> {
  if (!client.provider.wsconnected) return Promise.resolve();
  return new Promise((resolve) => client.provider.once('connection-close', () => resolve()));
}

/** A fresh client (a new Y.Doc) reads the stored document after a restart. */
async function storedTokens(child: ChildServer, fixture: MeetingFixture) {
  const reader = open(child, fixture.meeting.id, fixture.coach.cookie);
  await synced(reader);
  return tokensIn(reader.doc, SECTION_IDS);
}

function stopTyping(...typists: Typist[]): void {
  for (const t of typists) t.stop();
}

describe('the server process crashes or stops while partners type', () => {
  it(
    'keeps every edit a partner had received when killed with SIGKILL',
    async () => {
      server = await startChildServer();
      const fixture = await buildMeeting(server);
      const { coach, teacher, coachTypist, teacherTypist } = await twoPartnersTyping(server, fixture);

      // Kill at a different point on every run, once both have seen plenty of each other's typing.
      const threshold = 80 + Math.floor(Math.random() * 120);
      await Promise.all([received(teacher, 'c', threshold), received(coach, 't', threshold)]);
      const exit = await server.kill('SIGKILL');
      expect(exit.signal).toBe('SIGKILL');
      await Promise.all([disconnected(coach), disconnected(teacher)]);
      stopTyping(coachTypist, teacherTypist);

      // What each partner received came through the server, which stores before it relays.
      const seenByTeacher = tokensIn(teacher.doc, SECTION_IDS).byPrefix.get('c') ?? new Set<string>();
      const seenByCoach = tokensIn(coach.doc, SECTION_IDS).byPrefix.get('t') ?? new Set<string>();
      const ackedCoach = coachTypist.acked();
      const ackedTeacher = teacherTypist.acked();
      // The old clients must not bring their copies back to the new process.
      coach.provider.destroy();
      teacher.provider.destroy();

      await server.restart();
      const stored = await storedTokens(server, fixture);
      expect(seenByTeacher.size).toBeGreaterThanOrEqual(threshold);
      expect(seenByCoach.size).toBeGreaterThanOrEqual(threshold);
      expect(missing(seenByTeacher, stored.byPrefix.get('c'))).toEqual([]);
      expect(missing(seenByCoach, stored.byPrefix.get('t'))).toEqual([]);
      expect(missing(ackedCoach, stored.byPrefix.get('c'))).toEqual([]);
      expect(missing(ackedTeacher, stored.byPrefix.get('t'))).toEqual([]);
      expect(stored.duplicates).toBe(0);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'on SIGTERM closes with "server restarting", stores every acknowledged edit and exits 0',
    async () => {
      server = await startChildServer();
      const fixture = await buildMeeting(server);
      const { coach, teacher, coachTypist, teacherTypist } = await twoPartnersTyping(server, fixture);
      const closeCodes: number[] = [];
      for (const c of [coach, teacher]) {
        c.provider.on('connection-close', (event) => closeCodes.push(event?.code ?? 0));
      }

      const threshold = 80 + Math.floor(Math.random() * 120);
      await Promise.all([received(teacher, 'c', threshold), received(coach, 't', threshold)]);
      const ackedBeforeSignal = [...coachTypist.acked(), ...teacherTypist.acked()];
      const closing = Promise.all([disconnected(coach), disconnected(teacher)]);
      const exit = await server.kill('SIGTERM');
      await closing;
      stopTyping(coachTypist, teacherTypist);

      expect(exit, server.log()).toEqual({ code: 0, signal: null });
      expect(closeCodes.slice(0, 2)).toEqual([CloseCode.ServerRestarting, CloseCode.ServerRestarting]);
      const ackedBeforeExit = [...coachTypist.acked(), ...teacherTypist.acked()];
      expect(ackedBeforeSignal.length).toBeGreaterThan(0);
      const seen = [
        ...(tokensIn(teacher.doc, SECTION_IDS).byPrefix.get('c') ?? []),
        ...(tokensIn(coach.doc, SECTION_IDS).byPrefix.get('t') ?? []),
      ];
      // Keep the partners' docs (with whatever the server had not stored) for after the restart.
      coach.provider.destroy();
      teacher.provider.destroy();

      await server.restart();
      const stored = await storedTokens(server, fixture);
      const all = new Set([...(stored.byPrefix.get('c') ?? []), ...(stored.byPrefix.get('t') ?? [])]);
      expect(missing(ackedBeforeSignal, all)).toEqual([]);
      expect(missing(ackedBeforeExit, all)).toEqual([]);
      expect(missing(seen, all)).toEqual([]);
      expect(stored.duplicates).toBe(0);

      // The partners come back with their own copies: the rest of what they typed is merged, none of it lost.
      const coachAgain = open(server, fixture.meeting.id, fixture.coach.cookie, { doc: coach.doc });
      const teacherAgain = open(server, fixture.meeting.id, fixture.teacher.cookie, { doc: teacher.doc });
      await Promise.all([synced(coachAgain), synced(teacherAgain)]);
      await Promise.all([allSaved(coachAgain), allSaved(teacherAgain)]);
      const merged = await storedTokens(server, fixture);
      expect(missing(coachTypist.typed, merged.byPrefix.get('c'))).toEqual([]);
      expect(missing(teacherTypist.typed, merged.byPrefix.get('t'))).toEqual([]);
      expect(merged.duplicates).toBe(0);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
