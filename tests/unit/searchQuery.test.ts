/**
 * The search query builder: what a person types becomes words, every word a
 * quoted FTS5 string, all required; nothing typed can become FTS5 syntax (an
 * in-memory FTS5 table accepts every expression built from hostile input);
 * snippets become parts, never markup.
 */
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { fts5Match, fts5Quote, planSearch } from '../../server/domain/search/matchExpression.js';
import { scopeToken } from '../../server/domain/search/scope.js';
import { snippetParts } from '../../server/domain/search/snippetParts.js';
import { AppError } from '../../server/errors.js';
import { SEARCH_LIMITS, searchWords } from '../../shared/search.js';

describe('searchWords', () => {
  it('keeps letters, digits and accents, and splits on everything else', () => {
    expect(searchWords('Questions? "turn-and-talk" NEAR(a b) col:x 3rd café naïve')).toEqual([
      'Questions',
      'turn',
      'and',
      'talk',
      'NEAR',
      'a',
      'b',
      'col',
      'x',
      '3rd',
      'café',
      'naïve',
    ]);
    expect(searchWords('"*:^()-+')).toEqual([]);
    expect(searchWords('élève 学生')).toEqual(['élève', '学生']);
  });

  it(`keeps at most ${SEARCH_LIMITS.maxWords} words`, () => {
    expect(searchWords('w '.repeat(40))).toHaveLength(SEARCH_LIMITS.maxWords);
  });
});

describe('planSearch', () => {
  it('quotes every word and requires them all', () => {
    expect(planSearch('  questions  students ')).toEqual({
      words: ['questions', 'students'],
      fts5: '"questions" "students"',
      postgres: 'questions students',
    });
    expect(planSearch('a OR b NOT c')).toMatchObject({ fts5: '"a" "OR" "b" "NOT" "c"', postgres: 'a OR b NOT c' });
    expect(planSearch('col:x*').fts5).toBe('"col" "x"');
  });

  it('refuses an empty, too long or wordless query with validation_failed', () => {
    for (const q of ['', '   ', '"', '***', 'x'.repeat(SEARCH_LIMITS.maxQueryLength + 1)]) {
      let thrown: unknown;
      try {
        planSearch(q);
      } catch (e) {
        thrown = e;
      }
      expect(thrown, JSON.stringify(q)).toBeInstanceOf(AppError);
      expect(thrown).toMatchObject({ id: 'validation_failed', status: 400 });
    }
    expect(planSearch('x'.repeat(SEARCH_LIMITS.maxQueryLength)).words).toHaveLength(1);
  });

  it('doubles quotes inside a quoted word (defence in depth: words never hold them)', () => {
    expect(fts5Quote('a"b')).toBe('"a""b"');
  });

  it('builds expressions FTS5 always accepts, whatever was typed', () => {
    const db = new SQLite(':memory:');
    db.exec(`create virtual table t using fts5(body, tokenize='porter unicode61 remove_diacritics 2')`);
    db.prepare('insert into t (body) values (?)').run('We kept questioning the students near the door');
    const find = db.prepare<[string], { body: string }>('select body from t where t match ?');
    const hostile = [
      '"',
      '""',
      '*',
      'NEAR(',
      'NEAR(a b, 2)',
      'col:',
      'body:students',
      '^students',
      '(a OR',
      'a AND',
      '-x',
      '{body}: x',
      'students"*',
    ];
    const alphabet = ['"', '*', ':', '(', ')', '^', '-', '+', '{', '}', ' ', 'a', 'OR', 'NEAR', 'body', 'é', '\u0000'];
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 500; i++) {
      hostile.push(
        Array.from(
          { length: 1 + Math.floor(random() * 12) },
          () => alphabet[Math.floor(random() * alphabet.length)],
        ).join(''),
      );
    }
    for (const q of hostile) {
      if (searchWords(q).length === 0) continue;
      expect(() => find.all(planSearch(q).fts5), q).not.toThrow();
    }
    expect(find.all(planSearch('questions').fts5)).toHaveLength(1);
    expect(find.all(planSearch('body:students').fts5)).toHaveLength(0);
    expect(find.all(planSearch('NEAR(students door').fts5)).toHaveLength(1);
    db.close();
  });
});

describe('fts5Match', () => {
  it('looks for the words in the text only, within the given partnerships', () => {
    const plan = planSearch('questions');
    expect(fts5Match(plan, ['pa', 'pb'])).toBe('scope : ("pa" OR "pb") AND body : ("questions")');
    const db = new SQLite(':memory:');
    db.exec(`create virtual table t using fts5(body, scope, tokenize='porter unicode61 remove_diacritics 2')`);
    const mine = scopeToken('0fe85d67-ae8c-453e-8da8-831c640e8f08');
    const theirs = scopeToken('1d4b21f6-06a6-4eb9-84e3-fc414a06cb7e');
    const insert = db.prepare('insert into t (body, scope) values (?, ?)');
    insert.run('We kept questioning', mine);
    insert.run('They kept questioning', theirs);
    const find = (q: string, scopes: string[]) =>
      db
        .prepare<[string], { body: string }>('select body from t where t match ?')
        .all(fts5Match(planSearch(q), scopes));
    expect(find('questions', [mine])).toEqual([{ body: 'We kept questioning' }]);
    expect(find('questions', [mine, theirs])).toHaveLength(2);
    // A partnership's token typed as a word is looked for in the text, where it is not.
    expect(find(theirs, [mine, theirs])).toEqual([]);
    db.close();
  });
});

describe('snippetParts', () => {
  it('splits marked text into parts', () => {
    expect(snippetParts('We \u0001kept\u0002 the \u0001students\u0002.')).toEqual([
      { text: 'We ', match: false },
      { text: 'kept', match: true },
      { text: ' the ', match: false },
      { text: 'students', match: true },
      { text: '.', match: false },
    ]);
  });

  it('keeps markup as text and merges neighbours', () => {
    expect(snippetParts('<b>x</b> \u0001a\u0002\u0001b\u0002')).toEqual([
      { text: '<b>x</b> ', match: false },
      { text: 'ab', match: true },
    ]);
    expect(snippetParts('')).toEqual([]);
    expect(snippetParts('open \u0001end')).toEqual([
      { text: 'open ', match: false },
      { text: 'end', match: true },
    ]);
  });
});
