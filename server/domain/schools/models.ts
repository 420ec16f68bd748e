/**
 * A school's library of models: written and improved by the lead and the
 * school's coaches, read by all its staff (policies in `modelPolicies.ts`).
 * Every change (written, edited, retired, restored) moves the model's
 * revision on by one and keeps the whole content in `model_revisions`; an edit
 * names the revision it started from and is refused (409) if another came
 * first, so two coaches never overwrite each other silently. To anyone not on
 * the school's staff a model does not exist (404).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Model, ModelChange, ModelContent, ModelRevision } from '../../../shared/models.js';
import type { Database, ModelsTable } from '../../storage/schema.js';
import { assertMayWriteModels, mayWriteModels, modelErrors } from './modelPolicies.js';
import { membershipOf, type Membership, type SchoolsDeps } from './schools.js';

type ModelRow = ModelsTable & { created_by_name: string; updated_by_name: string };

const parseList = (json: string): string[] => {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
};

function contentOf(row: ModelsTable): ModelContent {
  return {
    name: row.name,
    keyMoves: row.key_moves,
    doneWell: row.done_well,
    practiceActivity: row.practice_activity,
    actionSteps: row.action_steps,
    problemIds: parseList(row.problem_ids),
    tags: parseList(row.tags),
  };
}

export function presentModel(row: ModelRow): Model {
  return {
    id: row.id,
    schoolId: row.school_id,
    ...contentOf(row),
    revision: row.revision,
    status: row.retired_at === null ? 'live' : 'retired',
    createdBy: { id: row.created_by, name: row.created_by_name },
    createdAt: row.created_at,
    updatedBy: { id: row.updated_by, name: row.updated_by_name },
    updatedAt: row.updated_at,
  };
}

/** Models with their writers' names; filter further with `where`. */
export function selectModels(db: Kysely<Database> | Transaction<Database>) {
  return db
    .selectFrom('models as m')
    .innerJoin('users as c', 'c.id', 'm.created_by')
    .innerJoin('users as u', 'u.id', 'm.updated_by')
    .selectAll('m')
    .select(['c.name as created_by_name', 'u.name as updated_by_name']);
}

const contentColumns = (content: ModelContent) => ({
  name: content.name,
  key_moves: content.keyMoves,
  done_well: content.doneWell,
  practice_activity: content.practiceActivity,
  action_steps: content.actionSteps,
  problem_ids: JSON.stringify(content.problemIds),
  tags: JSON.stringify(content.tags),
});

/** The same tag twice is kept once. */
const normalise = (content: ModelContent): ModelContent => ({ ...content, tags: [...new Set(content.tags)] });

export class Models {
  constructor(private readonly deps: SchoolsDeps) {}

  private get db() {
    return this.deps.db;
  }

  /** The model and the caller's membership of its school; `not_found` unless they are on its staff. */
  private async open(userId: string, modelId: string): Promise<{ row: ModelRow; me: Membership }> {
    const row = await selectModels(this.db).where('m.id', '=', modelId).executeTakeFirst();
    if (!row) throw modelErrors.notFound();
    const me = await membershipOf(this.db, userId, row.school_id).catch(() => {
      throw modelErrors.notFound();
    });
    return { row, me };
  }

  private async reread(modelId: string): Promise<Model> {
    return presentModel(await selectModels(this.db).where('m.id', '=', modelId).executeTakeFirstOrThrow());
  }

  /** Problems named must be the school's own. */
  private async checkProblems(schoolId: string, problemIds: readonly string[]): Promise<void> {
    if (problemIds.length === 0) return;
    const found = await this.db
      .selectFrom('school_problems')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('id', 'in', [...problemIds])
      .execute();
    if (found.length !== new Set(problemIds).size) throw modelErrors.unknownProblem();
  }

  private async keepRevision(
    trx: Transaction<Database>,
    modelId: string,
    revision: number,
    change: ModelChange,
    content: ModelContent,
    userId: string,
    at: string,
  ): Promise<void> {
    await trx
      .insertInto('model_revisions')
      .values({
        model_id: modelId,
        revision,
        change,
        content: JSON.stringify(content),
        edited_by: userId,
        edited_at: at,
      })
      .execute();
  }

