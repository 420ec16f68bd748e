/** The shared step hash: real SHA-256, and blind to whitespace that does not change the words. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isCalendarDate, normaliseStepText, stepHash } from '../../shared/actionStep.js';
import { sha256Hex } from '../../shared/sha256.js';

describe('the step hash', () => {
  it('is SHA-256', () => {
    for (const input of ['', 'abc', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), 'Größe ✓ 🙂'.repeat(40)]) {
      expect(sha256Hex(input)).toBe(createHash('sha256').update(input, 'utf8').digest('hex'));
    }
  });

  it('ignores spacing and blank edges, but not words or the date', () => {
    const step = 'Use the prompt\nbefore helping';
    expect(normaliseStepText('\n  Use  the prompt \n before\u00a0helping\n\n')).toBe(step);
    expect(stepHash(' Use the prompt\nbefore helping ', null)).toBe(stepHash(step, null));
    expect(stepHash(step, null)).not.toBe(stepHash('Use the prompt\nbefore help', null));
    expect(stepHash(step, '2026-03-01')).not.toBe(stepHash(step, null));
  });

  it('knows a real date', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('28/02/2026')).toBe(false);
  });
});
