import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../db.js';

/**
 * The search index: one row per meeting and field (a section, or a fact such
 * as the measure or the rehearsals) holding its plain text, searched with the
 * database's own full-text search, and when each meeting was last indexed.
 *
 * SQLite: `search_entries` is the content of an external-content FTS5 table
 * (`porter unicode61`, so English words match their stems), kept in step by
 * triggers; snippets are read back through it. PostgreSQL: a stored
 * `tsvector` (english) column with a GIN index.
 */
export function search(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('search_entries')
        .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
        .addColumn('field', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        // The meeting's partnership as one word (see domain/search/scope.ts): FTS5 intersects it with
        // the words searched for, so a common word costs the caller's rows, not every partnership's.
        .addColumn('scope', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('search_entries_meeting').on('search_entries').column('meeting_id').execute();
      await db.schema
        .createTable('search_index_state')
        .addColumn('meeting_id', 'text', (c) => c.primaryKey().references('meetings.id'))
        .addColumn('indexed_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();

      if (dialect === 'postgres') {
        await sql`alter table search_entries add column tsv tsvector
          generated always as (to_tsvector('english', body)) stored`.execute(db);
        await sql`create index search_entries_tsv on search_entries using gin (tsv)`.execute(db);
        return;
      }
      await sql`create virtual table search_fts using fts5(
          body, scope, content='search_entries', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
        )`.execute(db);
      await sql`create trigger search_entries_ai after insert on search_entries begin
          insert into search_fts(rowid, body, scope) values (new.id, new.body, new.scope);
        end`.execute(db);
      await sql`create trigger search_entries_ad after delete on search_entries begin
          insert into search_fts(search_fts, rowid, body, scope) values ('delete', old.id, old.body, old.scope);
        end`.execute(db);
      await sql`create trigger search_entries_au after update on search_entries begin
          insert into search_fts(search_fts, rowid, body, scope) values ('delete', old.id, old.body, old.scope);
          insert into search_fts(rowid, body, scope) values (new.id, new.body, new.scope);
        end`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      if (dialect === 'sqlite') await sql`drop table if exists search_fts`.execute(db);
      await db.schema.dropTable('search_index_state').execute();
      await db.schema.dropTable('search_entries').execute();
    },
  };
}
