/**
 * The one function that turns counted facts into the figures anyone sees, and
 * the one place the small-number rule is applied: any figure behind which
 * fewer than `SMALL_NUMBER_MINIMUM` (5) partnerships stand is given only as
 * "fewer than 5". Partners looking at their own contribution see their own
 * counts as they are (`audience: 'partners'`).
 *
 * A hidden figure must not be found by subtraction either: a breakdown (by
 * problem, by week) adds up to the whole, so when one group of it is hidden,
 * `hiddenInBreakdown` hides more of it, smallest first, until what is hidden
 * stands for at least 5 partnerships together.
 */
import { SMALL_NUMBER_MINIMUM, type Figure, type Figures } from '../../../shared/schools.js';

/** What SQL counted for one group (the whole programme, a problem, a week). */
export interface CountedGroup {
  /** Distinct partnerships behind this group's counts. */
  partnerships: number;
  meetings: number;
  stepsAgreed: number;
  stepsPractised: number;
  stepsLookedBack: number;
  rehearsals: number;
  /** Cycles under way in the period; null where cycles have no meaning (a week). */
  cycles: number | null;
  cyclesMet: number;
  cyclesSetAside: number;
  /** Fortnights gone by; null where a rate per fortnight has no meaning (a week). */
  fortnights: number | null;
  /** Uses of the school's models (see `countModelsUsed` in programmeQueries). */
  modelsUsed: number;
}

export type Audience = 'school' | 'partners';

const oneDecimal = (n: number) => Math.round(n * 10) / 10;
const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 100));

/** A count as a figure: shown, or "fewer than 5" when too few partnerships stand behind it. */
export function figure(value: number, partnerships: number, audience: Audience, hidden = false): Figure {
  if (audience === 'school' && (hidden || partnerships < SMALL_NUMBER_MINIMUM)) {
    return { shown: false, fewerThan: SMALL_NUMBER_MINIMUM };
  }
  return { shown: true, value };
}

/**
 * Which groups of one breakdown the school is not shown, given the partnerships behind each: those behind
 * fewer than 5, and then, while the hidden ones together stand for fewer than 5 partnerships, the smallest
 * of the rest, so that no hidden group can be worked out from the whole and the groups that are shown.
 * (A partnership can fall in more than one week; counting it once per group errs on the side of hiding.)
 */
export function hiddenInBreakdown(partnerships: readonly number[]): boolean[] {
  const hidden = partnerships.map((n) => n < SMALL_NUMBER_MINIMUM);
  const hiddenTotal = () => partnerships.reduce((sum, n, i) => (hidden[i] ? sum + n : sum), 0);
  while (hidden.some(Boolean) && hiddenTotal() < SMALL_NUMBER_MINIMUM) {
    let smallest = -1;
    partnerships.forEach((n, i) => {
      if (!hidden[i] && (smallest < 0 || n < (partnerships[smallest] ?? 0))) smallest = i;
    });
    if (smallest < 0) break;
    hidden[smallest] = true;
  }
  return hidden;
}

/** Every figure of one group, each under the small-number rule (`hidden`: hidden whatever its size, see above). */
export function programmeFigures(counted: CountedGroup, audience: Audience, hidden = false): Figures {
  const n = counted.partnerships;
  const f = (value: number) => figure(value, n, audience, hidden);
  return {
    partnerships: f(n),
    meetings: f(counted.meetings),
    meetingsPerFortnight:
      counted.fortnights === null ? null : f(n === 0 ? 0 : oneDecimal(counted.meetings / n / counted.fortnights)),
    stepsAgreedPercent: f(percent(counted.stepsAgreed, counted.meetings)),
    stepsPractisedPercent: f(percent(counted.stepsPractised, counted.meetings)),
    stepsLookedBackPercent: f(percent(counted.stepsLookedBack, counted.meetings)),
    rehearsals: f(counted.rehearsals),
    rehearsalsPerCycle:
      counted.cycles === null ? null : f(counted.cycles === 0 ? 0 : oneDecimal(counted.rehearsals / counted.cycles)),
    cyclesMet: f(counted.cyclesMet),
    cyclesSetAside: f(counted.cyclesSetAside),
    modelsUsed: f(counted.modelsUsed),
  };
}
