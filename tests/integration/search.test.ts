/**
 * Search across a person's partnerships, on SQLite and PostgreSQL: the index
 * follows edits made over a real collaboration socket within seconds, stems
 * English words, holds the facts (measure, tags, rehearsals, feedback,
 * reflections), never shows one partnership's words to anyone outside it,
 * reads hostile input as words, and is rebuilt on start when it is missing.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors.js';
import { parseInput } from '../../server/http/validate.js';
import { SearchQuerySchema, SearchResponseSchema } from '../../shared/search.js';
import { backendsToTest } from '../helpers/backends.js';
import { coachingOf, daysFromToday, writeSection } from '../helpers/coaching.js';
import { buildMeeting, buildPartnership, buildUser } from '../helpers/factories.js';
import { flatHits, searchAs, untilFound } from '../helpers/search.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const backends = await backendsToTest();

describe.each(backends)('search (%s)', (backend) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ backend });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const search = () => server.server.services.search;

  it('finds words typed over a live connection within seconds, by either partner, with stems', async () => {
    const { coach, teacher, meeting, partnership } = await buildMeeting(server);
    await writeSection(server, coach, meeting.id, 'currentReality', 'We kept questioning the quieter students.');

    // No flush: the debounced indexer alone makes it findable, within seconds.
    const tookMs = await untilFound(server, teacher, 'questions', meeting.id);
    expect(tookMs).toBeLessThan(5000);

    const answer = SearchResponseSchema.parse(await searchAs(server, teacher, 'questions students'));
    expect(answer.words).toEqual(['questions', 'students']);
    expect(answer.partnerships).toHaveLength(1);
    expect(answer.partnerships[0]).toMatchObject({
      partnershipId: partnership.id,
      partner: { name: coach.user.name, role: 'coach' },
    });
    expect(answer.partnerships[0]?.meetings[0]).toMatchObject({ meetingId: meeting.id, startedAt: meeting.createdAt });
    expect(flatHits(answer)).toEqual([
      expect.objectContaining({
        field: 'currentReality',
        sectionId: 'currentReality',
        marked: 'We kept [questioning] the quieter [students].',
      }),
    ]);

    // The teacher's later words replace the old ones in the index.
    await writeSection(server, teacher, meeting.id, 'currentReality', 'Cold calling worked well.');
    await search().flush();
    expect(flatHits(await searchAs(server, coach, 'questioning'))).toEqual([]);
    expect(flatHits(await searchAs(server, coach, 'calls'))).toEqual([
      expect.objectContaining({ meetingId: meeting.id, marked: 'Cold [calling] worked well.' }),
    ]);
  });

  it('finds the goal, the measure, the tags, rehearsals, feedback and reflections', async () => {
    const { coach, teacher, meeting, partnership } = await buildMeeting(server);
    await writeSection(server, teacher, meeting.id, 'goal', 'Students explain their reasoning in full sentences.');
    const { cycleId } = (await coachingOf(coach, meeting.id)).coaching;
    const patched = await coach.client.request('PATCH', `/api/cycles/${cycleId}`, {
      body: {
        measureWhat: 'pupils who justify answers unprompted',
        focusTag: 'Oracy fortnight',
        ecfArea: 'adaptive_teaching',
      },
    });
    expect(patched.status).toBe(200);
    const added = await teacher.client.post(`/api/meetings/${meeting.id}/practice`, {
      practisedOn: daysFromToday(0),
      what: 'Rehearsed the turn-and-talk routine',
      feedback: 'Slow the countdown down',
      reflection: 'I rushed the modelling',
    });
    expect(added.status).toBe(201);
    await search().flush();

    const fieldsFor = async (q: string) =>
      flatHits(await searchAs(server, coach, q))
        .filter((h) => h.meetingId === meeting.id)
        .map((h) => h.field);
    expect(await fieldsFor('reasoning')).toEqual(['goal']);
    expect(await fieldsFor('justified')).toEqual(['measure']);
    expect(await fieldsFor('oracy')).toEqual(['tags']);
    expect(await fieldsFor('adaptive')).toEqual(['tags']);
    expect(await fieldsFor('routines')).toEqual(['rehearsal']);
    expect(await fieldsFor('countdown')).toEqual(['feedback']);
    expect(await fieldsFor('rushing')).toEqual(['reflection']);
    expect(flatHits(await searchAs(server, teacher, 'countdown'))[0]?.sectionId).toBeNull();

    // The cycle's facts move to its newest meeting, so they are found once.
    const next = await buildMeeting(server, { coach, teacher, partnership });
    await search().flush();
    const measureHits = flatHits(await searchAs(server, teacher, 'justify'));
    expect(measureHits.map((h) => h.meetingId)).toEqual([next.meeting.id]);
  });

  it('finds nothing for a stranger, another partnership, or a partner of another partnership', async () => {
    const word = `zephyrine${backend}`;
    const coach = await buildUser(server, { name: 'Shared Coach' });
    const mine = await buildMeeting(server, await buildPartnership(server, { coach }));
    const otherTeacherOfCoach = await buildPartnership(server, { coach });
    const elsewhere = await buildMeeting(server);
    const stranger = await buildUser(server);
    await writeSection(server, mine.teacher, mine.meeting.id, 'actionStep', `Try the ${word} routine`);
    await writeSection(server, elsewhere.coach, elsewhere.meeting.id, 'goal', `Our own ${word} goal`);
    await search().flush();

    expect(flatHits(await searchAs(server, mine.teacher, word)).map((h) => h.meetingId)).toEqual([mine.meeting.id]);
    // The coach of both finds both partnerships' words only where they are a partner.
    expect(flatHits(await searchAs(server, coach, word)).map((h) => h.meetingId)).toEqual([mine.meeting.id]);
    expect(await searchAs(server, otherTeacherOfCoach.teacher, word)).toMatchObject({ partnerships: [], total: 0 });
    expect(flatHits(await searchAs(server, elsewhere.teacher, word)).map((h) => h.meetingId)).toEqual([
      elsewhere.meeting.id,
    ]);
    expect(await searchAs(server, stranger, word)).toMatchObject({ partnerships: [], total: 0 });
    await expect(search().search('no-such-user', word)).resolves.toMatchObject({ total: 0 });
  });

  it('finds nothing for a closed account, while the remaining partner still finds their notes', async () => {
    const { coach, teacher, meeting } = await buildMeeting(server);
    await writeSection(server, teacher, meeting.id, 'goal', 'Wait time of five seconds');
    await search().flush();
    expect(flatHits(await searchAs(server, teacher, 'seconds'))).toHaveLength(1);
    const closed = await teacher.client.request('DELETE', '/api/me', { body: { password: teacher.password } });
    expect(closed.status).toBe(204);

    expect(await searchAs(server, teacher, 'seconds')).toMatchObject({ total: 0 });
    const forCoach = await searchAs(server, coach, 'seconds');
    expect(forCoach.partnerships[0]?.partner).toEqual({ name: 'Former partner', role: 'teacher' });
  });

  it('lists the newest meeting first and respects the limit', async () => {
    const fixture = await buildPartnership(server);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { meeting } = await buildMeeting(server, fixture, { title: `Quartz meeting ${i}` });
      ids.push(meeting.id);
    }
    await search().flush();
    const all = await searchAs(server, fixture.coach, 'quartz');
    expect(flatHits(all).map((h) => h.meetingId)).toEqual([...ids].reverse());
    expect(all).toMatchObject({ total: 3, truncated: false });
    const two = await searchAs(server, fixture.coach, 'quartz', 2);
    expect(flatHits(two).map((h) => h.meetingId)).toEqual([ids[2], ids[1]]);
    expect(two).toMatchObject({ total: 2, truncated: true });
  });

  it('reads hostile input as words and refuses queries with nothing to look for', async () => {
    const { coach, meeting } = await buildMeeting(server);
    await writeSection(server, coach, meeting.id, 'modelledStrategy', 'Near the door, narrate the col routine');
    await search().flush();
    for (const q of ['"narrate', 'narrate*', 'NEAR(narrate door)', 'col:narrate', 'body:narrate', '"narrate" OR "x"']) {
      const hits = flatHits(await searchAs(server, coach, q)).filter((h) => h.meetingId === meeting.id);
      expect(hits.length, q).toBeLessThanOrEqual(1);
    }
    expect(flatHits(await searchAs(server, coach, 'NEAR(narrate'))).toHaveLength(1);
    expect(flatHits(await searchAs(server, coach, 'col:narrate'))).toHaveLength(1);
    expect(flatHits(await searchAs(server, coach, '"narrate" OR "absent"'))).toHaveLength(0);

    for (const q of ['"', '*', '()', ' :- ', '\u0001']) {
      const error = await search()
        .search(coach.user.id, q)
        .catch((e: unknown) => e);
      expect(error, JSON.stringify(q)).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ status: 400, id: 'validation_failed' });
    }
    const tooLong = await search()
      .search(coach.user.id, 'a'.repeat(10_000))
      .catch((e: unknown) => e);
    expect(tooLong).toMatchObject({ status: 400, id: 'validation_failed' });
  });

  it('is rebuilt on start when the index was dropped', async () => {
    const { coach, meeting } = await buildMeeting(server);
    await writeSection(server, coach, meeting.id, 'practicePlan', 'Script the opening hinge question');
    await search().flush();
    const { db } = server.server.services;
    await sql`delete from search_entries`.execute(db);
    await sql`delete from search_index_state`.execute(db);
    expect(flatHits(await searchAs(server, coach, 'hinge'))).toEqual([]);

    await server.restart();
    await search().rebuilt();
    expect(flatHits(await searchAs(server, coach, 'hinge')).map((h) => h.field)).toEqual(['practicePlan']);
  });
});

describe('the search query schema', () => {
  it('trims, bounds the length and needs a word', () => {
    expect(parseInput(SearchQuerySchema, { q: '  questions ', limit: '5' })).toEqual({ q: 'questions', limit: 5 });
    for (const input of [{ q: 'x'.repeat(201) }, { q: '   ' }, { q: '?!' }, {}, { q: 'ok', limit: '500' }]) {
      expect(() => parseInput(SearchQuerySchema, input)).toThrow(AppError);
    }
    const error = (() => {
      try {
        parseInput(SearchQuerySchema, { q: '***' });
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(error).toMatchObject({ status: 400, fields: { q: 'Type at least one word or number to search for.' } });
  });
});