  async list(userId: string, schoolId: string): Promise<{ mayWrite: boolean; models: Model[] }> {
    const me = await membershipOf(this.db, userId, schoolId);
    const rows = await selectModels(this.db)
      .where('m.school_id', '=', schoolId)
      .orderBy('m.name')
      .orderBy('m.id')
      .execute();
    return { mayWrite: mayWriteModels(me.role), models: rows.map(presentModel) };
  }

  async get(userId: string, modelId: string): Promise<Model> {
    return presentModel((await this.open(userId, modelId)).row);
  }

  async create(userId: string, schoolId: string, input: ModelContent): Promise<Model> {
    const content = normalise(input);
    assertMayWriteModels((await membershipOf(this.db, userId, schoolId)).role);
    await this.checkProblems(schoolId, content.problemIds);
    const id = randomUUID();
    const now = this.deps.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('models')
        .values({
          id,
          school_id: schoolId,
          ...contentColumns(content),
          revision: 1,
          retired_at: null,
          created_by: userId,
          created_at: now,
          updated_by: userId,
          updated_at: now,
        })
        .execute();
      await this.keepRevision(trx, id, 1, 'written', content, userId, now);
    });
    return this.reread(id);
  }

  /** Replaces the content, if the model is still at `expectedRevision`; otherwise 409 `stale_revision`. */
  async update(userId: string, modelId: string, input: ModelContent & { expectedRevision: number }): Promise<Model> {
    const { row, me } = await this.open(userId, modelId);
    assertMayWriteModels(me.role);
    const { expectedRevision, ...rest } = input;
    const content = normalise(rest);
    await this.checkProblems(row.school_id, content.problemIds);
    await this.change(userId, modelId, expectedRevision, 'edited', contentColumns(content));
    return this.reread(modelId);
  }

  async retire(userId: string, modelId: string): Promise<Model> {
    const { row, me } = await this.open(userId, modelId);
    assertMayWriteModels(me.role);
    if (row.retired_at !== null) throw modelErrors.alreadyRetired();
    await this.change(userId, modelId, row.revision, 'retired', { retired_at: this.deps.now().toISOString() });
    return this.reread(modelId);
  }

  async restore(userId: string, modelId: string): Promise<Model> {
    const { row, me } = await this.open(userId, modelId);
    assertMayWriteModels(me.role);
    if (row.retired_at === null) throw modelErrors.notRetired();
    await this.change(userId, modelId, row.revision, 'restored', { retired_at: null });
    return this.reread(modelId);
  }

  /** One change, guarded by the revision it starts from, and its revision kept, in one transaction. */
  private async change(
    userId: string,
    modelId: string,
    from: number,
    change: ModelChange,
    columns: Partial<ModelsTable>,
  ): Promise<void> {
    const now = this.deps.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('models')
        .set({ ...columns, revision: from + 1, updated_by: userId, updated_at: now })
        .where('id', '=', modelId)
        .where('revision', '=', from)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw modelErrors.stale();
      const after = await trx.selectFrom('models').selectAll().where('id', '=', modelId).executeTakeFirstOrThrow();
      await this.keepRevision(trx, modelId, from + 1, change, contentOf(after), userId, now);
    });
  }

  /** Every revision, newest first. */
  async revisions(userId: string, modelId: string): Promise<ModelRevision[]> {
    await this.open(userId, modelId);
    const rows = await this.db
      .selectFrom('model_revisions as r')
      .innerJoin('users as u', 'u.id', 'r.edited_by')
      .select(['r.revision', 'r.change', 'r.content', 'r.edited_by', 'r.edited_at', 'u.name'])
      .where('r.model_id', '=', modelId)
      .orderBy('r.revision', 'desc')
      .execute();
    return rows.map((r) => {
      const c = JSON.parse(r.content) as ModelContent;
      return {
        revision: r.revision,
        change: r.change as ModelChange,
        by: { id: r.edited_by, name: r.name },
        at: r.edited_at,
        content: {
          name: c.name,
          keyMoves: c.keyMoves,
          doneWell: c.doneWell,
          practiceActivity: c.practiceActivity,
          actionSteps: c.actionSteps,
          problemIds: c.problemIds,
          tags: c.tags,
        },
      };
    });
  }
}
