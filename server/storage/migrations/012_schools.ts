import type { Kysely, Migration } from 'kysely';

/**
 * Schools and their coaching programme: the school, its members and their
 * roles, invitation links, persistent problems, the problem (and the
 * teacher's own focus) a cycle works on, and each partnership's link to a
 * school with both partners' consent. Nothing here holds a meeting's words.
 */
export const schools: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('schools')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('school_members')
      .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('joined_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('school_members_pk', ['school_id', 'user_id'])
      .execute();
    await db.schema.createIndex('school_members_user').on('school_members').column('user_id').execute();

    await db.schema
      .createTable('school_invitations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema.createIndex('school_invitations_school').on('school_invitations').column('school_id').execute();

    await db.schema
      .createTable('school_problems')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('symptoms', 'text', (c) => c.notNull())
      .addColumn('why_it_matters', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('school_problems_school').on('school_problems').column('school_id').execute();

    // One row per partnership at most: pending until both partners consent, deleted when unlinked.
    await db.schema
      .createTable('school_links')
      .addColumn('partnership_id', 'text', (c) => c.primaryKey().references('partnerships.id'))
      .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
      .addColumn('coach_consented_at', 'text')
      .addColumn('teacher_consented_at', 'text')
      .addColumn('linked_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('school_links_school').on('school_links').column('school_id').execute();

    await db.schema
      .createTable('cycle_problems')
      .addColumn('cycle_id', 'text', (c) => c.primaryKey().references('cycles.id'))
      .addColumn('problem_id', 'text', (c) => c.notNull().references('school_problems.id'))
      .addColumn('focus', 'text')
      .addColumn('set_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('set_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('cycle_problems_problem').on('cycle_problems').column('problem_id').execute();
  },
  async down(db: Kysely<unknown>) {
    for (const t of [
      'cycle_problems',
      'school_links',
      'school_problems',
      'school_invitations',
      'school_members',
      'schools',
    ]) {
      await db.schema.dropTable(t).execute();
    }
  },
};
