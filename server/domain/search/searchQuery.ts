/**
 * The search query on each engine. Membership is part of the SQL itself: a
 * hit is only ever read through meetings -> partnerships where the caller is
 * the coach or the teacher, and only for a caller whose account is open, so
 * no code path can return another partnership's text and filter it later.
 */
import { sql, type Kysely } from 'kysely';
import type { Role } from '../../../shared/api.js';
import type { Database as Storage } from '../../storage/db.js';
import type { Database } from '../../storage/schema.js';
import { fts5Match, type SearchPlan } from './matchExpression.js';
import { scopeToken } from './scope.js';
import { MATCH_END, MATCH_START } from './searchText.js';

/** One matching field of one meeting, newest meeting first. */
export interface SearchRow {
  entry_id: number;
  meeting_id: string;
  field: string;
  title: string;
  number: number;
  /** 0 or 1 on SQLite, a boolean-ish integer on both: the title was given, not made up from the date. */
  title_given: number;
  created_at: string;
  partnership_id: string;
  partner_role: Role;
  partner_name: string;
  /** Text around the matches, matched words between `MATCH_START` and `MATCH_END`. */
  snippet: string;
}

/** Words of context a snippet keeps around its matches. */
const SNIPPET_WORDS = 16;

/** Runs the query for `userId`; at most `limit` rows. */
export function runSearch(storage: Storage, userId: string, plan: SearchPlan, limit: number): Promise<SearchRow[]> {
  return storage.dialect === 'postgres'
    ? postgresSearch(storage.db, userId, plan.postgres, limit)
    : sqliteSearch(storage.db, userId, plan, limit);
}

/** The caller's partnerships, and the partner's side, as SQL fragments shared by both engines. */
function membership(userId: string) {
  return {
    where: sql`(p.coach_id = ${userId} or p.teacher_id = ${userId})
      and exists (select 1 from users me where me.id = ${userId} and me.deleted_at is null)`,
    partnerRole: sql`case when p.coach_id = ${userId} then 'teacher' else 'coach' end`,
    partnerId: sql`case when p.coach_id = ${userId} then p.teacher_id else p.coach_id end`,
  };
}

async function sqliteSearch(db: Kysely<Database>, userId: string, plan: SearchPlan, limit: number) {
  const member = membership(userId);
  const { rows: mine } = await sql<{ id: string }>`select p.id from partnerships p where ${member.where}`.execute(db);
  if (mine.length === 0) return [];
  const match = fts5Match(
    plan,
    mine.map((p) => scopeToken(p.id)),
  );
  // The MATCH narrows to the caller's partnerships (fast for common words); the join still decides.
  // The inner query finds and orders the hits; snippets are made afterwards for the few kept only.
  const { rows } = await sql<SearchRow>`
    with hits as (
      select e.id as entry_id, e.meeting_id, e.field, m.title, m.number, m.title_given, m.created_at, m.partnership_id,
             ${member.partnerRole} as partner_role, ${member.partnerId} as partner_id
      from search_fts
      join search_entries e on e.id = search_fts.rowid
      join meetings m on m.id = e.meeting_id
      join partnerships p on p.id = m.partnership_id
      where search_fts match ${match} and ${member.where}
      order by m.created_at desc, m.id desc, e.id
      limit ${limit}
    )
    select hits.entry_id, hits.meeting_id, hits.field, hits.title, hits.number, hits.title_given, hits.created_at, hits.partnership_id,
           hits.partner_role, u.name as partner_name,
           snippet(search_fts, 0, ${MATCH_START}, ${MATCH_END}, '…', ${SNIPPET_WORDS}) as snippet
    from hits
    join search_fts on search_fts.rowid = hits.entry_id
    join users u on u.id = hits.partner_id
    where search_fts match ${match}
    order by hits.created_at desc, hits.meeting_id desc, hits.entry_id`.execute(db);
  return rows;
}

async function postgresSearch(db: Kysely<Database>, userId: string, words: string, limit: number) {
  const member = membership(userId);
  const options = `StartSel="${MATCH_START}", StopSel="${MATCH_END}", MaxWords=${SNIPPET_WORDS * 2}, MinWords=${SNIPPET_WORDS / 2}`;
  // plainto_tsquery reads the words as words, all required: no operators, whatever was typed.
  const { rows } = await sql<SearchRow>`
    with q as (select plainto_tsquery('english', ${words}) as query),
    hits as (
      select e.id as entry_id, e.meeting_id, e.field, e.body, m.title, m.number, m.title_given, m.created_at, m.partnership_id,
             ${member.partnerRole} as partner_role, ${member.partnerId} as partner_id
      from q
      join search_entries e on e.tsv @@ q.query
      join meetings m on m.id = e.meeting_id
      join partnerships p on p.id = m.partnership_id
      where ${member.where}
      order by m.created_at desc, m.id desc, e.id
      limit ${limit}
    )
    select hits.entry_id, hits.meeting_id, hits.field, hits.title, hits.number, hits.title_given, hits.created_at, hits.partnership_id,
           hits.partner_role, u.name as partner_name,
           ts_headline('english', hits.body, q.query, ${options}) as snippet
    from hits
    cross join q
    join users u on u.id = hits.partner_id
    order by hits.created_at desc, hits.meeting_id desc, hits.entry_id`.execute(db);
  return rows.map((r) => ({ ...r, entry_id: Number(r.entry_id) }));
}
