/**
 * A partnership's link to a school, and the persistent problem a cycle works
 * on. A link counts only once both partners agreed: the first proposes a
 * school they belong to (pending), the other agrees. Either partner can unlink
 * (or withdraw the proposal) at any time; the row goes, so nothing of the
 * partnership is counted from then on. Every change is told to both partners
 * (`schoolLinkChanged`), and a cycle's new problem to the partnership (`cycleChanged`).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Role } from '../../../shared/api.js';
import type { CycleProblemResponse, PartnershipSchoolResponse, Problem, SchoolLink } from '../../../shared/schools.js';
import { errors } from '../../errors.js';
import type { Database, SchoolLinksTable } from '../../storage/schema.js';
import { partnershipAccess, type PartnershipAccess } from '../access.js';
import type { DomainEvents } from '../events.js';
import { consentChanges, schoolErrors } from './schoolPolicies.js';
import { leaveAllSchools, membershipOf, Schools, type SchoolsDeps } from './schools.js';

export interface SchoolLinksDeps extends SchoolsDeps {
  events: DomainEvents;
}

const partnershipNotFound = () => errors.notFound('That partnership');
const cycleNotFound = () => errors.notFound('That cycle');
const teacherOnly = () => errors.forbidden('Only the teacher may do this (the goal is theirs).');

type LinkRow = SchoolLinksTable & { school_name: string };

export function presentLink(row: LinkRow): SchoolLink {
  return {
    school: { id: row.school_id, name: row.school_name },
    status: row.linked_at ? 'linked' : 'pending',
    coachAgreed: row.coach_consented_at !== null,
    teacherAgreed: row.teacher_consented_at !== null,
    linkedAt: row.linked_at,
  };
}

export async function linkRowOf(db: Kysely<Database>, partnershipId: string): Promise<LinkRow | null> {
  const row = await db
    .selectFrom('school_links as l')
    .innerJoin('schools as s', 's.id', 'l.school_id')
    .selectAll('l')
    .select('s.name as school_name')
    .where('l.partnership_id', '=', partnershipId)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * Takes a closed account out of every school (a school they led alone is handed on, `leaveAllSchools`),
 * and unlinks the partnerships they were in.
 */
export async function removeFromSchools(trx: Transaction<Database>, userId: string): Promise<void> {
  await leaveAllSchools(trx, userId);
  const theirs = trx
    .selectFrom('partnerships')
    .select('id')
    .where((eb) => eb.or([eb('coach_id', '=', userId), eb('teacher_id', '=', userId)]));
  await trx.deleteFrom('school_links').where('partnership_id', 'in', theirs).execute();
}

export class SchoolLinks {
  private readonly schools: Schools;

  constructor(private readonly deps: SchoolLinksDeps) {
    this.schools = new Schools(deps);
  }

  private get db() {
    return this.deps.db;
  }

  private async access(userId: string, partnershipId: string): Promise<PartnershipAccess> {
    const access = await partnershipAccess(this.db, userId, partnershipId);
    if (!access) throw partnershipNotFound();
    return access;
  }

  private async answer(userId: string, partnershipId: string): Promise<PartnershipSchoolResponse> {
    const row = await linkRowOf(this.db, partnershipId);
    return { link: row ? presentLink(row) : null, mySchools: await this.schools.listMine(userId) };
  }

  /** Tells both partners how the link stands now, when it is not as it was. */
  private told(access: PartnershipAccess, before: SchoolLink | null, answer: PartnershipSchoolResponse) {
    if (JSON.stringify(before) === JSON.stringify(answer.link)) return answer;
    const { id, coach_id, teacher_id } = access.partnership;
    this.deps.events.emit('schoolLinkChanged', {
      partnershipId: id,
      userIds: [coach_id, teacher_id],
      link: answer.link,
    });
    return answer;
  }

  async get(userId: string, partnershipId: string): Promise<PartnershipSchoolResponse> {
    await this.access(userId, partnershipId);
    return this.answer(userId, partnershipId);
  }

  /** Either partner: propose (a school you belong to) or agree to the school already proposed. */
  async agree(userId: string, partnershipId: string, schoolId: string): Promise<PartnershipSchoolResponse> {
    const access = await this.access(userId, partnershipId);
    const { partnership, role } = access;
    if (partnership.closed_at !== null) throw schoolErrors.partnershipClosed();
    const existing = await linkRowOf(this.db, partnershipId);
    if (existing && existing.school_id !== schoolId) throw schoolErrors.otherSchool();
    const now = this.deps.now();
    if (!existing) {
      // Proposing: only a school you belong to (to anyone else it does not exist).
      await membershipOf(this.db, userId, schoolId);
      await this.db
        .insertInto('school_links')
        .values({
          partnership_id: partnershipId,
          school_id: schoolId,
          ...consentChanges(null, role, now),
          created_at: now.toISOString(),
        })
        .onConflict((oc) => oc.column('partnership_id').doNothing())
        .execute();
    } else {
      await this.db
        .updateTable('school_links')
        .set(consentChanges(existing, role, now))
        .where('partnership_id', '=', partnershipId)
        .where('school_id', '=', schoolId)
        .execute();
    }
    return this.told(access, existing ? presentLink(existing) : null, await this.answer(userId, partnershipId));
  }

