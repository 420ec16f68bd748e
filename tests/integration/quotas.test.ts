/**
 * Quotas: meetings started per partnership per day (429 `too_many_meetings`), open invitations per person
 * (429 `too_many_invites`), and stored bytes per partnership (409 `storage_full` for a new meeting; a live
 * edit that would pass it closes its socket with 4424 and is not stored).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/closeCodes.js';
import { LIMITS } from '../../shared/limits.js';
import { backendsToTest } from '../helpers/backends.js';
import { allSaved, connectCollab, synced } from '../helpers/collabClient.js';
import { buildMeeting, buildPartnership, buildUser } from '../helpers/factories.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { expectError } from '../helpers/errors.js';

const backends = await backendsToTest();

describe.each(backends)('quotas (%s)', (backend) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ backend });
  });
  afterAll(async () => {
    await server?.stop();
  });
  afterEach(() => {
    Object.assign(server.server.services.quotas.limits, {
      storedBytesPerPartnership: LIMITS.maxStoredBytesPerPartnership,
    });
  });

  it('stops a partnership starting more than its meetings per day, and only that partnership', async () => {
    const { coach, teacher, partnership } = await buildPartnership(server);
    const start = (who: typeof coach, id = partnership.id) => who.client.post(`/api/partnerships/${id}/meetings`, {});
    for (let i = 0; i < LIMITS.meetingsPerPartnershipPerDay; i++) {
      expect((await start(i % 2 === 0 ? coach : teacher)).status).toBe(201);
    }
    expectError(await start(coach), 429, 'too_many_meetings');
    expectError(await start(teacher), 429, 'too_many_meetings');
    const other = await buildPartnership(server, { coach });
    expect((await start(coach, other.partnership.id)).status).toBe(201);

    // A day later the count starts again.
    const dayAgo = new Date(Date.now() - 25 * 60 * 60 * 1000).toISOString();
    await server.server.services.db
      .updateTable('meetings')
      .set({ created_at: dayAgo })
      .where('partnership_id', '=', partnership.id)
      .execute();
    expect((await start(coach)).status).toBe(201);
  });

  it('limits the invitations one person has open', async () => {
    const person = await buildUser(server);
    for (let i = 0; i < LIMITS.openInvitesPerPerson; i++) {
      expect((await person.client.post('/api/invites', { role: 'coach' })).status).toBe(201);
    }
    expectError(await person.client.post('/api/invites', { role: 'teacher' }), 429, 'too_many_invites');
    const someoneElse = await buildUser(server);
    expect((await someoneElse.client.post('/api/invites', { role: 'coach' })).status).toBe(201);

    // Expired invitations are not open any more.
    await server.server.services.db
      .updateTable('invites')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('inviter_id', '=', person.user.id)
      .execute();
    expect((await person.client.post('/api/invites', { role: 'coach' })).status).toBe(201);
  });

  it('refuses new meetings, and live edits with 4424, once a partnership stores its quota', async () => {
    const fixture = await buildMeeting(server);
    const { meeting, coach, partnership } = fixture;
    const limits = server.server.services.quotas.limits;
    limits.storedBytesPerPartnership = 64 * 1024;

    const writer = connectCollab(server, meeting.id, coach.cookie);
    await synced(writer);
    const closed = new Promise<number>((resolve) =>
      writer.provider.on('connection-close', (event) => resolve(event?.code ?? 0)),
    );
    const goal = writer.doc.get('goal', Y.XmlText);
    goal.insert(0, 'small and kept');
    await allSaved(writer);
    // One edit past what is left of the quota.
    goal.insert(goal.length, 'x'.repeat(80 * 1024));
    expect(await closed).toBe(CloseCode.StorageFull);
    writer.destroy();

    await server.server.services.documents.flush();
    const stored = new Y.Doc();
    for (const update of (await server.server.services.documents.load(meeting.id)).updates)
      Y.applyUpdate(stored, update);
    expect(stored.get('goal', Y.XmlText).toString()).toBe('small and kept');

    // Filled up by stored notes: no new meeting.
    limits.storedBytesPerPartnership = await server.server.services.quotas.storedBytes(partnership.id);
    expectError(await coach.client.post(`/api/partnerships/${partnership.id}/meetings`, {}), 409, 'storage_full');
    limits.storedBytesPerPartnership = LIMITS.maxStoredBytesPerPartnership;
    expect((await coach.client.post(`/api/partnerships/${partnership.id}/meetings`, {})).status).toBe(201);
  });
});
