/**
 * The programme view (the lead: every linked partnership; a coach of the
 * school: their own) and "What the school sees" (a partner: exactly what their
 * partnership adds). Counts come from `programmeQueries.ts`; every figure goes
 * through `programmeFigures`, where the small-number rule lives.
 */
import type { Kysely } from 'kysely';
import type { Figures, ProgrammeResponse, SchoolViewResponse } from '../../../shared/schools.js';
import { errors } from '../../errors.js';
import type { Dialect } from '../../storage/db.js';
import type { Database } from '../../storage/schema.js';
import { partnershipAccess } from '../access.js';
import { figure, hiddenInBreakdown, programmeFigures, type Audience } from './programmeFigures.js';
import { programmeCounts, type KeyedCounts, type ProgrammeScope } from './programmeQueries.js';
import { fortnightsElapsed, halfTermOf, programmeScope, type Period } from './schoolPolicies.js';
import { linkRowOf, presentLink } from './schoolLinks.js';
import { membershipOf } from './schools.js';

export interface ProgrammeDeps {
  db: Kysely<Database>;
  dialect: Dialect;
  now: () => Date;
}

type Grouped = Pick<ProgrammeResponse, 'overall' | 'byProblem' | 'byWeek'>;

export class Programme {
  constructor(private readonly deps: ProgrammeDeps) {}

  private async figures(scope: ProgrammeScope, period: Period, audience: Audience) {
    const now = this.deps.now();
    const counts = await programmeCounts(this.deps.db, this.deps.dialect, scope, period);
    const fortnights = fortnightsElapsed(period, now);
    const asFigures = (c: KeyedCounts, week: boolean, hidden = false): Figures =>
      programmeFigures(
        {
          ...c,
          cycles: week ? null : c.cycles,
          fortnights: week ? null : fortnights,
        },
        audience,
        hidden,
      );
    const problemsHidden = hiddenInBreakdown(counts.byProblem.map((g) => g.partnerships));
    const weeksHidden = hiddenInBreakdown(counts.byWeek.map((g) => g.partnerships));
    const problemIds = counts.byProblem.map((g) => g.key).filter((k): k is string => k !== null);
    const problems =
      problemIds.length === 0
        ? []
        : await this.deps.db
            .selectFrom('school_problems')
            .select(['id', 'title', 'status'])
            .where('id', 'in', problemIds)
            .execute();
    const byId = new Map(problems.map((p) => [p.id, { ...p, status: p.status as 'open' | 'closed' }]));
    const grouped: Grouped = {
      overall: asFigures(counts.overall, false),
      byProblem: counts.byProblem
        .map((g, i) => ({
          problem: g.key === null ? null : (byId.get(g.key) ?? null),
          figures: asFigures(g, false, problemsHidden[i]),
        }))
        .sort((a, b) => (a.problem?.title ?? '\uffff').localeCompare(b.problem?.title ?? '\uffff')),
      byWeek: counts.byWeek.map((g, i) => ({ weekOf: g.key ?? '', figures: asFigures(g, true, weeksHidden[i]) })),
    };
    return { counts, grouped };
  }

  /** The lead's figures for every linked partnership; a coach's for their own. Members are refused. */
  async programme(userId: string, schoolId: string): Promise<ProgrammeResponse> {
    const me = await membershipOf(this.deps.db, userId, schoolId);
    const kind = programmeScope(me.role);
    const scope: ProgrammeScope =
      kind === 'school' ? { kind: 'school', schoolId } : { kind: 'coach', schoolId, coachId: userId };
    const period = halfTermOf(this.deps.now());
    const { counts, grouped } = await this.figures(scope, period, 'school');
    return {
      school: { id: me.schoolId, name: me.schoolName },
      scope: kind,
      period,
      active: figure(counts.active, counts.active, 'school'),
      ...grouped,
    };
  }

  /** A partner: exactly what their partnership adds to the school's figures, and nothing else. */
  async schoolView(userId: string, partnershipId: string): Promise<SchoolViewResponse> {
    const access = await partnershipAccess(this.deps.db, userId, partnershipId);
    if (!access) throw errors.notFound('That partnership');
    const period = halfTermOf(this.deps.now());
    const row = await linkRowOf(this.deps.db, partnershipId);
    const link = row ? presentLink(row) : null;
    if (!row?.linked_at) return { link, period, contribution: null };
    const { grouped } = await this.figures(
      { kind: 'partnership', schoolId: row.school_id, partnershipId },
      period,
      'partners',
    );
    return { link, period, contribution: grouped };
  }
}
