/**
 * The limits in `shared/limits.ts`, each hit on purpose against a real server:
 * frames per second on the collaboration socket (4429), sockets per person on
 * both socket transports (HTTP 429 before upgrading, and socket.io's connect
 * error), the frame-rate bucket itself on a fake clock, and the documented
 * numbers behind the sign-in and sign-up limits.
 */
import type { Socket } from 'socket.io-client';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../shared/api.js';
import { CloseCode } from '../../shared/closeCodes.js';
import { COLLAB_PATH } from '../../shared/collabProtocol.js';

import { LIMITS } from '../../shared/limits.js';
import { FrameRate } from '../../server/collab/connection.js';
import { defaultRateLimits } from '../../server/http/rateLimits.js';
import { allSaved, closeCode, connectCollab, rawSocket, synced, text, tryUpgrade } from '../helpers/collabClient.js';
import { buildMeeting, buildUser, type MeetingFixture } from '../helpers/factories.js';
import { outcome, realtimeSocket } from '../helpers/realtimeClient.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

/** A y-websocket "query awareness" frame: valid, tiny, and answered with one frame. */
const QUERY_AWARENESS = new Uint8Array([3]);

/** Resolves once `ws` has received `count` more awareness frames (the answers to `QUERY_AWARENESS`). */
function awarenessFrames(ws: WebSocket, count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = 0;
    const onMessage = (data: Buffer) => {
      if (data[0] !== 1 || ++seen < count) return;
      ws.off('message', onMessage);
      resolve();
    };
    ws.on('message', onMessage);
    ws.once('close', (code) => reject(new Error(`closed with ${code} after ${seen} of ${count} frames`)));
  });
}

function closed(ws: WebSocket): Promise<void> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => ws.once('close', () => resolve()));
}

