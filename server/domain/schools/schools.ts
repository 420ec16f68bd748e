/**
 * Schools: making one (its creator is the coaching lead), members and their
 * roles, invitation links (usable by many until revoked; only their hash is
 * kept), leaving, and the school's persistent problems. To anyone who is not a
 * member a school does not exist (404). A school always has a lead: the last
 * lead cannot leave or step down (409 `last_lead`) until they make someone else
 * lead, and when they close their account the school is handed on (`leaveAllSchools`).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Problem, School, SchoolMember, SchoolRole, SchoolSummary } from '../../../shared/schools.js';
import { errors } from '../../errors.js';
import type { Database } from '../../storage/schema.js';
import { assertKeepsALead, assertLead, assertMayRemove, schoolErrors, successorOf } from './schoolPolicies.js';

export interface SchoolsDeps {
  db: Kysely<Database>;
  now: () => Date;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface Membership {
  schoolId: string;
  schoolName: string;
  role: SchoolRole;
}

/** The caller's membership of the school, or `not_found` when they are not a member (or it does not exist). */
export async function membershipOf(db: Kysely<Database>, userId: string, schoolId: string): Promise<Membership> {
  const row = await db
    .selectFrom('school_members as sm')
    .innerJoin('schools as s', 's.id', 'sm.school_id')
    .select(['s.id', 's.name', 'sm.role'])
    .where('sm.school_id', '=', schoolId)
    .where('sm.user_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw schoolErrors.notFound();
  return { schoolId: row.id, schoolName: row.name, role: row.role as SchoolRole };
}

/** Deletes a school nobody belongs to any more, with everything of it (links, problems, invitation links). */
async function deleteSchool(trx: Transaction<Database>, schoolId: string): Promise<void> {
  const problems = trx.selectFrom('school_problems').select('id').where('school_id', '=', schoolId);
  await trx.deleteFrom('cycle_problems').where('problem_id', 'in', problems).execute();
  const models = trx.selectFrom('models').select('id').where('school_id', '=', schoolId);
  await trx.deleteFrom('model_uses').where('model_id', 'in', models).execute();
  await trx.deleteFrom('model_revisions').where('model_id', 'in', models).execute();
  await trx.deleteFrom('models').where('school_id', '=', schoolId).execute();
  await trx.deleteFrom('school_links').where('school_id', '=', schoolId).execute();
  await trx.deleteFrom('school_problems').where('school_id', '=', schoolId).execute();
  await trx.deleteFrom('school_invitations').where('school_id', '=', schoolId).execute();
  await trx.deleteFrom('school_members').where('school_id', '=', schoolId).execute();
  await trx.deleteFrom('schools').where('id', '=', schoolId).execute();
}

/**
 * Takes a closing account out of every school. Where they were the only lead the school is handed on
 * (`successorOf`: the longest-standing coach, else member, becomes lead); a school they were the last
 * member of is deleted. Resolves with who became lead where.
 */
export async function leaveAllSchools(
  trx: Transaction<Database>,
  userId: string,
): Promise<{ schoolId: string; leadId: string | null }[]> {
  const led = await trx
    .selectFrom('school_members')
    .select('school_id')
    .where('user_id', '=', userId)
    .where('role', '=', 'lead')
    .execute();
  await trx.deleteFrom('school_members').where('user_id', '=', userId).execute();
  const handedOn: { schoolId: string; leadId: string | null }[] = [];
  for (const { school_id: schoolId } of led) {
    const staying = await trx
      .selectFrom('school_members')
      .select(['user_id', 'role', 'joined_at'])
      .where('school_id', '=', schoolId)
      .execute();
    const next = successorOf(
      staying.map((m) => ({ userId: m.user_id, role: m.role as SchoolRole, joinedAt: m.joined_at })),
    );
    if (next === null) {
      await deleteSchool(trx, schoolId);
      handedOn.push({ schoolId, leadId: null });
    } else if ('promote' in next) {
      await trx
        .updateTable('school_members')
        .set({ role: 'lead' })
        .where('school_id', '=', schoolId)
        .where('user_id', '=', next.promote)
        .execute();
      handedOn.push({ schoolId, leadId: next.promote });
    }
  }
  return handedOn;
}

type ProblemRow = Database['school_problems'];
const presentProblem = (row: ProblemRow): Problem => ({
  id: row.id,
  title: row.title,
  symptoms: row.symptoms,
  whyItMatters: row.why_it_matters,
  status: row.status as Problem['status'],
  createdAt: row.created_at,
});

export class Schools {
  constructor(private readonly deps: SchoolsDeps) {}

  private get db() {
    return this.deps.db;
  }

  async create(userId: string, name: string): Promise<School> {
    const id = randomUUID();
    const now = this.deps.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('schools').values({ id, name, created_by: userId, created_at: now }).execute();
      await trx
        .insertInto('school_members')
        .values({ school_id: id, user_id: userId, role: 'lead', joined_at: now })
        .execute();
    });
    return this.get(userId, id);
  }

  async listMine(userId: string): Promise<SchoolSummary[]> {
    const rows = await this.db
      .selectFrom('school_members as sm')
      .innerJoin('schools as s', 's.id', 'sm.school_id')
      .select(['s.id', 's.name', 'sm.role'])
      .where('sm.user_id', '=', userId)
      .orderBy('s.name')
      .orderBy('s.id')
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.name, myRole: r.role as SchoolRole }));
  }

  /** The school, its members and, for the lead, its open invitation links. */
  async get(userId: string, schoolId: string): Promise<School> {
    const me = await membershipOf(this.db, userId, schoolId);
    const members = await this.db
      .selectFrom('school_members as sm')
      .innerJoin('users as u', 'u.id', 'sm.user_id')
      .select(['u.id', 'u.name', 'sm.role', 'sm.joined_at'])
      .where('sm.school_id', '=', schoolId)
      .orderBy('sm.joined_at')
      .orderBy('u.id')
      .execute();
    const invitations =
      me.role === 'lead'
        ? await this.db
            .selectFrom('school_invitations')
            .select(['id', 'role', 'created_at'])
            .where('school_id', '=', schoolId)
            .where('revoked_at', 'is', null)
            .orderBy('created_at')
            .execute()
        : [];
    return {
      id: me.schoolId,
      name: me.schoolName,
      myRole: me.role,
      members: members.map((m): SchoolMember => ({
        person: { id: m.id, name: m.name },
        role: m.role as SchoolRole,
        joinedAt: m.joined_at,
      })),
      invitations: invitations.map((i) => ({
        id: i.id,
        role: i.role as 'coach' | 'member',
        createdAt: i.created_at,
      })),
    };
  }

  /** The lead makes a link to join as a coach or a member. The token is returned once and never stored. */
  async createInvitation(userId: string, schoolId: string, role: 'coach' | 'member') {
    assertLead((await membershipOf(this.db, userId, schoolId)).role);
    const token = randomBytes(32).toString('base64url');
    const invitation = { id: randomUUID(), role, createdAt: this.deps.now().toISOString() };
    await this.db
      .insertInto('school_invitations')
      .values({
        id: invitation.id,
        token_hash: hashToken(token),
        school_id: schoolId,
        role,
        created_by: userId,
        created_at: invitation.createdAt,
        revoked_at: null,
      })
      .execute();
    return { invitation, token };
  }

  async revokeInvitation(userId: string, schoolId: string, invitationId: string): Promise<School> {
    assertLead((await membershipOf(this.db, userId, schoolId)).role);
    await this.db
      .updateTable('school_invitations')
      .set({ revoked_at: this.deps.now().toISOString() })
      .where('id', '=', invitationId)
      .where('school_id', '=', schoolId)
      .where('revoked_at', 'is', null)
      .execute();
    return this.get(userId, schoolId);
  }

  private async openInvitation(token: string) {
    const row = await this.db
      .selectFrom('school_invitations as i')
      .innerJoin('schools as s', 's.id', 'i.school_id')
      .select(['i.school_id', 'i.role', 's.name'])
      .where('i.token_hash', '=', hashToken(token))
      .where('i.revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) throw schoolErrors.invitationNotFound();
    return row;
  }

  async describeInvitation(token: string) {
    const row = await this.openInvitation(token);
    return { school: { id: row.school_id, name: row.name }, role: row.role as 'coach' | 'member' };
  }

  /** Joins with a link; someone already a member keeps the role they have. */
  async join(userId: string, token: string): Promise<School> {
    const row = await this.openInvitation(token);
    const existing = await this.db
      .selectFrom('school_members')
      .select('role')
      .where('school_id', '=', row.school_id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!existing) {
      await this.db
        .insertInto('school_members')
        .values({ school_id: row.school_id, user_id: userId, role: row.role, joined_at: this.deps.now().toISOString() })
        .onConflict((oc) => oc.columns(['school_id', 'user_id']).doNothing())
        .execute();
    }
    return this.get(userId, row.school_id);
  }

  private async leads(schoolId: string): Promise<number> {
    const row = await this.db
      .selectFrom('school_members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('school_id', '=', schoolId)
      .where('role', '=', 'lead')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  private async roleOf(schoolId: string, userId: string): Promise<SchoolRole> {
    const row = await this.db
      .selectFrom('school_members')
      .select('role')
      .where('school_id', '=', schoolId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!row) throw errors.notFound('That member');
    return row.role as SchoolRole;
  }

  async setRole(userId: string, schoolId: string, targetId: string, role: SchoolRole): Promise<School> {
    assertLead((await membershipOf(this.db, userId, schoolId)).role);
    const current = await this.roleOf(schoolId, targetId);
    assertKeepsALead(await this.leads(schoolId), current === 'lead', role === 'lead');
    await this.db
      .updateTable('school_members')
      .set({ role })
      .where('school_id', '=', schoolId)
      .where('user_id', '=', targetId)
      .execute();
    return this.get(userId, schoolId);
  }

  /** Leaving (yourself) or removing someone (the lead). Links the partners agreed to stay theirs to undo. */
  async remove(userId: string, schoolId: string, targetId: string): Promise<void> {
    const me = await membershipOf(this.db, userId, schoolId);
    assertMayRemove(me.role, userId, targetId);
    const current = await this.roleOf(schoolId, targetId);
    assertKeepsALead(await this.leads(schoolId), current === 'lead', false);
    await this.db
      .deleteFrom('school_members')
      .where('school_id', '=', schoolId)
      .where('user_id', '=', targetId)
      .execute();
  }

  // ---- persistent problems ----

  async problems(userId: string, schoolId: string): Promise<Problem[]> {
    await membershipOf(this.db, userId, schoolId);
    const rows = await this.db
      .selectFrom('school_problems')
      .selectAll()
      .where('school_id', '=', schoolId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(presentProblem);
  }

  async createProblem(
    userId: string,
    schoolId: string,
    input: { title: string; symptoms: string; whyItMatters: string },
  ): Promise<Problem> {
    assertLead((await membershipOf(this.db, userId, schoolId)).role);
    const now = this.deps.now().toISOString();
    const row: ProblemRow = {
      id: randomUUID(),
      school_id: schoolId,
      title: input.title,
      symptoms: input.symptoms,
      why_it_matters: input.whyItMatters,
      status: 'open',
      created_by: userId,
      created_at: now,
      updated_at: now,
    };
    await this.db.insertInto('school_problems').values(row).execute();
    return presentProblem(row);
  }

  async updateProblem(
    userId: string,
    schoolId: string,
    problemId: string,
    patch: { title?: string; symptoms?: string; whyItMatters?: string; status?: 'open' | 'closed' },
  ): Promise<Problem> {
    assertLead((await membershipOf(this.db, userId, schoolId)).role);
    const row = await this.db
      .selectFrom('school_problems')
      .selectAll()
      .where('id', '=', problemId)
      .where('school_id', '=', schoolId)
      .executeTakeFirst();
    if (!row) throw errors.notFound('That problem');
    const changes: Partial<ProblemRow> = { updated_at: this.deps.now().toISOString() };
    if (patch.title !== undefined) changes.title = patch.title;
    if (patch.symptoms !== undefined) changes.symptoms = patch.symptoms;
    if (patch.whyItMatters !== undefined) changes.why_it_matters = patch.whyItMatters;
    if (patch.status !== undefined) changes.status = patch.status;
    await this.db.updateTable('school_problems').set(changes).where('id', '=', problemId).execute();
    return presentProblem({ ...row, ...changes });
  }
}