  /** Either partner: unlink, or withdraw a proposal. Nothing of the partnership is counted after. */
  async unlink(userId: string, partnershipId: string): Promise<PartnershipSchoolResponse> {
    const access = await this.access(userId, partnershipId);
    const existing = await linkRowOf(this.db, partnershipId);
    await this.db.deleteFrom('school_links').where('partnership_id', '=', partnershipId).execute();
    return this.told(access, existing ? presentLink(existing) : null, await this.answer(userId, partnershipId));
  }

  // ---- a cycle's persistent problem ----

  private async cycleAccess(userId: string, cycleId: string): Promise<{ partnershipId: string; role: Role }> {
    const cycle = await this.db
      .selectFrom('cycles')
      .select('partnership_id')
      .where('id', '=', cycleId)
      .executeTakeFirst();
    if (!cycle) throw cycleNotFound();
    const access = await partnershipAccess(this.db, userId, cycle.partnership_id);
    if (!access) throw cycleNotFound();
    return { partnershipId: cycle.partnership_id, role: access.role };
  }

  private async problemAnswer(partnershipId: string, cycleId: string): Promise<CycleProblemResponse> {
    const link = await linkRowOf(this.db, partnershipId);
    const linkedSchool = link?.linked_at ? { id: link.school_id, name: link.school_name } : null;
    const options = linkedSchool
      ? await this.db
          .selectFrom('school_problems')
          .selectAll()
          .where('school_id', '=', linkedSchool.id)
          .where('status', '=', 'open')
          .orderBy('created_at')
          .orderBy('id')
          .execute()
      : [];
    const chosen = await this.db
      .selectFrom('cycle_problems as cp')
      .innerJoin('school_problems as sp', 'sp.id', 'cp.problem_id')
      .selectAll('sp')
      .select('cp.focus')
      .where('cp.cycle_id', '=', cycleId)
      .executeTakeFirst();
    const present = (r: Database['school_problems']): Problem => ({
      id: r.id,
      title: r.title,
      symptoms: r.symptoms,
      whyItMatters: r.why_it_matters,
      status: r.status as Problem['status'],
      createdAt: r.created_at,
    });
    return {
      school: linkedSchool,
      choice: chosen ? { problem: present(chosen), focus: chosen.focus } : null,
      options: options.map(present),
    };
  }

  async cycleProblem(userId: string, cycleId: string): Promise<CycleProblemResponse> {
    const { partnershipId } = await this.cycleAccess(userId, cycleId);
    return this.problemAnswer(partnershipId, cycleId);
  }

  /** The teacher: an open problem of the linked school (or none), and their own focus within it. */
  async setCycleProblem(
    userId: string,
    cycleId: string,
    problemId: string | null,
    focus: string | null,
  ): Promise<CycleProblemResponse> {
    const { partnershipId, role } = await this.cycleAccess(userId, cycleId);
    if (role !== 'teacher') throw teacherOnly();
    if (problemId === null) {
      await this.db.deleteFrom('cycle_problems').where('cycle_id', '=', cycleId).execute();
      this.deps.events.emit('cycleChanged', { cycleId, partnershipId });
      return this.problemAnswer(partnershipId, cycleId);
    }
    const link = await linkRowOf(this.db, partnershipId);
    const problem = link?.linked_at
      ? await this.db
          .selectFrom('school_problems')
          .select(['id', 'status'])
          .where('id', '=', problemId)
          .where('school_id', '=', link.school_id)
          .executeTakeFirst()
      : undefined;
    const current = await this.db
      .selectFrom('cycle_problems')
      .select('problem_id')
      .where('cycle_id', '=', cycleId)
      .executeTakeFirst();
    // A problem closed since it was chosen can keep its focus edited; a new choice must be open.
    if (!problem || (problem.status !== 'open' && current?.problem_id !== problemId)) {
      throw schoolErrors.problemUnavailable();
    }
    const values = {
      problem_id: problemId,
      focus: focus === '' ? null : focus,
      set_by: userId,
      set_at: this.deps.now().toISOString(),
    };
    await this.db
      .insertInto('cycle_problems')
      .values({ cycle_id: cycleId, ...values })
      .onConflict((oc) => oc.column('cycle_id').doUpdateSet(values))
      .execute();
    // The coach's open cycle panel shows the teacher's choice at once.
    this.deps.events.emit('cycleChanged', { cycleId, partnershipId });
    return this.problemAnswer(partnershipId, cycleId);
  }
}
