/**
 * The measure chart's pure parts (`shared/measureChart.ts`): the sentence read
 * aloud and printed under the chart, and where values, lines and meetings fall.
 */
import { describe, expect, it } from 'vitest';
import { compareMeasureValues, latestMeasureValue } from '../../shared/measure.js';
import {
  DEFAULT_BOX,
  dayLabel,
  layoutChart,
  measureSummary,
  niceStep,
  numberLabel,
  valueAxis,
} from '../../shared/measureChart.js';

const v = (value: number, measuredOn: string) => ({ value, measuredOn });

describe('the summary sentence', () => {
  it.each<[string, Parameters<typeof measureSummary>[0], string]>([
    [
      'baseline, values and target',
      { baseline: 4, target: 12, values: [v(6, '2026-11-12'), v(9, '2026-12-03')] },
      'From 4 at the start to 9 on 3 December (2 values recorded); the target is 12.',
    ],
    [
      'one value',
      { baseline: 4, target: 12, values: [v(9, '2026-12-03')] },
      'From 4 at the start to 9 on 3 December; the target is 12.',
    ],
    ['nothing recorded', { baseline: null, target: null, values: [] }, 'No values recorded yet; no target is set.'],
    [
      'only a baseline',
      { baseline: 4, target: 12, values: [] },
      '4 at the start; no values recorded since; the target is 12.',
    ],
    [
      'no baseline: the first value is the start',
      { baseline: null, target: 10, values: [v(2, '2026-11-01'), v(5, '2026-11-20')] },
      'From 2 on 1 November to 5 on 20 November (2 values recorded); the target is 10.',
    ],
    [
      'a single value and no baseline',
      { baseline: null, target: null, values: [v(7.5, '2026-11-01')] },
      '7.5 on 1 November; no target is set.',
    ],
    [
      'the target reached',
      { baseline: 4, target: 12, values: [v(12, '2026-12-03')] },
      'From 4 at the start to 12 on 3 December; the target is 12, reached.',
    ],
    [
      'a target below the baseline (fewer is better) reached',
      { baseline: 10, target: 3, values: [v(2, '2026-12-03')] },
      'From 10 at the start to 2 on 3 December; the target is 3, reached.',
    ],
    [
      'a target below the baseline not reached by going up',
      { baseline: 10, target: 3, values: [v(14, '2026-12-03')] },
      'From 10 at the start to 14 on 3 December; the target is 3.',
    ],
    [
      'values spanning two years name the years',
      { baseline: 1, target: 5, values: [v(2, '2026-12-10'), v(4, '2027-01-14')] },
      'From 1 at the start to 4 on 14 January 2027 (2 values recorded); the target is 5.',
    ],
  ])('%s', (_, input, sentence) => {
    expect(measureSummary(input)).toBe(sentence);
  });

  it('writes numbers and days as people do', () => {
    expect(numberLabel(0.1 + 0.2)).toBe('0.3');
    expect(numberLabel(12)).toBe('12');
    expect(numberLabel(-3.456)).toBe('-3.46');
    expect(dayLabel('2026-12-03')).toBe('3 December');
    expect(dayLabel('2026-01-09', true)).toBe('9 January 2026');
  });
});

