/**
 * Authorship is attested by the server: it records which authenticated
 * connection wrote with each Yjs client id, and refuses an update written
 * with the partner's client id. What a client says about itself changes nothing.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AuthorsResponseSchema, sectionShares, type Author } from '../../shared/authorship.js';
import { CloseCode } from '../../shared/closeCodes.js';
import { backendsToTest } from '../helpers/backends.js';
import * as encoding from 'lib0/encoding';
import { allSaved, closeCode, rawSocket, synced, text, waitForDoc, collabSuite } from '../helpers/collabClient.js';
import { buildMeeting, buildUser } from '../helpers/factories.js';

const backends = await backendsToTest();

describe.each(backends)('attested authorship on %s', (backend) => {
  const suite = collabSuite(backend);

  it("credits the teacher with what the teacher's connection sent, whatever the client says, across a restart", async () => {
    const { meeting, coach, teacher } = await buildMeeting(suite.server);
    const c = suite.open(meeting.id, coach.cookie);
    const t = suite.open(meeting.id, teacher.cookie);
    await Promise.all([synced(c), synced(t)]);

    // The teacher's client claims to be the coach, in awareness and in a client-written user map.
    t.provider.awareness.setLocalStateField('name', coach.user.name);
    const pud = new Y.PermanentUserData(t.doc);
    pud.setUserMapping(t.doc, t.doc.clientID, coach.user.id);

    c.doc.get('goal', Y.XmlText).insert(0, 'Coach words. ');
    t.doc.get('goal', Y.XmlText).insert(0, 'Teacher words. ');
    await Promise.all([allSaved(c), allSaved(t)]);
    await waitForDoc(c.doc, (d) => text(d, 'goal').length === 'Coach words. Teacher words. '.length);

    const res = await coach.client.get(`/api/meetings/${meeting.id}/authors`);
    expect(res.status).toBe(200);
    const { authors } = AuthorsResponseSchema.parse(res.body);
    const byClient = new Map(authors.map((a: Author) => [a.clientId, a]));
    expect(byClient.get(t.doc.clientID)).toEqual({
      clientId: t.doc.clientID,
      userId: teacher.user.id,
      role: 'teacher',
    });
    expect(byClient.get(c.doc.clientID)?.role).toBe('coach');

    const roleOf = (client: number) => byClient.get(client)?.role;
    expect(sectionShares(c.doc, 'goal', roleOf)).toEqual({
      coach: 'Coach words. '.length,
      teacher: 'Teacher words. '.length,
    });

    await suite.server.restart();
    const again = AuthorsResponseSchema.parse((await teacher.client.get(`/api/meetings/${meeting.id}/authors`)).body);
    expect(again.authors).toEqual(authors);
  });

  it("closes a connection that writes with the partner's client id, and stores nothing of it", async () => {
    const { meeting, coach, teacher } = await buildMeeting(suite.server);
    const c = suite.open(meeting.id, coach.cookie);
    await synced(c);
    c.doc.get('actionStep', Y.XmlText).insert(0, 'Agreed by the coach');
    await allSaved(c);
    const coachClientId = c.doc.clientID;
    c.destroy();

    // A forged update: the teacher's session, the coach's Yjs client id. (The stock client would
    // notice the clash and pick a new id, so this is what a hostile client would send by hand.)
    const forgedDoc = new Y.Doc();
    forgedDoc.clientID = coachClientId;
    let forgedUpdate: Uint8Array | null = null;
    forgedDoc.on('update', (u: Uint8Array) => (forgedUpdate = u));
    forgedDoc.get('actionStep', Y.XmlText).insert(0, 'Words put in the coach’s mouth. ');
    const ws = await rawSocket(suite.server, meeting.id, teacher.cookie);
    const code = closeCode(ws);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, forgedUpdate as unknown as Uint8Array);
    ws.send(encoding.toUint8Array(encoder));
    expect(await code).toBe(CloseCode.ForeignClientId);

    const fresh = suite.open(meeting.id, coach.cookie);
    await synced(fresh);
    expect(text(fresh.doc, 'actionStep')).toBe('Agreed by the coach');
  });

  it('tells only the partners who wrote what', async () => {
    const { meeting } = await buildMeeting(suite.server);
    const stranger = await buildUser(suite.server);
    const res = await stranger.client.get(`/api/meetings/${meeting.id}/authors`);
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain(meeting.id);
  });
});
