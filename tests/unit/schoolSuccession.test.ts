/**
 * Who leads a school once its only lead closes their account: another lead keeps leading; else the
 * longest-standing coach, else the longest-standing member; nobody when nobody stays.
 */
import { describe, expect, it } from 'vitest';
import { successorOf, type Standing } from '../../server/domain/schools/schoolPolicies.js';

const at = (day: number) => `2026-09-${String(day).padStart(2, '0')}T08:00:00.000Z`;

describe('successorOf', () => {
  it('keeps the school as it is when another lead stays', () => {
    const staying: Standing[] = [
      { userId: 'a', role: 'coach', joinedAt: at(1) },
      { userId: 'b', role: 'lead', joinedAt: at(5) },
    ];
    expect(successorOf(staying)).toEqual({ keep: true });
  });

  it('chooses the longest-standing coach before any member', () => {
    const staying: Standing[] = [
      { userId: 'member', role: 'member', joinedAt: at(1) },
      { userId: 'late-coach', role: 'coach', joinedAt: at(9) },
      { userId: 'early-coach', role: 'coach', joinedAt: at(3) },
    ];
    expect(successorOf(staying)).toEqual({ promote: 'early-coach' });
  });

  it('chooses the longest-standing member when no coach stays, the smaller id on the same instant', () => {
    const staying: Standing[] = [
      { userId: 'z', role: 'member', joinedAt: at(2) },
      { userId: 'y', role: 'member', joinedAt: at(2) },
      { userId: 'x', role: 'member', joinedAt: at(4) },
    ];
    expect(successorOf(staying)).toEqual({ promote: 'y' });
  });

  it('leaves nobody to lead when nobody stays', () => {
    expect(successorOf([])).toBeNull();
  });
});
