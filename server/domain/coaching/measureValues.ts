/**
 * The measure's values over time: either partner records a value and the day
 * it was counted, and either may correct or remove a mistaken one (the measure
 * is co-owned like the notes; a correction is stamped with who made it and
 * when, and both partners are told of every change at once). The cycle's
 * `measure_latest` and `measure_latest_on` are rewritten in the same
 * transaction as every change, so "the latest value" everywhere else (the
 * cycle, homes, search, exports) is always the latest recorded one.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { UpdateCycleRequest } from '../../../shared/cycle.js';
import {
  MAX_MEASURE_VALUES,
  type CorrectMeasureValueRequest,
  type MeasureChangeResponse,
  type MeasureValue,
  type MeasureValuesResponse,
  type RecordMeasureValueRequest,
} from '../../../shared/measure.js';
import { errors } from '../../errors.js';
import type { Database, MeasureValueRow } from '../../storage/schema.js';
import { peopleById, type CoachingDeps } from './coachingDeps.js';
import { cycleAccess, cycleView, type CycleAccess } from './cycles.js';

const valueNotFound = () => errors.notFound('That value');

/** The last calendar day anywhere on Earth now (UTC+14): a value counted "today" in Kiribati is not in the future. */
export function latestAllowedDay(now: Date): string {
  return new Date(now.getTime() + 14 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

function assertNotFuture(measuredOn: string, now: Date): void {
  if (measuredOn > latestAllowedDay(now)) {
    throw errors.validation({ measuredOn: 'That day has not come yet: record a value once it has been counted' });
  }
}

/** Rows oldest first, the order `compareMeasureValues` (shared) gives. */
function valueRows(db: Kysely<Database>, cycleId: string) {
  return db
    .selectFrom('measure_values')
    .selectAll()
    .where('cycle_id', '=', cycleId)
    .orderBy('measured_on')
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
}

/** Makes the cycle's latest value the latest recorded one (or none), inside the change's transaction. */
async function syncLatest(trx: Kysely<Database>, cycleId: string): Promise<void> {
  const latest = await trx
    .selectFrom('measure_values')
    .select(['value', 'measured_on'])
    .where('cycle_id', '=', cycleId)
    .orderBy('measured_on', 'desc')
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  await trx
    .updateTable('cycles')
    .set({ measure_latest: latest ? Number(latest.value) : null, measure_latest_on: latest?.measured_on ?? null })
    .where('id', '=', cycleId)
    .execute();
}

async function valuesView(deps: CoachingDeps, cycleId: string): Promise<MeasureValuesResponse> {
  const rows = await valueRows(deps.db, cycleId);
  const people = await peopleById(
    deps.db,
    rows.flatMap((r) => [r.recorded_by, r.corrected_by]),
  );
  const person = (id: string) => people.get(id) ?? { id, name: 'Former partner' };
  const values: MeasureValue[] = rows.map((r: MeasureValueRow) => ({
    id: r.id,
    value: Number(r.value),
    measuredOn: r.measured_on,
    recordedBy: person(r.recorded_by),
    recordedAt: r.recorded_at,
    correctedBy: r.corrected_by ? person(r.corrected_by) : null,
    correctedAt: r.corrected_at,
  }));
  const meetings = await deps.db
    .selectFrom('meetings as m')
    .innerJoin('meeting_coaching as mc', 'mc.meeting_id', 'm.id')
    .select(['m.id', 'm.number', 'm.created_at'])
    .where('mc.cycle_id', '=', cycleId)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
  return {
    values,
    meetings: meetings.map((m) => ({ id: m.id, number: Number(m.number), startedAt: m.created_at })),
  };
}

/** Tells both partners (`cycle:changed`) and answers with the cycle as it now is and every value. */
async function changed(deps: CoachingDeps, access: CycleAccess): Promise<MeasureChangeResponse> {
  deps.events.emit('cycleChanged', { cycleId: access.cycle.id, partnershipId: access.partnership.id });
  const row = await deps.db
    .selectFrom('cycles')
    .selectAll()
    .where('id', '=', access.cycle.id)
    .executeTakeFirstOrThrow();
  return { cycle: await cycleView(deps, row), ...(await valuesView(deps, access.cycle.id)) };
}

async function insertValue(
  deps: CoachingDeps,
  userId: string,
  cycleId: string,
  { value, measuredOn }: RecordMeasureValueRequest,
): Promise<void> {
  assertNotFuture(measuredOn, deps.now());
  await deps.db.transaction().execute(async (trx) => {
    const count = await trx
      .selectFrom('measure_values')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('cycle_id', '=', cycleId)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_MEASURE_VALUES) {
      throw errors.conflict('too_many_values', `A measure keeps at most ${MAX_MEASURE_VALUES} values.`);
    }
    await trx
      .insertInto('measure_values')
      .values({
        id: randomUUID(),
        cycle_id: cycleId,
        value,
        measured_on: measuredOn,
        recorded_by: userId,
        recorded_at: deps.now().toISOString(),
        corrected_by: null,
        corrected_at: null,
      })
      .execute();
    await syncLatest(trx, cycleId);
  });
}

/** Every value of the cycle's measure, oldest first, and the cycle's meetings (for the chart's ticks). */
export async function listMeasureValues(
  deps: CoachingDeps,
  userId: string,
  cycleId: string,
): Promise<MeasureValuesResponse> {
  const access = await cycleAccess(deps, userId, cycleId);
  return valuesView(deps, access.cycle.id);
}

/** Either partner: a value and the day it was counted. */
export async function recordMeasureValue(
  deps: CoachingDeps,
  userId: string,
  cycleId: string,
  request: RecordMeasureValueRequest,
): Promise<MeasureChangeResponse> {
  const access = await cycleAccess(deps, userId, cycleId);
  await insertValue(deps, userId, cycleId, request);
  return changed(deps, access);
}

async function valueOf(deps: CoachingDeps, access: CycleAccess, valueId: string): Promise<MeasureValueRow> {
  const row = await deps.db
    .selectFrom('measure_values')
    .selectAll()
    .where('id', '=', valueId)
    .where('cycle_id', '=', access.cycle.id)
    .executeTakeFirst();
  if (!row) throw valueNotFound();
  return row;
}

/** Either partner: a mistaken value or date put right, stamped with who corrected it and when. */
export async function correctMeasureValue(
  deps: CoachingDeps,
  userId: string,
  cycleId: string,
  valueId: string,
  correction: CorrectMeasureValueRequest,
): Promise<MeasureChangeResponse> {
  const access = await cycleAccess(deps, userId, cycleId);
  const row = await valueOf(deps, access, valueId);
  if (correction.measuredOn !== undefined) assertNotFuture(correction.measuredOn, deps.now());
  const value = correction.value ?? Number(row.value);
  const measuredOn = correction.measuredOn ?? row.measured_on;
  if (value === Number(row.value) && measuredOn === row.measured_on) return changed(deps, access);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('measure_values')
      .set({ value, measured_on: measuredOn, corrected_by: userId, corrected_at: deps.now().toISOString() })
      .where('id', '=', row.id)
      .execute();
    await syncLatest(trx, access.cycle.id);
  });
  return changed(deps, access);
}

