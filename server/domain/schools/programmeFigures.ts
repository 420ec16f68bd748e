/**
 * The one function that turns counted facts into the figures anyone sees, and
 * the one place the small-number rule is applied: any figure behind which
 * fewer than `SMALL_NUMBER_MINIMUM` (5) partnerships stand is given only as
 * "fewer than 5". Partners looking at their own contribution see their own
 * counts as they are (`audience: 'partners'`).
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
  /** Uses of the school's models; null until models exist and are counted (see `modelsUsed` in programmeQueries). */
  modelsUsed: number | null;
}

export type Audience = 'school' | 'partners';

const oneDecimal = (n: number) => Math.round(n * 10) / 10;
const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 100));

/** A count as a figure: shown, or "fewer than 5" when too few partnerships stand behind it. */
export function figure(value: number, partnerships: number, audience: Audience): Figure {
  if (audience === 'school' && partnerships < SMALL_NUMBER_MINIMUM) {
    return { shown: false, fewerThan: SMALL_NUMBER_MINIMUM };
  }
  return { shown: true, value };
}

/** Every figure of one group, each under the small-number rule. */
export function programmeFigures(counted: CountedGroup, audience: Audience): Figures {
  const n = counted.partnerships;
  const f = (value: number) => figure(value, n, audience);
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
    modelsUsed: counted.modelsUsed === null ? null : f(counted.modelsUsed),
  };
}
