/**
 * The measure's values over time, on SQLite and PostgreSQL: either partner
 * records values, which come back in the order they were counted, with who
 * recorded them; the cycle's latest value is always the latest recorded one,
 * through corrections and removals; outsiders are refused and change nothing;
 * bad input is a 400 naming each field; the partner is told live; and the
 * migration keeps the latest value a cycle had as its first recorded value.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../shared/api.js';
import { CycleResponseSchema } from '../../shared/cycle.js';
import { CycleChangedSchema, CycleServerEvent } from '../../shared/cycleEvents.js';
import { MeasureChangeResponseSchema, MeasureValuesResponseSchema } from '../../shared/measure.js';
import type { Dialect } from '../../server/storage/db.js';
import { allMigrations } from '../../server/storage/migrations/index.js';
import { backendsToTest, createPostgresDatabase } from '../helpers/backends.js';
import { coachingOf, daysFromToday } from '../helpers/coaching.js';
import { buildMeeting, buildPartnership, buildUser, type UserFixture } from '../helpers/factories.js';
import { connected, nextEvent, realtimeSocket } from '../helpers/realtimeClient.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const backends = await backendsToTest();
const errorOf = (body: unknown) => ErrorBodySchema.parse(body).error;

describe.each(backends)('the measure over time (%s)', (backend) => {
  let server: TestServer;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    server = await startTestServer({ backend });
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(async () => {
    await server?.stop();
  });

  const valuesPath = (cycleId: string) => `/api/cycles/${cycleId}/measure/values`;

  async function record(person: UserFixture, cycleId: string, value: number, measuredOn: string) {
    const res = await person.client.post(valuesPath(cycleId), { value, measuredOn });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return MeasureChangeResponseSchema.parse(res.body);
  }

  async function valuesAs(person: UserFixture, cycleId: string) {
    const res = await person.client.get(valuesPath(cycleId));
    expect(res.status).toBe(200);
    return MeasureValuesResponseSchema.parse(res.body);
  }

  async function cycleAs(person: UserFixture, cycleId: string) {
    return CycleResponseSchema.parse((await person.client.get(`/api/cycles/${cycleId}`)).body).cycle;
  }

  it('keeps every value either partner records, in the order counted, with who recorded it', async () => {
    const first = await buildMeeting(server);
    const { coach, teacher } = first;
    await buildMeeting(server, first, { startedBy: 'teacher' });
    const { cycle } = await coachingOf(coach, first.meeting.id);

    await record(coach, cycle.id, 6, daysFromToday(-14));
    await record(teacher, cycle.id, 9, daysFromToday(-1));
    // Counted before the others, recorded after them: it goes first, and the latest stays 9.
    const late = await record(teacher, cycle.id, 4, daysFromToday(-21));
    expect(late.values.map((v) => v.value)).toEqual([4, 6, 9]);
    expect(late.cycle.measure).toMatchObject({ latest: 9, latestOn: daysFromToday(-1) });

    for (const person of [coach, teacher]) {
      const { values, meetings } = await valuesAs(person, cycle.id);
      expect(values.map((v) => [v.value, v.measuredOn, v.recordedBy.name])).toEqual([
        [4, daysFromToday(-21), teacher.user.name],
        [6, daysFromToday(-14), coach.user.name],
        [9, daysFromToday(-1), teacher.user.name],
      ]);
      expect(values.every((v) => v.correctedBy === null)).toBe(true);
      expect(meetings.map((m) => m.number)).toEqual([1, 2]);
    }
    expect((await cycleAs(coach, cycle.id)).measure).toMatchObject({ latest: 9, latestOn: daysFromToday(-1) });
  });

  it('keeps the latest value the latest recorded one through corrections and removals', async () => {
    const { coach, teacher, meeting } = await buildMeeting(server);
    const { cycle } = await coachingOf(coach, meeting.id);
    await record(coach, cycle.id, 5, daysFromToday(-10));
    const { values } = await record(coach, cycle.id, 50, daysFromToday(-2));
    const slip = values.find((v) => v.value === 50)!;

    // The teacher corrects the coach's slip: stamped as theirs.
    const corrected = await teacher.client.request('PATCH', `${valuesPath(cycle.id)}/${slip.id}`, {
      body: { value: 8 },
    });
    expect(corrected.status).toBe(200);
    const after = MeasureChangeResponseSchema.parse(corrected.body);
    expect(after.values.find((v) => v.id === slip.id)).toMatchObject({
      value: 8,
      recordedBy: { id: coach.user.id },
      correctedBy: { id: teacher.user.id },
    });
    expect(after.cycle.measure).toMatchObject({ latest: 8, latestOn: daysFromToday(-2) });

    // Moving its date before the other value makes the other the latest.
    const moved = await coach.client.request('PATCH', `${valuesPath(cycle.id)}/${slip.id}`, {
      body: { measuredOn: daysFromToday(-20) },
    });
    expect(MeasureChangeResponseSchema.parse(moved.body).cycle.measure).toMatchObject({
      latest: 5,
      latestOn: daysFromToday(-10),
    });

    const five = after.values.find((v) => v.value === 5)!;
    const removed = await teacher.client.request('DELETE', `${valuesPath(cycle.id)}/${five.id}`);
    expect(removed.status).toBe(200);
    expect(MeasureChangeResponseSchema.parse(removed.body).cycle.measure).toMatchObject({ latest: 8 });
    await teacher.client.request('DELETE', `${valuesPath(cycle.id)}/${slip.id}`);
    expect((await valuesAs(coach, cycle.id)).values).toEqual([]);
    expect((await cycleAs(coach, cycle.id)).measure).toMatchObject({ latest: null, latestOn: null });

    const again = await teacher.client.request('DELETE', `${valuesPath(cycle.id)}/${slip.id}`);
    expect(again.status).toBe(404);
  });

  it('records a latest value sent the old way (PATCH /api/cycles/:id) as a value', async () => {
    const { coach, teacher, meeting } = await buildMeeting(server);
    const { cycle } = await coachingOf(coach, meeting.id);
    await record(coach, cycle.id, 3, daysFromToday(-7));
    const res = await teacher.client.request('PATCH', `/api/cycles/${cycle.id}`, {
      body: { latest: 7, latestOn: daysFromToday(-1), phase: 'learn' },
    });
    expect(res.status).toBe(200);
    expect(CycleResponseSchema.parse(res.body).cycle).toMatchObject({
      phase: 'learn',
      measure: { latest: 7, latestOn: daysFromToday(-1) },
    });
    // Saved again unchanged: no second value.
    await teacher.client.request('PATCH', `/api/cycles/${cycle.id}`, {
      body: { latest: 7, latestOn: daysFromToday(-1) },
    });
    const { values } = await valuesAs(coach, cycle.id);
    expect(values.map((v) => [v.value, v.recordedBy.id])).toEqual([
      [3, coach.user.id],
      [7, teacher.user.id],
    ]);
  });

  it('refuses outsiders, who change nothing and learn nothing', async () => {
    const { coach, meeting } = await buildMeeting(server);
    const { cycle } = await coachingOf(coach, meeting.id);
    const { values } = await record(coach, cycle.id, 5, daysFromToday(-3));
    const valueId = values[0]!.id;
    const stranger = await buildUser(server);
    // Someone with a cycle of their own, naming the partnership's value through it.
    const other = await buildMeeting(server, await buildPartnership(server, {}));
    const theirCycle = (await coachingOf(other.coach, other.meeting.id)).cycle;

    for (const outsider of [stranger, other.coach]) {
      expect((await outsider.client.get(valuesPath(cycle.id))).status).toBe(404);
      expect(
        (await outsider.client.post(valuesPath(cycle.id), { value: 1, measuredOn: daysFromToday(0) })).status,
      ).toBe(404);
      const patch = await outsider.client.request('PATCH', `${valuesPath(cycle.id)}/${valueId}`, {
        body: { value: 1 },
      });
      expect(patch.status).toBe(404);
      expect(JSON.stringify(patch.body)).not.toContain(valueId);
      expect((await outsider.client.request('DELETE', `${valuesPath(cycle.id)}/${valueId}`)).status).toBe(404);
    }
    const through = await other.coach.client.request('DELETE', `${valuesPath(theirCycle.id)}/${valueId}`);
    expect(through.status).toBe(404);
    const anonymous = await fetch(`${server.url}${valuesPath(cycle.id)}`);
    expect(anonymous.status).toBe(401);

    const after = await valuesAs(coach, cycle.id);
    expect(after.values.map((v) => [v.id, v.value])).toEqual([[valueId, 5]]);
  });

  it('answers bad input with 400 naming each field, and records nothing', async () => {
    const { coach, meeting } = await buildMeeting(server);
    const { cycle } = await coachingOf(coach, meeting.id);
    const cases: [unknown, Record<string, string>][] = [
      [{ value: 'nine', measuredOn: daysFromToday(0) }, { value: 'This should be a number' }],
      [{ value: 9 }, { measuredOn: 'This is required' }],
      [{}, { value: 'This is required', measuredOn: 'This is required' }],
      [{ value: 9, measuredOn: '2026-02-30' }, { measuredOn: 'Use a real date, written as YYYY-MM-DD' }],
      [{ value: 1e12, measuredOn: daysFromToday(0) }, { value: 'That number is too large' }],
      [
        { value: 9, measuredOn: daysFromToday(3) },
        { measuredOn: 'That day has not come yet: record a value once it has been counted' },
      ],
    ];
    for (const [body, fields] of cases) {
      const res = await coach.client.post(valuesPath(cycle.id), body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(errorOf(res.body)).toMatchObject({ id: 'validation_failed', fields });
    }
    const { values } = await record(coach, cycle.id, 2, daysFromToday(0));
    const empty = await coach.client.request('PATCH', `${valuesPath(cycle.id)}/${values[0]!.id}`, { body: {} });
    expect(empty.status).toBe(400);
    expect(errorOf(empty.body).fields).toEqual({ value: 'Give the corrected value or date' });
    expect((await valuesAs(coach, cycle.id)).values.map((v) => v.value)).toEqual([2]);
    expect((await cycleAs(coach, cycle.id)).measure.latest).toBe(2);
  });

  it('tells the partner at once, over the cycle socket event', async () => {
    const { coach, teacher, meeting } = await buildMeeting(server);
    const { cycle } = await coachingOf(coach, meeting.id);
    const socket = realtimeSocket(server.url, teacher.cookie);
    sockets.push(socket);
    await connected(socket);

    const told = nextEvent(
      socket,
      CycleServerEvent.CycleChanged,
      (v) => CycleChangedSchema.parse(v),
      (e) => e.cycle.id === cycle.id && e.cycle.measure.latest === 11,
    );
    await record(coach, cycle.id, 11, daysFromToday(0));
    expect((await told).cycle.measure).toMatchObject({ latest: 11, latestOn: daysFromToday(0) });
    // What the event prompts the partner's page to read again holds the new value.
    expect((await valuesAs(teacher, cycle.id)).values.map((v) => v.value)).toEqual([11]);
  });

  it('keeps the values across a restart', async () => {
    const { coach, meeting } = await buildMeeting(server);
    const { cycle } = await coachingOf(coach, meeting.id);
    await record(coach, cycle.id, 1, daysFromToday(-2));
    await record(coach, cycle.id, 2.5, daysFromToday(-1));
    await server.restart();
    expect((await valuesAs(coach, cycle.id)).values.map((v) => v.value)).toEqual([1, 2.5]);
  });
});

/** An empty database of the given kind, and how to get rid of it. */
async function emptyDatabase(dialect: Dialect): Promise<{ db: Kysely<unknown>; drop: () => Promise<void> }> {
  if (dialect === 'postgres') {
    const created = await createPostgresDatabase();
    const db = new Kysely<unknown>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: created.url, max: 2 }) }),
    });
    return { db, drop: async () => (await db.destroy(), await created.drop()) };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'tandem-migration-'));
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SQLite(path.join(dir, 'db.sqlite')) }) });
  return { db, drop: async () => (await db.destroy(), rmSync(dir, { recursive: true, force: true })) };
}

