import type { Kysely, Migration } from 'kysely';

/**
 * A school's library of models: each model, every revision of it (who, when,
 * the whole content), and each use of one in a meeting. A model holds nothing
 * from a meeting; a use holds only which model, which meeting, when and by whom.
 */
export const models: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('models')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('key_moves', 'text', (c) => c.notNull())
      .addColumn('done_well', 'text', (c) => c.notNull())
      .addColumn('practice_activity', 'text', (c) => c.notNull())
      .addColumn('action_steps', 'text', (c) => c.notNull())
      .addColumn('problem_ids', 'text', (c) => c.notNull())
      .addColumn('tags', 'text', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('retired_at', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('models_school').on('models').column('school_id').execute();

    await db.schema
      .createTable('model_revisions')
      .addColumn('model_id', 'text', (c) => c.notNull().references('models.id'))
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('change', 'text', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('edited_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('edited_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('model_revisions_pk', ['model_id', 'revision'])
      .execute();

    await db.schema
      .createTable('model_uses')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('model_id', 'text', (c) => c.notNull().references('models.id'))
      .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
      .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
      .addColumn('cycle_id', 'text', (c) => c.references('cycles.id'))
      .addColumn('used_at', 'text', (c) => c.notNull())
      .addColumn('used_by', 'text', (c) => c.notNull().references('users.id'))
      .addUniqueConstraint('model_uses_meeting_model', ['meeting_id', 'model_id'])
      .execute();
    await db.schema
      .createIndex('model_uses_partnership')
      .on('model_uses')
      .columns(['partnership_id', 'used_at'])
      .execute();
    await db.schema.createIndex('model_uses_model').on('model_uses').column('model_id').execute();
  },
  async down(db: Kysely<unknown>) {
    for (const t of ['model_uses', 'model_revisions', 'models']) await db.schema.dropTable(t).execute();
  },
};
