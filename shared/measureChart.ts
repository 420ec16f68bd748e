/**
 * The measure chart's arithmetic and words, pure so the client draws from it,
 * the exports write the same sentence, and unit tests pin both: where each
 * value, the baseline, the target and each meeting falls in the drawing, the
 * numbers on the value axis, and the one-sentence summary read by screen
 * readers and printed under the chart ("From 4 at the start to 9 on
 * 3 December; the target is 12.").
 */

export interface ChartValue {
  value: number;
  /** `YYYY-MM-DD`. */
  measuredOn: string;
}

export interface ChartInput {
  baseline: number | null;
  target: number | null;
  /** Oldest first. */
  values: readonly ChartValue[];
  /** When each meeting of the cycle started (ISO timestamps), with its number. */
  meetings: readonly { number: number; startedAt: string }[];
}

export interface ChartBox {
  width: number;
  height: number;
  /** Room kept for the value axis's numbers (left), the line labels (right) and the meeting ticks (bottom). */
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const DEFAULT_BOX: ChartBox = { width: 320, height: 176, left: 30, right: 78, top: 14, bottom: 34 };

export interface ChartLayout {
  box: ChartBox;
  points: { x: number; y: number; value: number; measuredOn: string }[];
  baselineY: number | null;
  targetY: number | null;
  yTicks: { y: number; value: number }[];
  meetingTicks: { x: number; number: number }[];
  /** The first and last day on the time axis, `YYYY-MM-DD`. */
  from: string;
  to: string;
  /** The plotting area's edges. */
  plot: { x0: number; x1: number; y0: number; y1: number };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Days since 1970-01-01 of a `YYYY-MM-DD` (or the date part of an ISO timestamp). */
export function dayNumber(day: string): number {
  return Math.round(Date.parse(`${day.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

function dayOf(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** A "nice" step (1, 2 or 5 times a power of ten) giving about `count` intervals over `span`. */
export function niceStep(span: number, count = 3): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
  return nice * power;
}

/**
 * The value axis: a range from zero (or below, for negative numbers) holding every number given, on
 * nice steps; whole steps when every number is whole. Starting at zero keeps a rise from 4 to 9 looking
 * like what it is, not like a leap from nothing.
 */
export function valueAxis(numbers: readonly number[], count = 3): { min: number; max: number; ticks: number[] } {
  const lo = Math.min(0, ...numbers);
  let hi = Math.max(0, ...numbers);
  if (lo === hi) hi = lo + 1;
  let step = niceStep(hi - lo, count);
  if (numbers.every(Number.isInteger)) step = Math.max(step, 1);
  // Rounded to the step's precision so 0.1 + 0.2 does not print as 0.30000000000000004.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const round = (v: number) => Number(v.toFixed(decimals));
  const min = round(Math.floor(lo / step) * step);
  const max = round(Math.ceil(hi / step) * step);
  const ticks: number[] = [];
  for (let i = 0; min + i * step <= max + step / 2; i++) ticks.push(round(min + i * step));
  return { min, max, ticks };
}

/** Where everything falls in a `box`-sized drawing (SVG coordinates: y grows downwards). */
export function layoutChart(input: ChartInput, box: ChartBox = DEFAULT_BOX): ChartLayout {
  const plot = { x0: box.left, x1: box.width - box.right, y0: box.top, y1: box.height - box.bottom };
  const numbers = [
    ...input.values.map((v) => v.value),
    ...(input.baseline === null ? [] : [input.baseline]),
    ...(input.target === null ? [] : [input.target]),
  ];
  const axis = valueAxis(numbers);
  const y = (v: number) => plot.y1 - ((v - axis.min) / (axis.max - axis.min)) * (plot.y1 - plot.y0);

  const days = [
    ...input.values.map((v) => dayNumber(v.measuredOn)),
    ...input.meetings.map((m) => dayNumber(m.startedAt)),
  ];
  let first = days.length > 0 ? Math.min(...days) : 0;
  let last = days.length > 0 ? Math.max(...days) : 1;
  if (first === last) {
    first -= 1;
    last += 1;
  }
  const x = (day: number) => plot.x0 + ((day - first) / (last - first)) * (plot.x1 - plot.x0);

  return {
    box,
    plot,
    points: input.values.map((v) => ({
      x: x(dayNumber(v.measuredOn)),
      y: y(v.value),
      value: v.value,
      measuredOn: v.measuredOn,
    })),
    baselineY: input.baseline === null ? null : y(input.baseline),
    targetY: input.target === null ? null : y(input.target),
    yTicks: axis.ticks.map((value) => ({ y: y(value), value })),
    meetingTicks: input.meetings.map((m) => ({ x: x(dayNumber(m.startedAt)), number: m.number })),
    from: dayOf(first),
    to: dayOf(last),
  };
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "3 December", or "3 December 2026" with the year. */
export function dayLabel(day: string, withYear = false): string {
  const [year, month, date] = day.slice(0, 10).split('-');
  const name = MONTHS[Number(month) - 1] ?? '';
  return `${Number(date)} ${name}${withYear ? ` ${year}` : ''}`;
}

/** A number as people write it: no trailing zeros, at most two decimals. */
export function numberLabel(value: number): string {
  return String(Number(value.toFixed(2)));
}

/**
 * One sentence saying where the measure started, where it is now and where it is going, e.g.
 * "From 4 at the start to 9 on 3 December; the target is 12." Years are named when the values
 * span more than one.
 */
export function measureSummary(input: Pick<ChartInput, 'baseline' | 'target' | 'values'>): string {
  const { baseline, target, values } = input;
  const first = values[0];
  const last = values.at(-1);
  const withYear =
    first !== undefined && last !== undefined && first.measuredOn.slice(0, 4) !== last.measuredOn.slice(0, 4);
  const on = (v: ChartValue) => `${numberLabel(v.value)} on ${dayLabel(v.measuredOn, withYear)}`;
  const count = values.length > 1 ? ` (${values.length} values recorded)` : '';

  let story: string;
  if (last === undefined || first === undefined) {
    story =
      baseline === null ? 'No values recorded yet' : `${numberLabel(baseline)} at the start; no values recorded since`;
  } else if (baseline !== null) {
    story = `From ${numberLabel(baseline)} at the start to ${on(last)}${count}`;
  } else if (values.length > 1) {
    story = `From ${on(first)} to ${on(last)}${count}`;
  } else {
    story = on(last);
  }

  let aim = target === null ? 'no target is set' : `the target is ${numberLabel(target)}`;
  const from = baseline ?? (values.length > 1 ? first?.value : undefined);
  if (target !== null && last !== undefined && from !== undefined && from !== target) {
    const reached = target > from ? last.value >= target : last.value <= target;
    if (reached) aim += ', reached';
  }
  return `${story}; ${aim}.`;
}
