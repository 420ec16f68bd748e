/**
 * Turning what a person typed into a full-text query that can only ever mean
 * "all of these words". The words are taken out of the input (`searchWords`),
 * so quotes, stars, colons, `NEAR(` or `OR` typed by someone are either
 * dropped as separators or searched for as plain words; nothing typed reaches
 * the engines' query syntax.
 */
import { SEARCH_LIMITS, searchWords } from '../../../shared/search.js';
import { errors } from '../../errors.js';

/** A query ready for either engine. */
export interface SearchPlan {
  /** The words looked for, in the order typed. */
  words: string[];
  /** FTS5 expression of the words: every word as a quoted string, all required (see `fts5Match`). */
  fts5: string;
  /** Text for PostgreSQL's `plainto_tsquery('english', ...)`: the same words, all required. */
  postgres: string;
}

/** An FTS5 string literal: inside double quotes, a double quote is written twice. */
export function fts5Quote(word: string): string {
  return `"${word.replace(/"/g, '""')}"`;
}

/** Builds the plan for a query; `validation_failed` (400) when it is too long or has no word in it. */
export function planSearch(query: string): SearchPlan {
  const trimmed = query.trim();
  if (trimmed.length === 0 || trimmed.length > SEARCH_LIMITS.maxQueryLength) throw errors.searchQueryLength();
  const words = searchWords(trimmed);
  if (words.length === 0) throw errors.searchNoWords();
  return { words, fts5: words.map(fts5Quote).join(' '), postgres: words.join(' ') };
}

/**
 * The whole FTS5 MATCH: the words, in the text column only, within the given partnership scope tokens
 * (`scope.ts`). Scopes are made by the server from ids, never typed, and quoted all the same.
 */
export function fts5Match(plan: SearchPlan, scopes: readonly string[]): string {
  return `scope : (${scopes.map(fts5Quote).join(' OR ')}) AND body : (${plan.fts5})`;
}
