/**
 * Ending a session ends its sockets: signing out closes that session's live collaboration and socket.io
 * connections with 4401 within a second, and nothing the collaboration socket sends after it is stored or
 * relayed; a session unused for `LIMITS.sessionLifetimeMs` is refused, and pruned with its sockets, while
 * using a session keeps it alive.
 */
import type { Socket as NetSocket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/closeCodes.js';
import { LIMITS } from '../../shared/limits.js';
import { sessionIdOf } from '../../server/domain/accounts/accounts.js';
import { backendsToTest } from '../helpers/backends.js';
import { collabCloseCode, realtimeCloseCode } from '../helpers/closeCodes.js';
import { connectCollab, synced, waitForDoc } from '../helpers/collabClient.js';
import { buildMeeting, buildUser, type MeetingFixture } from '../helpers/factories.js';
import { HttpClient } from '../helpers/http.js';
import { openRealtimeSocket } from '../helpers/realtimeClient.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const backends = await backendsToTest();

/** The stored token's session id, from a `tandem_session=<token>.<signature>` cookie. */
function sessionIdFromCookie(cookie: string): string {
  const value = cookie.slice(cookie.indexOf('=') + 1);
  return sessionIdOf(value.slice(0, value.lastIndexOf('.')));
}

function sectionText(doc: Y.Doc): string {
  return doc.get('goal', Y.XmlText).toString();
}

describe.each(backends)('ending a session ends its sockets (%s)', (backend) => {
  let server: TestServer;
  let fixture: MeetingFixture;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    fixture = await buildMeeting(server);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('signing out closes that session’s collaboration and socket.io sockets with 4401 within a second', async () => {
    const { meeting } = fixture;
    const teacher = fixture.teacher;
    // A second session of the same person (another browser) stays signed in.
    const elsewhere = new HttpClient(server.url);
    expect((await elsewhere.post('/api/auth/login', { email: teacher.email, password: teacher.password })).status).toBe(
      200,
    );
    const signingOut = new HttpClient(server.url);
    expect(
      (await signingOut.post('/api/auth/login', { email: teacher.email, password: teacher.password })).status,
    ).toBe(200);
    const cookie = signingOut.cookie ?? '';

    const collab = connectCollab(server, meeting.id, cookie);
    const other = connectCollab(server, meeting.id, elsewhere.cookie);
    await Promise.all([synced(collab), synced(other)]);
    const socket = await openRealtimeSocket(server.url, cookie);
    const otherSocket = await openRealtimeSocket(server.url, elsewhere.cookie);
    const collabClosed = collabCloseCode(collab);
    const socketClosed = realtimeCloseCode(socket);

    const started = performance.now();
    expect((await signingOut.post('/api/auth/logout')).status).toBe(204);
    expect(await collabClosed).toBe(CloseCode.Unauthenticated);
    expect(await socketClosed).toBe(CloseCode.Unauthenticated);
    expect(performance.now() - started).toBeLessThan(1000);

    // The other session's sockets are untouched.
    expect(otherSocket.connected).toBe(true);
    expect(other.provider.wsconnected).toBe(true);
    expect((await elsewhere.get('/api/me')).status).toBe(200);
    collab.destroy();
    other.destroy();
    socket.disconnect();
    otherSocket.disconnect();
  });

  it('does not store or relay a collaboration write sent after signing out', async () => {
    const { meeting, coach, teacher } = fixture;
    const signingOut = new HttpClient(server.url);
    expect(
      (await signingOut.post('/api/auth/login', { email: teacher.email, password: teacher.password })).status,
    ).toBe(200);
    const writer = connectCollab(server, meeting.id, signingOut.cookie);
    const partner = connectCollab(server, meeting.id, coach.cookie);
    await Promise.all([synced(writer), synced(partner)]);
    const closed = collabCloseCode(writer);

    // The writer does not read the server's close (a client that ignores it), so it still sends.
    const raw = (writer.provider.ws as unknown as { _socket: NetSocket })._socket;
    raw.pause();
    expect((await signingOut.post('/api/auth/logout')).status).toBe(204);
    writer.doc.get('goal', Y.XmlText).insert(0, 'written after signing out');
    raw.resume();
    expect(await closed).toBe(CloseCode.Unauthenticated);

    // The partner's next edit reaches a fresh reader; the writer's never reaches anyone.
    partner.doc.get('goal', Y.XmlText).insert(0, 'partner ');
    await server.server.services.documents.flush();
    const reader = connectCollab(server, meeting.id, coach.cookie);
    await synced(reader);
    await waitForDoc(reader.doc, (doc) => sectionText(doc).includes('partner'), 'the partner’s edit');
    expect(sectionText(reader.doc)).not.toContain('signing out');
    expect(sectionText(partner.doc)).not.toContain('signing out');
    const stored = new Y.Doc();
    for (const update of (await server.server.services.documents.load(meeting.id)).updates)
      Y.applyUpdate(stored, update);
    expect(sectionText(stored)).not.toContain('signing out');
    for (const c of [writer, partner, reader]) c.destroy();
  });

  it('refuses a session unused for 30 days, and prunes it with its sockets within a second or so', async () => {
    const person = await buildUser(server);
    const { meeting, coach } = await buildMeeting(server, undefined);
    const db = server.server.services.db;
    const sessionId = sessionIdFromCookie(coach.cookie);
    const collab = connectCollab(server, meeting.id, coach.cookie);
    await synced(collab);
    const socket = await openRealtimeSocket(server.url, coach.cookie);
    const collabClosed = collabCloseCode(collab);
    const socketClosed = realtimeCloseCode(socket);

    // Last used just over 30 days ago.
    const lapsed = new Date(Date.now() - 1000).toISOString();
    await db.updateTable('sessions').set({ expires_at: lapsed }).where('id', '=', sessionId).execute();
    expect((await coach.client.get('/api/me')).status).toBe(401);

    // Nobody asks: the server's own pruning, every `LIMITS.sessionPruneIntervalMs`, ends the sockets.
    const lapsedAt = performance.now();
    expect(await collabClosed).toBe(CloseCode.Unauthenticated);
    expect(await socketClosed).toBe(CloseCode.Unauthenticated);
    // One interval, and the rest of a busy machine's turn.
    expect(performance.now() - lapsedAt).toBeLessThan(LIMITS.sessionPruneIntervalMs + 2000);
    const left = await db.selectFrom('sessions').select('id').where('id', '=', sessionId).execute();
    expect(left).toEqual([]);
    // Other people's live sessions stay.
    expect((await person.client.get('/api/me')).status).toBe(200);
    collab.destroy();
    socket.disconnect();
  });

  it('keeps a session that is used alive, writing its expiry at most every few minutes', async () => {
    const person = await buildUser(server);
    const db = server.server.services.db;
    const sessionId = sessionIdFromCookie(person.cookie);
    const expiry = async () =>
      (await db.selectFrom('sessions').select('expires_at').where('id', '=', sessionId).executeTakeFirstOrThrow())
        .expires_at;

    // Fresh: using it writes nothing.
    const first = await expiry();
    expect((await person.client.get('/api/me')).status).toBe(200);
    expect(await expiry()).toBe(first);

    // Last used 29 days ago: still valid, and using it moves the expiry 30 days from now (and resends the cookie).
    const day = 24 * 60 * 60 * 1000;
    const soon = new Date(Date.now() + day).toISOString();
    await db.updateTable('sessions').set({ expires_at: soon }).where('id', '=', sessionId).execute();
    const res = await person.client.get('/api/me');
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().join(';')).toContain('tandem_session=');
    expect(Date.parse(await expiry())).toBeGreaterThan(Date.now() + LIMITS.sessionLifetimeMs - day);
    expect(await server.server.services.accounts.pruneExpired()).toBe(0);
    expect((await person.client.get('/api/me')).status).toBe(200);
  });
});
