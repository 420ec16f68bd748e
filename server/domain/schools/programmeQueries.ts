/**
 * The programme's counts, computed in SQL over facts only: which partnerships
 * are linked, when meetings were held, agreements to steps (who and when, never
 * the step), reviews of carried steps, rehearsals (that one was logged, never
 * its words), cycle status and the problem a cycle works on. No query here
 * reads a document, a title, a note, a name or a meeting id out of the database.
 *
 * A step counts as agreed when both partners agreed to the same text and date
 * (one hash); practised when a rehearsal was logged in its meeting or the next;
 * looked back on when the next meeting recorded what happened to it. A model
 * counts as used once per meeting it was used in (`model_uses`: which model,
 * which meeting, never a word of either).
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Dialect } from '../../storage/db.js';
import type { Database } from '../../storage/schema.js';
import type { Period } from './schoolPolicies.js';

/** Whose partnerships are counted: all linked to the school, a coach's own, or one partnership. */
export type ProgrammeScope =
  | { kind: 'school'; schoolId: string }
  | { kind: 'coach'; schoolId: string; coachId: string }
  | { kind: 'partnership'; schoolId: string; partnershipId: string };

export interface MeetingCounts {
  partnerships: number;
  meetings: number;
  stepsAgreed: number;
  stepsPractised: number;
  stepsLookedBack: number;
}
export interface CycleCounts {
  cycles: number;
  cyclesMet: number;
  cyclesSetAside: number;
}

/** One group's counts; `key` is a problem id (or null for none) or a week's Monday. */
export interface KeyedCounts extends MeetingCounts, CycleCounts {
  key: string | null;
  rehearsals: number;
  /** Uses of the school's models (one per meeting and model). */
  modelsUsed: number;
}

export interface ProgrammeCounts {
  /** Distinct partnerships with a meeting in the period. */
  active: number;
  overall: KeyedCounts;
  byProblem: KeyedCounts[];
  byWeek: KeyedCounts[];
}

/** The Monday of a stored timestamp's week, `YYYY-MM-DD`. */
function weekOf(dialect: Dialect, column: string): RawBuilder<string> {
  const day = sql`substr(${sql.ref(column)}, 1, 10)`;
  return dialect === 'sqlite'
    ? sql<string>`date(${day}, '-6 days', 'weekday 1')`
    : sql<string>`to_char(date_trunc('week', cast(${day} as date)), 'YYYY-MM-DD')`;
}

function scopeFilter(scope: ProgrammeScope): RawBuilder<unknown> {
  if (scope.kind === 'coach') return sql`and p.coach_id = ${scope.coachId}`;
  if (scope.kind === 'partnership') return sql`and l.partnership_id = ${scope.partnershipId}`;
  return sql``;
}

/**
 * The facts, as common table expressions: `scope`, `mf` (a meeting each), `cf` (a cycle each), `rf` (a
 * rehearsal each), `uf` (a use of one of the school's models each).
 */
function facts(dialect: Dialect, scope: ProgrammeScope, period: Period): RawBuilder<unknown> {
  const { schoolId } = scope;
  const { from, to } = period;
  return sql`with scope as (
      select l.partnership_id as pid
      from school_links l join partnerships p on p.id = l.partnership_id
      where l.school_id = ${schoolId} and l.linked_at is not null ${scopeFilter(scope)}
    ),
    mf as (
      select m.partnership_id as pid, ${weekOf(dialect, 'm.created_at')} as week, sp.id as problem_id,
        case when exists (
          select 1 from step_agreements a where a.meeting_id = m.id
          group by a.hash having count(distinct a.user_id) >= 2
        ) then 1 else 0 end as agreed,
        case when exists (select 1 from practice_entries pe where pe.meeting_id = m.id)
          or exists (
            select 1 from meeting_coaching nx join practice_entries pn on pn.meeting_id = nx.meeting_id
            where nx.carried_from = m.id
          ) then 1 else 0 end as practised,
        case when exists (
          select 1 from meeting_coaching nx where nx.carried_from = m.id and nx.review_outcome is not null
        ) then 1 else 0 end as looked_back
      from meetings m
      join scope s on s.pid = m.partnership_id
      left join meeting_coaching mc on mc.meeting_id = m.id
      left join cycle_problems cp on cp.cycle_id = mc.cycle_id
      left join school_problems sp on sp.id = cp.problem_id and sp.school_id = ${schoolId}
      where m.created_at >= ${from} and m.created_at < ${to}
    ),
    cf as (
      select c.partnership_id as pid, sp.id as problem_id,
        case when c.status = 'met' and c.closed_at >= ${from} and c.closed_at < ${to} then 1 else 0 end as met,
        case when c.status = 'set_aside' and c.closed_at >= ${from} and c.closed_at < ${to} then 1 else 0 end
          as set_aside
      from cycles c
      join scope s on s.pid = c.partnership_id
      left join cycle_problems cp on cp.cycle_id = c.id
      left join school_problems sp on sp.id = cp.problem_id and sp.school_id = ${schoolId}
      where c.started_at < ${to} and (c.closed_at is null or c.closed_at >= ${from})
    ),
    rf as (
      select c.partnership_id as pid, ${weekOf(dialect, 'pe.added_at')} as week, sp.id as problem_id
      from practice_entries pe
      join cycles c on c.id = pe.cycle_id
      join scope s on s.pid = c.partnership_id
      left join cycle_problems cp on cp.cycle_id = c.id
      left join school_problems sp on sp.id = cp.problem_id and sp.school_id = ${schoolId}
      where pe.added_at >= ${from} and pe.added_at < ${to}
    ),
    uf as (
      select u.partnership_id as pid, ${weekOf(dialect, 'u.used_at')} as week, sp.id as problem_id
      from model_uses u
      join scope s on s.pid = u.partnership_id
      join models md on md.id = u.model_id and md.school_id = ${schoolId}
      left join cycle_problems cp on cp.cycle_id = u.cycle_id
      left join school_problems sp on sp.id = cp.problem_id and sp.school_id = ${schoolId}
      where u.used_at >= ${from} and u.used_at < ${to}
    ) `;
}

