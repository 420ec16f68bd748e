/**
 * The collaboration socket against a real server: stock y-websocket providers
 * over ws, sessions from the real HTTP API, storage on SQLite and PostgreSQL.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/closeCodes.js';
import { COLLAB_PATH } from '../../shared/collabProtocol.js';
import { LIMITS } from '../../shared/limits.js';
import { backendsToTest } from '../helpers/backends.js';
import {
  allSaved,
  closeCode,
  rawSocket,
  synced,
  text,
  upgradeStatus,
  waitForDoc,
  collabSuite,
} from '../helpers/collabClient.js';
import { buildMeeting, buildUser, type MeetingFixture } from '../helpers/factories.js';
import { waitFor } from '../helpers/waitFor.js';

const backends = await backendsToTest();

describe.each(backends)('collaboration socket on %s', (backend) => {
  const suite = collabSuite(backend);
  let fixture: MeetingFixture;
  beforeAll(async () => {
    fixture = await buildMeeting(suite.server);
  });

  it('lets coach and teacher edit different sections at once and converge', async () => {
    const { meeting, coach, teacher } = await buildMeeting(suite.server);
    const a = suite.open(meeting.id, coach.cookie);
    const b = suite.open(meeting.id, teacher.cookie);
    await Promise.all([synced(a), synced(b)]);

    a.doc.get('goal', Y.XmlText).insert(0, 'Students explain their reasoning');
    b.doc.get('currentReality', Y.XmlText).insert(0, 'Six of thirty hands went up');
    b.doc.get('goal', Y.XmlText).insert(0, '[T] ');

    const converged = (d: Y.Doc) => text(d, 'goal').length === 36 && text(d, 'currentReality').length > 0;
    await Promise.all([
      waitForDoc(a.doc, converged, 'coach sees both'),
      waitForDoc(b.doc, converged, 'teacher sees both'),
    ]);
    expect(text(a.doc, 'goal')).toBe(text(b.doc, 'goal'));
    expect(text(a.doc, 'goal')).toContain('Students explain their reasoning');
    expect(text(a.doc, 'currentReality')).toBe('Six of thirty hands went up');
  });

  it('acknowledges an update only once it is stored', async () => {
    const { meeting, coach } = await buildMeeting(suite.server);
    const a = suite.open(meeting.id, coach.cookie);
    await synced(a);
    a.doc.get('actionStep', Y.XmlText).insert(0, 'Use the three-step prompt');
    await allSaved(a);
    const stored = await suite.server.server.services.documents.load(meeting.id);
    const check = new Y.Doc();
    for (const u of stored.updates) Y.applyUpdate(check, u);
    expect(text(check, 'actionStep')).toBe('Use the three-step prompt');
  });

  it('counts a deletion as saved only once the suite.server has stored it, on a live socket and after a reconnect', async () => {
    const { meeting, coach, teacher } = await buildMeeting(suite.server);
    const a = suite.open(meeting.id, coach.cookie);
    const b = suite.open(meeting.id, teacher.cookie);
    await Promise.all([synced(a), synced(b)]);
    const goal = a.doc.get('goal', Y.XmlText);
    goal.insert(0, 'Coach words. ');
    await waitForDoc(b.doc, (d) => text(d, 'goal') === 'Coach words. ', 'the teacher sees the coach');
    const teacherGoal = b.doc.get('goal', Y.XmlText);
    teacherGoal.insert(teacherGoal.length, 'Teacher words.');
    await waitForDoc(a.doc, (d) => text(d, 'goal') === 'Coach words. Teacher words.', 'the coach sees both');
    await Promise.all([allSaved(a), allSaved(b)]);

    // Backspace over a word of one's own, then over the partner's: no clock moves.
    const before = Y.getState(a.doc.store, a.doc.clientID);
    goal.delete('Coach '.length, 'words. '.length);
    expect(Y.getState(a.doc.store, a.doc.clientID)).toBe(before);
    expect(a.saved.isSaved()).toBe(false);
    await allSaved(a);
    const loadStored = async () => {
      const stored = await suite.server.server.services.documents.load(meeting.id);
      const check = new Y.Doc();
      for (const u of stored.updates) Y.applyUpdate(check, u);
      return text(check, 'goal');
    };
    expect(await loadStored()).toBe('Coach Teacher words.');

    // Deleted while the socket is down: not saved until the reconnect's sync has been stored.
    a.provider.disconnect();
    goal.delete('Coach '.length, 'Teacher '.length);
    expect(a.saved.isSaved()).toBe(false);
    a.provider.connect();
    await allSaved(a);
    expect(await loadStored()).toBe('Coach words.');
  });

  it('refuses strangers, anonymous sockets and forged cookies before upgrading', async () => {
    const stranger = await buildUser(suite.server);
    const path = `${COLLAB_PATH}/${fixture.meeting.id}`;
    expect(await upgradeStatus(suite.server, path, { cookie: stranger.cookie })).toBe(404);
    expect(await upgradeStatus(suite.server, path)).toBe(401);
    const [name, value] = fixture.coach.cookie.split('=') as [string, string];
    const forged = `${name}=${value.slice(0, -4)}AAAA`;
    expect(await upgradeStatus(suite.server, path, { cookie: forged })).toBe(401);
    expect(await upgradeStatus(suite.server, `${COLLAB_PATH}/not-a-meeting`, { cookie: fixture.coach.cookie })).toBe(
      404,
    );
    expect(
      await upgradeStatus(suite.server, path, { cookie: fixture.coach.cookie, origin: 'https://evil.example' }),
    ).toBe(403);
    expect(await upgradeStatus(suite.server, path, { cookie: fixture.coach.cookie })).toBe(101);
  });

  it('closes a connection that sends a malformed frame, and the document and suite.server stay fine', async () => {
    const { meeting, coach, teacher } = await buildMeeting(suite.server);
    const a = suite.open(meeting.id, coach.cookie);
    await synced(a);
    a.doc.get('goal', Y.XmlText).insert(0, 'before');
    await allSaved(a);

    const bad = await rawSocket(suite.server, meeting.id, teacher.cookie);
    const closed = closeCode(bad);
    // A sync update whose payload is not a Yjs update.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, new Uint8Array([200, 1, 2, 3, 4, 5, 6, 7, 8]));
    bad.send(encoding.toUint8Array(encoder));
    expect(await closed).toBe(CloseCode.MalformedMessage);

    const bad2 = await rawSocket(suite.server, meeting.id, teacher.cookie);
    const closed2 = closeCode(bad2);
    bad2.send(new Uint8Array([77, 1, 2]));
    expect(await closed2).toBe(CloseCode.MalformedMessage);

    a.doc.get('goal', Y.XmlText).insert(6, ' and after');
    await allSaved(a);
    const late = suite.open(meeting.id, teacher.cookie);
    await synced(late);
    expect(text(late.doc, 'goal')).toBe('before and after');
  });

  it('closes a connection that sends an oversized frame with the documented code', async () => {
    const { meeting, teacher } = await buildMeeting(suite.server);
    const ws = await rawSocket(suite.server, meeting.id, teacher.cookie);
    const closed = closeCode(ws);
    ws.send(new Uint8Array(LIMITS.maxMessageBytes + 1));
    expect(await closed).toBe(CloseCode.MessageTooLarge);
  });

  it('gives a late joiner the full document', async () => {
    const { meeting, coach, teacher } = await buildMeeting(suite.server);
    const a = suite.open(meeting.id, coach.cookie);
    await synced(a);
    for (let i = 0; i < 50; i++) a.doc.get('practicePlan', Y.XmlText).insert(0, `${i};`);
    await allSaved(a);
    const late = suite.open(meeting.id, teacher.cookie);
    await synced(late);
    expect(text(late.doc, 'practicePlan')).toBe(text(a.doc, 'practicePlan'));
  });

  it('keeps the text through a suite.server restart', async () => {
    const { meeting, coach, teacher } = await buildMeeting(suite.server);
    const a = suite.open(meeting.id, coach.cookie);
    await synced(a);
    a.doc.get('modelledStrategy', Y.XmlText).insert(0, 'Model the think-aloud twice');
    await allSaved(a);
    a.destroy();

    await suite.server.restart();
    const b = suite.open(meeting.id, teacher.cookie);
    await synced(b);
    expect(text(b.doc, 'modelledStrategy')).toBe('Model the think-aloud twice');
  });

  it('compacts the stored log without losing anything', async () => {
    const { meeting, coach } = await buildMeeting(suite.server);
    const a = suite.open(meeting.id, coach.cookie);
    await synced(a);
    const goal = a.doc.get('goal', Y.XmlText);
    for (let i = 0; i < 40; i++) goal.insert(goal.length, `w${i} `);
    goal.delete(0, 4);
    await allSaved(a);
    const { documents } = suite.server.server.services;
    const result = await documents.compact(meeting.id);
    expect(result.after).toBe(1);
    expect(result.before).toBeGreaterThan(1);
    goal.insert(0, 'after ');
    await allSaved(a);
    const stored = await documents.load(meeting.id);
    expect(stored.rows).toBe(2);
    const check = new Y.Doc();
    for (const u of stored.updates) Y.applyUpdate(check, u);
    expect(text(check, 'goal')).toBe(goal.toString());
  });

  it('reopens a meeting left moments ago from the copy the room kept, with what was stored since', async () => {
    const { meeting, coach, teacher } = await buildMeeting(suite.server);
    const { collab, services } = suite.server.server;
    const a = suite.open(meeting.id, coach.cookie);
    await synced(a);
    a.doc.get('goal', Y.XmlText).insert(0, 'Every pupil answers in full sentences');
    await allSaved(a);
    a.destroy();
    await waitFor(() => !collab.rooms.has(meeting.id), 'the room to unload');
    const kept = await services.documents.read(meeting.id);
    expect(kept.get('goal', Y.XmlText).toString()).toBe('Every pupil answers in full sentences');

    // Stored while no room is open (as a server edit would be): the next room applies it to the kept copy.
    const writer = new Y.Doc();
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(kept));
    const before = Y.encodeStateVector(writer);
    writer.get('currentReality', Y.XmlText).insert(0, 'Answers are single words');
    await services.documents.append(meeting.id, Y.encodeStateAsUpdate(writer, before), coach.user.id);

    const b = suite.open(meeting.id, teacher.cookie);
    await synced(b);
    expect(await services.documents.read(meeting.id)).toBe(kept);
    expect(text(b.doc, 'goal')).toBe('Every pupil answers in full sentences');
    expect(text(b.doc, 'currentReality')).toBe('Answers are single words');
    b.doc.get('goal', Y.XmlText).insert(0, 'By half term: ');
    await allSaved(b);
    b.destroy();

    await suite.server.restart();
    const c = suite.open(meeting.id, coach.cookie);
    await synced(c);
    expect(text(c.doc, 'goal')).toBe('By half term: Every pupil answers in full sentences');
    expect(text(c.doc, 'currentReality')).toBe('Answers are single words');
    c.destroy();
  });

  it('compacts a large meeting into rows of bounded size that load, in order, after a restart', async () => {
    const { meeting, coach } = await buildMeeting(suite.server);
    const a = suite.open(meeting.id, coach.cookie);
    await synced(a);
    // Letters typed at scattered places are a struct each: several compacted rows' worth.
    const plan = a.doc.get('practicePlan', Y.XmlText);
    let seed = 5;
    const place = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % (plan.length + 1);
    for (let burst = 0; burst < 10; burst++) {
      a.doc.transact(() => {
        for (let i = 0; i < 500; i++) plan.insert(place(), 'abc'[i % 3] as string);
      });
      plan.delete(place() % Math.max(plan.length - 10, 1), 5);
    }
    await allSaved(a);
    const { documents } = suite.server.server.services;
    const result = await documents.compact(meeting.id);
    expect(result.after).toBeGreaterThan(1);
    expect(result.after).toBeLessThan(result.before);
    const stored = await documents.load(meeting.id);
    for (const row of stored.updates) {
      expect(Y.decodeUpdate(row).structs.length).toBeLessThanOrEqual(LIMITS.maxCompactedRowItems);
    }
    const written = plan.toString();
    a.destroy();

    await suite.server.restart();
    const b = suite.open(meeting.id, coach.cookie);
    await synced(b);
    expect(text(b.doc, 'practicePlan')).toBe(written);
    b.destroy();
  });
});