describe.each(backends)('migrating existing measures on %s', (dialect) => {
  it("keeps a cycle's latest value as its first recorded value", async () => {
    const { db, drop } = await emptyDatabase(dialect);
    try {
      const migrations = allMigrations(dialect);
      const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
      const before = Object.keys(migrations)
        .filter((name) => name < '013_measure_values')
        .at(-1)!;
      expect((await migrator.migrateTo(before)).error).toBeUndefined();
      const at = '2026-09-08T15:00:00.000Z';
      for (const id of ['u1', 'u2']) {
        await sql`insert into users (id, name, email, password_hash, created_at) values (${id}, ${id}, ${`${id}@example.test`}, 'x', ${at})`.execute(
          db,
        );
      }
      await sql`insert into partnerships (id, coach_id, teacher_id, created_at) values ('p1', 'u1', 'u2', ${at})`.execute(
        db,
      );
      const cycles: [string, string, number | null, string | null][] = [
        ['c-dated', 'active', 7.5, '2026-10-01'],
        ['c-undated', 'met', 3, null],
        ['c-none', 'set_aside', null, null],
      ];
      for (const [id, status, latest, latestOn] of cycles) {
        await sql`insert into cycles (id, partnership_id, status, phase, goal_status, measure_baseline, measure_target,
                    measure_latest, measure_latest_on, started_at, started_by)
                  values (${id}, 'p1', ${status}, 'learn', 'set', 2, 12, ${latest}, ${latestOn}, ${at}, 'u2')`.execute(
          db,
        );
      }

      expect((await migrator.migrateToLatest()).error).toBeUndefined();

      const rows = await sql<{ cycle_id: string; value: number; measured_on: string; recorded_by: string }>`
        select cycle_id, value, measured_on, recorded_by from measure_values order by cycle_id`.execute(db);
      expect(rows.rows.map((r) => [r.cycle_id, Number(r.value), r.measured_on, r.recorded_by])).toEqual([
        ['c-dated', 7.5, '2026-10-01', 'u2'],
        ['c-undated', 3, '2026-09-08', 'u2'],
      ]);
      const kept = await sql<{
        measure_latest: number | null;
      }>`select measure_latest from cycles where id = 'c-dated'`.execute(db);
      expect(Number(kept.rows[0]?.measure_latest)).toBe(7.5);
    } finally {
      await drop();
    }
  });
});
