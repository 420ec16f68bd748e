import { sql, type Kysely, type Migration } from 'kysely';

/** Default titles the server gave meetings started without one ("Meeting on 1 December 2026"). */
const DEFAULT_TITLE =
  /^Meeting on \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$/;

/**
 * Finishing a meeting and telling meetings apart: who finished it and when
 * (null while open), who last reopened it, its number within its partnership
 * (1, 2, 3… by creation order, unique per partnership) and whether its title
 * was given by a person or made up by the server.
 */
export function meetingFinish(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('meetings').addColumn('finished_at', 'text').execute();
      await db.schema
        .alterTable('meetings')
        .addColumn('finished_by', 'text', (c) => c.references('users.id'))
        .execute();
      await db.schema.alterTable('meetings').addColumn('reopened_at', 'text').execute();
      await db.schema
        .alterTable('meetings')
        .addColumn('reopened_by', 'text', (c) => c.references('users.id'))
        .execute();
      // SQLite adds a NOT NULL column only with a default; every row gets its real number just below.
      await db.schema
        .alterTable('meetings')
        .addColumn('number', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('meetings')
        .addColumn('title_given', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      // Same order as "newest first" lists: creation time, then id.
      await sql`
        update meetings set number = (
          select count(*) from meetings m2
          where m2.partnership_id = meetings.partnership_id
            and (m2.created_at < meetings.created_at or (m2.created_at = meetings.created_at and m2.id <= meetings.id))
        )`.execute(db);
      await db.schema
        .createIndex('meetings_partnership_number')
        .unique()
        .on('meetings')
        .columns(['partnership_id', 'number'])
        .execute();
      const candidates = await sql<{ id: string; title: string }>`
        select id, title from meetings where title like 'Meeting on %'`.execute(db);
      const made = candidates.rows.filter((r) => DEFAULT_TITLE.test(r.title)).map((r) => r.id);
      for (let i = 0; i < made.length; i += 500) {
        const ids = made.slice(i, i + 500);
        await sql`update meetings set title_given = 0 where id in (${sql.join(ids)})`.execute(db);
      }
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('meetings_partnership_number').execute();
      for (const column of ['title_given', 'number', 'reopened_by', 'reopened_at', 'finished_by', 'finished_at']) {
        await db.schema.alterTable('meetings').dropColumn(column).execute();
      }
    },
  };
}
