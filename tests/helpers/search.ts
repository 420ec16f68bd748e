/**
 * Helpers for the search tests: ask the domain service as a person, flatten
 * the answer, and wait (by asking again, never by sleeping blind) for a word
 * to become findable.
 */
import type { SearchResponse } from '../../shared/search.js';
import type { UserFixture } from './factories.js';
import type { TestServer } from './testServer.js';

export interface FlatHit {
  partnershipId: string;
  meetingId: string;
  field: string;
  sectionId: string | null;
  /** The snippet's text with matched words in [brackets]. */
  marked: string;
}

/** The caller's search answer. */
export function searchAs(server: TestServer, person: UserFixture, q: string, limit?: number): Promise<SearchResponse> {
  return server.server.services.search.search(person.user.id, q, limit === undefined ? {} : { limit });
}

/** Every hit of an answer, in order, with the snippet marks written as brackets. */
export function flatHits(response: SearchResponse): FlatHit[] {
  return response.partnerships.flatMap((p) =>
    p.meetings.flatMap((m) =>
      m.hits.map((h) => ({
        partnershipId: p.partnershipId,
        meetingId: m.meetingId,
        field: h.field,
        sectionId: h.sectionId,
        marked: h.snippet.map((part) => (part.match ? `[${part.text}]` : part.text)).join(''),
      })),
    ),
  );
}

/** Asks again every 50 ms until `person` finds `q` in `meetingId`; how long that took, in ms. */
export async function untilFound(
  server: TestServer,
  person: UserFixture,
  q: string,
  meetingId: string,
  timeoutMs = 10_000,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    const hits = flatHits(await searchAs(server, person, q));
    if (hits.some((h) => h.meetingId === meetingId)) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`"${q}" not found in ${meetingId} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