describe('limits', () => {
  let server: TestServer;
  let fixture: MeetingFixture;

  beforeAll(async () => {
    server = await startTestServer();
    fixture = await buildMeeting(server);
  });
  afterAll(async () => {
    await server?.stop();
  });

  describe('frames per second on the collaboration socket', () => {
    it('refills at the sustained rate and never holds more than the burst', () => {
      let now = 0;
      const rate = new FrameRate(60, 200, () => now);
      for (let i = 0; i < 200; i++) expect(rate.take()).toBe(true);
      expect(rate.take()).toBe(false);
      // Half a second later, thirty more (60 per second).
      now += 500;
      for (let i = 0; i < 30; i++) expect(rate.take()).toBe(true);
      expect(rate.take()).toBe(false);
      // A fast typist's pace (an update and a cursor move every 50 ms) goes on for ever.
      for (let i = 0; i < 10_000; i++) {
        now += 50;
        expect(rate.take() && rate.take()).toBe(true);
      }
      // A long pause refills only up to the burst.
      now += 60_000;
      for (let i = 0; i < 200; i++) expect(rate.take()).toBe(true);
      expect(rate.take()).toBe(false);
    });

    it('lets a connection send a full burst at once', async () => {
      const ws = await rawSocket(server, fixture.meeting.id, fixture.teacher.cookie);
      const answers = awarenessFrames(ws, LIMITS.collabMessageBurst);
      for (let i = 0; i < LIMITS.collabMessageBurst; i++) ws.send(QUERY_AWARENESS);
      await answers;
      expect(ws.readyState).toBe(WebSocket.OPEN);
      ws.close();
      await closed(ws);
    });

    it('closes a flood with TooManyMessages, and the partner and the document carry on', async () => {
      const { meeting, coach, teacher } = await buildMeeting(server);
      const partner = connectCollab(server, meeting.id, coach.cookie);
      await synced(partner);
      partner.doc.get('goal', Y.XmlText).insert(0, 'Wait time after questions');
      await allSaved(partner);

      const flood = await rawSocket(server, meeting.id, teacher.cookie);
      const code = closeCode(flood);
      for (let i = 0; i < LIMITS.collabMessageBurst * 3; i++) flood.send(QUERY_AWARENESS);
      expect(await code).toBe(CloseCode.TooManyMessages);

      partner.doc.get('goal', Y.XmlText).insert(0, '[agreed] ');
      await allSaved(partner);
      const fresh = connectCollab(server, meeting.id, teacher.cookie);
      await synced(fresh);
      expect(text(fresh.doc, 'goal')).toBe('[agreed] Wait time after questions');
      fresh.destroy();
      partner.destroy();
    });
  });

  describe('sockets per person', () => {
    it(`refuses a collaboration upgrade past ${LIMITS.maxCollabConnectionsPerUser} sockets with HTTP 429, for that person only`, async () => {
      const { meeting, coach, teacher } = await buildMeeting(server);
      const path = `${COLLAB_PATH}/${meeting.id}`;
      const open: WebSocket[] = [];
      for (let i = 0; i < LIMITS.maxCollabConnectionsPerUser; i++) {
        open.push(await rawSocket(server, meeting.id, coach.cookie));
      }
      const refused = await tryUpgrade(server, path, coach.cookie);
      expect(refused.status).toBe(429);
      expect(ErrorBodySchema.parse(refused.body).error).toEqual({
        id: 'too_many_connections',
        message: 'Tandem is open in too many tabs. Close a few and try again.',
      });
      // The partner is not held up by the coach's tabs.
      expect((await tryUpgrade(server, path, teacher.cookie)).status).toBe(101);

      // Closing the tabs gives the slots back.
      for (const ws of open) ws.close();
      await Promise.all(open.map(closed));
      let status = 0;
      for (let attempt = 0; attempt < 50 && status !== 101; attempt++) {
        status = (await tryUpgrade(server, path, coach.cookie)).status;
      }
      expect(status).toBe(101);
    });

    it(`refuses a socket.io connection past ${LIMITS.maxRealtimeConnectionsPerUser} with too_many_connections`, async () => {
      const person = await buildUser(server);
      const other = await buildUser(server);
      const sockets: Socket[] = [];
      const open = (cookie: string) => {
        const socket = realtimeSocket(server.url, cookie);
        sockets.push(socket);
        return outcome(socket);
      };
      try {
        for (let i = 0; i < LIMITS.maxRealtimeConnectionsPerUser; i++) {
          expect(await open(person.cookie)).toEqual({ ok: true });
        }
        expect(await open(person.cookie)).toEqual({
          ok: false,
          message: 'too_many_connections',
          data: { message: 'Tandem is open in too many tabs. Close a few and try again.' },
        });
        expect(await open(other.cookie)).toEqual({ ok: true });

        sockets[0]?.disconnect();
        let result: { ok: boolean } = { ok: false };
        for (let attempt = 0; attempt < 50 && !result.ok; attempt++) result = await open(person.cookie);
        expect(result.ok).toBe(true);
      } finally {
        for (const socket of sockets) socket.disconnect();
      }
    });
  });

  describe('sign-in and sign-up limits', () => {
    it('come from shared/limits.ts, with only the per-IP ones raised under test', () => {
      expect(defaultRateLimits('production')).toEqual({
        windowMs: LIMITS.authRateWindowMs,
        signupPerIp: LIMITS.signupsPerIp,
        loginPerIp: LIMITS.loginFailuresPerIp,
        signInPerIp: LIMITS.signInAttemptsPerIp,
        loginPerEmail: LIMITS.loginFailuresPerAccount,
        resetPerIp: LIMITS.passwordResetsPerIp,
        resetPerEmail: LIMITS.passwordResetsPerAddress,
      });
      const underTest = defaultRateLimits('test');
      expect(underTest.loginPerEmail).toBe(LIMITS.loginFailuresPerAccount);
      expect(underTest.resetPerEmail).toBe(LIMITS.passwordResetsPerAddress);
      expect(underTest.loginPerIp).toBeGreaterThan(LIMITS.loginFailuresPerIp);
    });
  });
});
