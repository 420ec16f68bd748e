import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Every value recorded for a cycle's measure, not only the latest. The
 * latest value a cycle already had (`cycles.measure_latest`) becomes its first
 * recorded value: counted on `measure_latest_on` (or, without one, the day the
 * cycle started), recorded by whoever started the cycle and at the
 * moment it started, since nothing better is known. The cycle's columns stay, kept equal to the latest recorded value.
 */
export const measureValues: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('measure_values')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('cycle_id', 'text', (c) => c.notNull().references('cycles.id'))
      .addColumn('value', 'double precision', (c) => c.notNull())
      .addColumn('measured_on', 'text', (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .addColumn('corrected_by', 'text', (c) => c.references('users.id'))
      .addColumn('corrected_at', 'text')
      .execute();
    await db.schema
      .createIndex('measure_values_cycle')
      .on('measure_values')
      .columns(['cycle_id', 'measured_on', 'recorded_at'])
      .execute();
    // The id is the cycle's with a suffix: unique, and the same on both databases without a UUID function.
    await sql`
      insert into measure_values (id, cycle_id, value, measured_on, recorded_by, recorded_at)
      select id || '-m1', id, measure_latest, coalesce(measure_latest_on, substr(started_at, 1, 10)), started_by,
             started_at
      from cycles
      where measure_latest is not null`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('measure_values').execute();
  },
};