interface Row {
  key: string | null;
  n: number | string | null;
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

type Group = 'problem_id' | 'week' | 'all';

/**
 * Uses of the school's models in the period, per group: counted in SQL over `model_uses` of the
 * partnerships in scope (linked ones only, as every other figure), for models of this school.
 */
export function countModelsUsed(withFacts: RawBuilder<unknown>, group: Group): RawBuilder<Row> {
  return sql<Row>`${withFacts} select ${group === 'all' ? sql`null` : sql.ref(group)} as key, count(*) as n
    from uf ${group === 'all' ? sql`` : sql`group by ${sql.ref(group)}`}`;
}

export async function programmeCounts(
  db: Kysely<Database>,
  dialect: Dialect,
  scope: ProgrammeScope,
  period: Period,
): Promise<ProgrammeCounts> {
  const withFacts = facts(dialect, scope, period);
  const rows = async <T>(query: RawBuilder<T>) => (await query.execute(db)).rows;

  const meetingRows = (group: Group) =>
    rows(
      sql<{
        key: string | null;
        partnerships: unknown;
        meetings: unknown;
        agreed: unknown;
        practised: unknown;
        looked_back: unknown;
      }>`${withFacts} select ${group === 'all' ? sql`null` : sql.ref(group)} as key,
        count(distinct pid) as partnerships, count(*) as meetings, sum(agreed) as agreed,
        sum(practised) as practised, sum(looked_back) as looked_back
        from mf ${group === 'all' ? sql`` : sql`group by ${sql.ref(group)}`}`,
    );
  const cycleRows = (group: 'problem_id' | 'all') =>
    rows(
      sql<{ key: string | null; cycles: unknown; met: unknown; set_aside: unknown }>`${withFacts}
        select ${group === 'all' ? sql`null` : sql.ref(group)} as key, count(*) as cycles,
        sum(met) as met, sum(set_aside) as set_aside
        from cf ${group === 'all' ? sql`` : sql`group by ${sql.ref(group)}`}`,
    );
  const rehearsalRows = (group: Group) =>
    rows(
      sql<Row>`${withFacts} select ${group === 'all' ? sql`null` : sql.ref(group)} as key, count(*) as n
        from rf ${group === 'all' ? sql`` : sql`group by ${sql.ref(group)}`}`,
    );
  /** Distinct partnerships behind a group: any meeting, cycle or rehearsal of theirs in it. */
  const partnershipRows = (group: Group) => {
    const parts =
      group === 'week'
        ? sql`select pid, week as key from mf union all select pid, week as key from rf
            union all select pid, week as key from uf`
        : group === 'problem_id'
          ? sql`select pid, problem_id as key from mf union all select pid, problem_id as key from cf
              union all select pid, problem_id as key from rf union all select pid, problem_id as key from uf`
          : sql`select pid, null as key from mf union all select pid, null as key from cf
              union all select pid, null as key from rf union all select pid, null as key from uf`;
    return rows(
      sql<Row>`${withFacts} select ${group === 'all' ? sql`null` : sql`key`} as key, count(distinct pid) as n
        from (${parts}) u ${group === 'all' ? sql`` : sql`group by key`}`,
    );
  };

  async function grouped(group: Group): Promise<KeyedCounts[]> {
    const [people, meetings, cycles, rehearsals, uses] = await Promise.all([
      partnershipRows(group),
      meetingRows(group),
      group === 'week' ? Promise.resolve([]) : cycleRows(group),
      rehearsalRows(group),
      rows(countModelsUsed(withFacts, group)),
    ]);
    const byKey = <R extends { key: string | null }>(list: R[]) => new Map(list.map((r) => [r.key ?? null, r]));
    const m = byKey(meetings);
    const c = byKey(cycles);
    const r = byKey(rehearsals);
    const u = byKey(uses);
    return people
      .filter((p) => num(p.n) > 0)
      .map((p) => {
        const key = p.key ?? null;
        const mr = m.get(key);
        const cr = c.get(key);
        return {
          key,
          partnerships: num(p.n),
          meetings: num(mr?.meetings),
          stepsAgreed: num(mr?.agreed),
          stepsPractised: num(mr?.practised),
          stepsLookedBack: num(mr?.looked_back),
          cycles: num(cr?.cycles),
          cyclesMet: num(cr?.met),
          cyclesSetAside: num(cr?.set_aside),
          rehearsals: num(r.get(key)?.n),
          modelsUsed: num(u.get(key)?.n),
        };
      });
  }

  const [overall, byProblem, byWeek, active] = await Promise.all([
    grouped('all'),
    grouped('problem_id'),
    grouped('week'),
    rows(sql<Row>`${withFacts} select null as key, count(distinct pid) as n from mf`),
  ]);
  const empty: KeyedCounts = {
    key: null,
    partnerships: 0,
    meetings: 0,
    stepsAgreed: 0,
    stepsPractised: 0,
    stepsLookedBack: 0,
    cycles: 0,
    cyclesMet: 0,
    cyclesSetAside: 0,
    rehearsals: 0,
    modelsUsed: 0,
  };
  return {
    active: num(active[0]?.n),
    overall: overall[0] ?? empty,
    byProblem,
    byWeek: byWeek.sort((a, b) => String(a.key).localeCompare(String(b.key))),
  };
}