/** Either partner: a value recorded by mistake, gone for both (they are told at once). */
export async function removeMeasureValue(
  deps: CoachingDeps,
  userId: string,
  cycleId: string,
  valueId: string,
): Promise<MeasureChangeResponse> {
  const access = await cycleAccess(deps, userId, cycleId);
  const row = await valueOf(deps, access, valueId);
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('measure_values').where('id', '=', row.id).execute();
    await syncLatest(trx, access.cycle.id);
  });
  return changed(deps, access);
}

/**
 * `PATCH /api/cycles/:id` from clients that still send `latest`: a number is recorded as a new value,
 * counted on `latestOn` (or today), unless it is the latest value already
 * (a form saved unchanged). `latest: null` or `latestOn` alone change nothing: values are removed one by one.
 * Returns whether a value was recorded. The caller has checked access.
 */
export async function recordFromCyclePatch(
  deps: CoachingDeps,
  userId: string,
  access: CycleAccess,
  patch: UpdateCycleRequest,
): Promise<boolean> {
  if (patch.latest === undefined || patch.latest === null) return false;
  const { cycle } = access;
  const measuredOn = patch.latestOn ?? deps.now().toISOString().slice(0, 10);
  const current = cycle.measure_latest === null ? null : Number(cycle.measure_latest);
  if (current === patch.latest && cycle.measure_latest_on === measuredOn) return false;
  await insertValue(deps, userId, cycle.id, { value: patch.latest, measuredOn });
  return true;
}