describe('the value axis', () => {
  it.each<[number, number]>([
    [10, 5],
    [12, 5],
    [1, 0.5],
    [100, 50],
    [6, 2],
  ])('a span of %d has steps of %d', (span, step) => {
    expect(niceStep(span)).toBe(step);
  });

  it('starts at zero for counts and holds every number on nice ticks', () => {
    expect(valueAxis([4, 9, 12])).toEqual({ min: 0, max: 15, ticks: [0, 5, 10, 15] });
    expect(valueAxis([40, 85, 100])).toEqual({ min: 0, max: 100, ticks: [0, 50, 100] });
    expect(valueAxis([5])).toEqual({ min: 0, max: 6, ticks: [0, 2, 4, 6] });
  });

  it('never collapses to a point, and keeps whole numbers on whole steps', () => {
    expect(valueAxis([0])).toEqual({ min: 0, max: 1, ticks: [0, 1] });
    expect(valueAxis([])).toEqual({ min: 0, max: 1, ticks: [0, 1] });
    expect(valueAxis([1, 2]).ticks).toEqual([0, 1, 2]);
  });

  it('goes below zero when there are negative numbers', () => {
    expect(valueAxis([-3, 4])).toEqual({ min: -4, max: 4, ticks: [-4, -2, 0, 2, 4] });
  });

  it('prints decimal ticks without floating-point noise', () => {
    expect(valueAxis([0.1, 0.7]).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
  });
});

describe('the layout', () => {
  const input = {
    baseline: 4,
    target: 12,
    values: [v(6, '2026-11-10'), v(9, '2026-12-03')],
    meetings: [
      { number: 1, startedAt: '2026-11-03T15:30:00.000Z' },
      { number: 2, startedAt: '2026-11-17T15:30:00.000Z' },
      { number: 3, startedAt: '2026-12-01T15:30:00.000Z' },
    ],
  };
  const layout = layoutChart(input);
  const { plot } = layout;

  it('spans the time axis from the first meeting or value to the last', () => {
    expect(layout.from).toBe('2026-11-03');
    expect(layout.to).toBe('2026-12-03');
    expect(layout.meetingTicks[0]).toEqual({ x: plot.x0, number: 1 });
    expect(layout.points.at(-1)?.x).toBe(plot.x1);
  });

  it('puts higher values higher, zero at the bottom, and the lines at their numbers', () => {
    const [first, second] = layout.points;
    expect(second!.y).toBeLessThan(first!.y);
    expect(layout.yTicks.map((t) => t.value)).toEqual([0, 5, 10, 15]);
    expect(layout.yTicks[0]!.y).toBe(plot.y1);
    expect(layout.yTicks.at(-1)!.y).toBe(plot.y0);
    // 12 of 15 and 4 of 15 up the plotting area.
    expect(layout.targetY).toBeCloseTo(plot.y1 - (12 / 15) * (plot.y1 - plot.y0));
    expect(layout.baselineY).toBeCloseTo(plot.y1 - (4 / 15) * (plot.y1 - plot.y0));
  });

  it('keeps everything inside the plotting area', () => {
    for (const p of layout.points) {
      expect(p.x).toBeGreaterThanOrEqual(plot.x0);
      expect(p.x).toBeLessThanOrEqual(plot.x1);
      expect(p.y).toBeGreaterThanOrEqual(plot.y0);
      expect(p.y).toBeLessThanOrEqual(plot.y1);
    }
    expect(plot.x1).toBe(DEFAULT_BOX.width - DEFAULT_BOX.right);
  });

  it('draws a single day in the middle rather than dividing by zero', () => {
    const one = layoutChart({ baseline: null, target: null, values: [v(3, '2026-11-10')], meetings: [] });
    expect(one.points[0]!.x).toBeCloseTo((one.plot.x0 + one.plot.x1) / 2);
    expect(Number.isFinite(one.points[0]!.y)).toBe(true);
  });
});

describe('the order of values', () => {
  const a = { id: 'a', measuredOn: '2026-11-10', recordedAt: '2026-11-10T16:00:00.000Z' };
  const b = { id: 'b', measuredOn: '2026-11-10', recordedAt: '2026-11-11T09:00:00.000Z' };
  const c = { id: 'c', measuredOn: '2026-11-03', recordedAt: '2026-11-20T09:00:00.000Z' };

  it('is by the day counted, then by when it was recorded', () => {
    expect([b, c, a].toSorted(compareMeasureValues).map((x) => x.id)).toEqual(['c', 'a', 'b']);
    expect(latestMeasureValue([b, c, a])?.id).toBe('b');
    expect(latestMeasureValue([])).toBeNull();
  });
});
