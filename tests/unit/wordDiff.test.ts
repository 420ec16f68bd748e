/** The word-level difference behind "compare with now". */
import { describe, expect, it } from 'vitest';
import { diffTokens, MAX_DIFF_CELLS, wordDiff, type DiffPart } from '../../shared/wordDiff.js';

const side = (parts: DiffPart[], op: 'removed' | 'added') =>
  parts
    .filter((p) => p.op !== op)
    .map((p) => p.text)
    .join('');

describe('wordDiff', () => {
  it('marks a replaced word as removed then added, keeping the rest', () => {
    expect(wordDiff('the quick brown fox', 'the slow brown fox')).toEqual([
      { op: 'same', text: 'the ' },
      { op: 'removed', text: 'quick' },
      { op: 'added', text: 'slow' },
      { op: 'same', text: ' brown fox' },
    ]);
  });

  it('handles additions at the end and removals at the start', () => {
    expect(wordDiff('so the plan', 'the plan works')).toEqual([
      { op: 'removed', text: 'so ' },
      { op: 'same', text: 'the plan' },
      { op: 'added', text: ' works' },
    ]);
  });

  it('gives nothing for two empty texts, one part for identical or wholly new ones', () => {
    expect(wordDiff('', '')).toEqual([]);
    expect(wordDiff('same words', 'same words')).toEqual([{ op: 'same', text: 'same words' }]);
    expect(wordDiff('', 'new text')).toEqual([{ op: 'added', text: 'new text' }]);
    expect(wordDiff('old text', '')).toEqual([{ op: 'removed', text: 'old text' }]);
  });

  it('keeps line breaks and spacing, so each side reads back exactly', () => {
    const before = 'Goal: students explain\n\ntheir  reasoning aloud.';
    const after = 'Goal: students explain\ntheir reasoning in pairs, aloud.';
    const parts = wordDiff(before, after);
    expect(side(parts, 'added')).toBe(before);
    expect(side(parts, 'removed')).toBe(after);
    expect(parts.some((p) => p.op === 'added' && p.text.includes('pairs,'))).toBe(true);
  });

  it('finds a longest common subsequence on random word edits (each side reads back)', () => {
    const words = ['a', 'b', 'c', 'd', 'e'];
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const make = () => Array.from({ length: rand(12) }, () => words[rand(words.length)]).join(' ');
      const a = make();
      const b = make();
      const parts = wordDiff(a, b);
      expect(side(parts, 'added')).toBe(a);
      expect(side(parts, 'removed')).toBe(b);
      // No two neighbours of the same kind: parts are merged.
      for (let i = 1; i < parts.length; i++) expect(parts[i]?.op).not.toBe(parts[i - 1]?.op);
    }
  });

  it('falls back to replacing the changed middle past the bound, still exact', () => {
    const count = Math.ceil(Math.sqrt(MAX_DIFF_CELLS) / 2) + 10;
    const before = Array.from({ length: count }, (_, i) => `w${i}`).join(' ');
    const after = Array.from({ length: count }, (_, i) => `v${i}`).join(' ');
    expect(diffTokens(before).length * diffTokens(after).length).toBeGreaterThan(MAX_DIFF_CELLS);
    const started = performance.now();
    const parts = wordDiff(`start ${before} end`, `start ${after} end`);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(parts.map((p) => p.op)).toEqual(['same', 'removed', 'added', 'same']);
    expect(side(parts, 'added')).toBe(`start ${before} end`);
  });
});
