/**
 * The small-number rule, in the one function that makes the programme's
 * figures: behind 4 partnerships every figure is "fewer than 5"; behind 5 each
 * is shown. Partners reading their own contribution see their counts as they are.
 */
import { describe, expect, it } from 'vitest';
import { SMALL_NUMBER_MINIMUM, type Figures } from '../../shared/schools.js';
import {
  hiddenInBreakdown,
  programmeFigures,
  type CountedGroup,
} from '../../server/domain/schools/programmeFigures.js';
import { fortnightsElapsed, halfTermOf } from '../../server/domain/schools/schoolPolicies.js';

const counted = (partnerships: number): CountedGroup => ({
  partnerships,
  meetings: 20,
  stepsAgreed: 15,
  stepsPractised: 10,
  stepsLookedBack: 5,
  rehearsals: 12,
  cycles: 8,
  cyclesMet: 2,
  cyclesSetAside: 1,
  fortnights: 2,
  modelsUsed: 6,
});

const suppressed = { shown: false, fewerThan: SMALL_NUMBER_MINIMUM };
const everyFigure = (f: Figures) => Object.values(f).filter((v) => v !== null);

describe('programmeFigures: the small-number rule', () => {
  it('shows nothing but "fewer than 5" for 4 partnerships', () => {
    const figures = programmeFigures(counted(4), 'school');
    const all = everyFigure(figures);
    expect(all.length).toBe(11);
    for (const f of all) expect(f).toEqual(suppressed);
    // Nothing of the counts survives anywhere in the answer.
    expect(JSON.stringify(figures)).not.toMatch(/"value"/);
  });

  it('shows every figure for 5 partnerships', () => {
    const figures = programmeFigures(counted(5), 'school');
    expect(figures).toEqual({
      partnerships: { shown: true, value: 5 },
      meetings: { shown: true, value: 20 },
      meetingsPerFortnight: { shown: true, value: 2 },
      stepsAgreedPercent: { shown: true, value: 75 },
      stepsPractisedPercent: { shown: true, value: 50 },
      stepsLookedBackPercent: { shown: true, value: 25 },
      rehearsals: { shown: true, value: 12 },
      rehearsalsPerCycle: { shown: true, value: 1.5 },
      cyclesMet: { shown: true, value: 2 },
      cyclesSetAside: { shown: true, value: 1 },
      modelsUsed: { shown: true, value: 6 },
    });
  });

  it('suppresses a group of none, and models used under the same rule', () => {
    for (const f of everyFigure(programmeFigures(counted(0), 'school'))) expect(f).toEqual(suppressed);
    expect(programmeFigures({ ...counted(4), modelsUsed: 3 }, 'school').modelsUsed).toEqual(suppressed);
    expect(programmeFigures({ ...counted(5), modelsUsed: 3 }, 'school').modelsUsed).toEqual({ shown: true, value: 3 });
  });

  it('shows partners their own single partnership as it is', () => {
    const figures = programmeFigures(counted(1), 'partners');
    expect(figures.meetings).toEqual({ shown: true, value: 20 });
    expect(figures.meetingsPerFortnight).toEqual({ shown: true, value: 10 });
  });

  it('leaves out rates that mean nothing for a week', () => {
    const figures = programmeFigures({ ...counted(6), cycles: null, fortnights: null }, 'school');
    expect(figures.meetingsPerFortnight).toBeNull();
    expect(figures.rehearsalsPerCycle).toBeNull();
  });
});

describe('hiddenInBreakdown: no hidden group found by subtraction', () => {
  it('hides nothing when every group stands for 5 or more', () => {
    expect(hiddenInBreakdown([5, 9, 12])).toEqual([false, false, false]);
  });

  it('hides the next smallest group beside a lone small one, so the whole minus the rest tells nothing', () => {
    // Whole 6 shown, "no problem" 5 shown, one problem 1 hidden: 6 - 5 would give the 1 away.
    expect(hiddenInBreakdown([5, 1])).toEqual([true, true]);
    expect(hiddenInBreakdown([10, 4, 8])).toEqual([false, true, true]);
  });

  it('stops once the hidden groups stand for 5 together', () => {
    expect(hiddenInBreakdown([3, 2, 7, 9])).toEqual([true, true, false, false]);
    expect(hiddenInBreakdown([1, 6, 7])).toEqual([true, true, false]);
  });

  it('hides a whole breakdown that cannot reach 5', () => {
    expect(hiddenInBreakdown([2, 1])).toEqual([true, true]);
    expect(hiddenInBreakdown([])).toEqual([]);
  });

  it('makes every figure of a hidden group "fewer than 5" for the school, and leaves partners their own', () => {
    const hidden = programmeFigures(counted(SMALL_NUMBER_MINIMUM + 3), 'school', true);
    expect(Object.values(hidden).every((f) => f === null || !f.shown)).toBe(true);
    const own = programmeFigures(counted(1), 'partners', true);
    expect(own.meetings).toEqual({ shown: true, value: 20 });
  });
});

describe('the half-term the figures cover', () => {
  it.each([
    ['2026-12-02T08:00:00Z', 'Autumn 2, 2026', '2026-11-01', '2027-01-01'],
    ['2026-10-31T23:59:59Z', 'Autumn 1, 2026', '2026-09-01', '2026-11-01'],
    ['2027-01-01T00:00:00Z', 'Spring 1, 2027', '2027-01-01', '2027-02-22'],
    ['2027-03-10T12:00:00Z', 'Spring 2, 2027', '2027-02-22', '2027-04-15'],
    ['2027-05-01T12:00:00Z', 'Summer 1, 2027', '2027-04-15', '2027-06-01'],
    ['2027-08-20T12:00:00Z', 'Summer 2, 2027', '2027-06-01', '2027-09-01'],
  ])('%s is in %s', (at, name, from, to) => {
    const period = halfTermOf(new Date(at));
    expect(period).toEqual({ name, from: `${from}T00:00:00.000Z`, to: `${to}T00:00:00.000Z` });
  });

  it('counts fortnights gone by, at least one', () => {
    const period = halfTermOf(new Date('2026-12-02T00:00:00Z'));
    expect(fortnightsElapsed(period, new Date('2026-11-03T00:00:00Z'))).toBe(1);
    expect(fortnightsElapsed(period, new Date('2026-11-29T00:00:00Z'))).toBe(2);
  });
});
