/**
 * Helpers for the coaching-cycle tests: write a section through a real
 * collaboration connection (as the given person), and read coaching facts,
 * cycles and homes over HTTP, parsed with the shared schemas.
 */
import * as Y from 'yjs';
import { MeetingCoachingResponseSchema, type MeetingCoachingResponse } from '../../shared/coaching.js';
import { HomeResponseSchema, type PartnershipSummary } from '../../shared/home.js';
import type { SectionId } from '../../shared/sections.js';
import { allSaved, connectCollab, synced } from './collabClient.js';
import type { UserFixture } from './factories.js';
import type { TestServer } from './testServer.js';

/** Replaces a section's text as `person` would type it, and resolves once the server has stored it. */
export async function writeSection(
  server: TestServer,
  person: UserFixture,
  meetingId: string,
  section: SectionId,
  value: string,
): Promise<void> {
  const client = connectCollab(server, meetingId, person.cookie);
  try {
    await synced(client);
    const text = client.doc.get(section, Y.XmlText);
    client.doc.transact(() => {
      text.delete(0, text.length);
      text.insert(0, value);
    });
    await allSaved(client);
  } finally {
    client.destroy();
  }
}

/** The meeting's coaching facts and cycle as `person` sees them. */
export async function coachingOf(person: UserFixture, meetingId: string): Promise<MeetingCoachingResponse> {
  const res = await person.client.get(`/api/meetings/${meetingId}/coaching`);
  if (res.status !== 200) throw new Error(`coaching: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  return MeetingCoachingResponseSchema.parse(res.body);
}

/** The home summary of one partnership as `person` sees it. */
export async function summaryOf(person: UserFixture, partnershipId: string): Promise<PartnershipSummary> {
  const res = await person.client.get('/api/home');
  if (res.status !== 200) throw new Error(`home: HTTP ${res.status}`);
  const found = HomeResponseSchema.parse(res.body).partnerships.find((p) => p.partnership.id === partnershipId);
  if (!found) throw new Error('home: partnership missing');
  return found;
}

/** Tomorrow as YYYY-MM-DD (UTC). */
export function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
