/**
 * Where an action step stands. On the server (server/domain/coaching/stepRules.ts):
 * whose agreement counts, when the step is agreed, which check-back dates are
 * past. In the meeting (client/src/coaching/agreementStatus.ts): the words each
 * partner reads under the step, and whether "I agree" is theirs to press.
 */
import { describe, expect, it } from 'vitest';
import { normaliseStepText, stepHash } from '../../shared/actionStep.js';
import type { Agreement } from '../../shared/coaching.js';
import type { PartnershipRow } from '../../server/storage/schema.js';
import {
  bothAgreed,
  checkBackDateIsPast,
  latestPerPartner,
  stepAgreed,
  type AgreementRecord,
} from '../../server/domain/coaching/stepRules.js';
import { agreementStatus, type AgreementTone } from '../../client/src/coaching/agreementStatus.js';
import { formatDateTime } from '../../client/src/format.js';

const STEP = 'Use the hinge question before the practice task';
const EDITED = 'Use the hinge question after the practice task';
const DUE = '2026-12-09';

const partnership: PartnershipRow = {
  id: 'p1',
  coach_id: 'coach',
  teacher_id: 'teacher',
  created_at: '2026-09-01T08:00:00.000Z',
  closed_at: null,
};

function agreement(who: 'coach' | 'teacher', text: string, dueOn: string | null, agreedAt: string): Agreement {
  return {
    userId: who,
    name: who === 'coach' ? 'Sam' : 'Jamie',
    role: who,
    hash: stepHash(text, dueOn),
    agreedAt,
  };
}

const record = (userId: string, text: string, agreedAt: string): AgreementRecord => ({
  user_id: userId,
  name: userId,
  hash: stepHash(text, null),
  agreed_at: agreedAt,
});

describe('whose agreement counts', () => {
  it('keeps each partner’s newest agreement only (records come newest first)', () => {
    const latest = latestPerPartner(
      [
        record('teacher', EDITED, '2026-12-02T10:05:00.000Z'),
        record('coach', STEP, '2026-12-02T10:01:00.000Z'),
        record('teacher', STEP, '2026-12-02T10:00:00.000Z'),
      ],
      partnership,
    );
    expect(latest).toEqual([
      {
        userId: 'teacher',
        name: 'teacher',
        role: 'teacher',
        hash: stepHash(EDITED, null),
        agreedAt: '2026-12-02T10:05:00.000Z',
      },
      {
        userId: 'coach',
        name: 'coach',
        role: 'coach',
        hash: stepHash(STEP, null),
        agreedAt: '2026-12-02T10:01:00.000Z',
      },
    ]);
  });

  it('leaves out anyone who is not a partner (an old partner, a stranger)', () => {
    const latest = latestPerPartner(
      [record('someone-else', STEP, '2026-12-02T10:02:00.000Z'), record('coach', STEP, '2026-12-02T10:01:00.000Z')],
      partnership,
    );
    expect(latest.map((a) => a.userId)).toEqual(['coach']);
    expect(latestPerPartner([], partnership)).toEqual([]);
  });
});

describe('when the step is agreed', () => {
  const at = '2026-12-02T10:00:00.000Z';
  it.each<[string, string, string | null, Agreement[], boolean]>([
    ['nobody has agreed', STEP, null, [], false],
    ['only the coach agreed', STEP, null, [agreement('coach', STEP, null, at)], false],
    ['only the teacher agreed', STEP, null, [agreement('teacher', STEP, null, at)], false],
    [
      'both agreed to these words',
      STEP,
      null,
      [agreement('coach', STEP, null, at), agreement('teacher', STEP, null, at)],
      true,
    ],
    [
      'both agreed, then the words were edited',
      EDITED,
      null,
      [agreement('coach', STEP, null, at), agreement('teacher', STEP, null, at)],
      false,
    ],
    [
      'both agreed, then a check-back date was set',
      STEP,
      DUE,
      [agreement('coach', STEP, null, at), agreement('teacher', STEP, null, at)],
      false,
    ],
    [
      'both agreed to the words and the date',
      STEP,
      DUE,
      [agreement('coach', STEP, DUE, at), agreement('teacher', STEP, DUE, at)],
      true,
    ],
    [
      'edited, and only one agreed again',
      EDITED,
      null,
      [agreement('coach', STEP, null, at), agreement('teacher', EDITED, null, at)],
      false,
    ],
    [
      'only spacing changed since both agreed',
      `  ${STEP.replace(' ', '   ')}\n\n`,
      null,
      [agreement('coach', STEP, null, at), agreement('teacher', STEP, null, at)],
      true,
    ],
    [
      'nothing is written, though both hashes match',
      '',
      null,
      [agreement('coach', '', null, at), agreement('teacher', '', null, at)],
      false,
    ],
  ])('%s: agreed is %s', (_, written, dueOn, agreements, agreed) => {
    const text = normaliseStepText(written);
    expect(stepAgreed(text, stepHash(text, dueOn), agreements)).toBe(agreed);
  });

  it('needs one agreement from each role, not two from one', () => {
    const twoCoaches: Agreement[] = [
      agreement('coach', STEP, null, '2026-12-02T10:00:00.000Z'),
      { ...agreement('coach', STEP, null, '2026-12-02T10:01:00.000Z'), userId: 'coach-2' },
    ];
    expect(bothAgreed(twoCoaches, stepHash(STEP, null))).toBe(false);
  });
});

describe('a check-back date in the past', () => {
  // "Today" is generous: a date is past only once it is over for everyone, as far west as UTC−12.
  it.each<[string, string | null, string, boolean]>([
    ['no date', null, '2026-12-02T09:15:00.000Z', false],
    ['today (UTC)', '2026-12-02', '2026-12-02T09:15:00.000Z', false],
    ['next week', '2026-12-09', '2026-12-02T09:15:00.000Z', false],
    ['yesterday (UTC) in the morning, still today in the Americas', '2026-12-01', '2026-12-02T09:15:00.000Z', false],
    ['yesterday (UTC) at 11:59, still today in Hawaii', '2026-12-01', '2026-12-02T11:59:59.999Z', false],
    ['yesterday (UTC) from midday, past everywhere', '2026-12-01', '2026-12-02T12:00:00.000Z', true],
    [
      'a teacher in Tokyo just after their midnight: yesterday is still allowed',
      '2026-12-01',
      '2026-12-01T15:30:00.000Z',
      false,
    ],
    ['the day before yesterday', '2026-11-30', '2026-12-02T00:30:00.000Z', true],
    ['last year, across New Year', '2026-12-31', '2027-01-01T13:00:00.000Z', true],
    ['New Year’s Eve on New Year’s morning', '2026-12-31', '2027-01-01T08:00:00.000Z', false],
  ])('%s: past is %s', (_, dueOn, now, past) => {
    expect(checkBackDateIsPast(dueOn, new Date(now))).toBe(past);
  });
});

describe('what each partner reads under the step', () => {
  const early = '2026-12-02T10:00:00.000Z';
  const late = '2026-12-02T10:07:00.000Z';
  const partner = 'Jamie';
  // Read by the coach (userId 'coach'); Jamie is the teacher.
  it.each<[string, string, string | null, Agreement[], { status: string; tone: AgreementTone; iAgree: boolean }]>([
    [
      'nothing written yet',
      '',
      null,
      [],
      { status: 'Write the step together, then each of you can agree to it.', tone: 'pending', iAgree: false },
    ],
    ['written, nobody agreed', STEP, null, [], { status: 'Not agreed yet.', tone: 'pending', iAgree: false }],
    [
      'I agreed, my partner has not',
      STEP,
      null,
      [agreement('coach', STEP, null, early)],
      { status: 'You agree. Waiting for Jamie.', tone: 'pending', iAgree: true },
    ],
    [
      'my partner agreed, I have not',
      STEP,
      null,
      [agreement('teacher', STEP, null, early)],
      { status: 'Jamie agrees. Do you?', tone: 'pending', iAgree: false },
    ],
    [
      'both agreed (the later moment is shown)',
      STEP,
      DUE,
      [agreement('coach', STEP, DUE, late), agreement('teacher', STEP, DUE, early)],
      { status: `Agreed by you and Jamie (${formatDateTime(late)}).`, tone: 'agreed', iAgree: true },
    ],
    [
      'both agreed, then the words were edited',
      EDITED,
      null,
      [agreement('coach', STEP, null, early), agreement('teacher', STEP, null, early)],
      {
        status: 'Changed since you agreed. Read it again, and agree if it still stands.',
        tone: 'stale',
        iAgree: false,
      },
    ],
    [
      'both agreed, then the check-back date moved',
      STEP,
      '2026-12-16',
      [agreement('coach', STEP, DUE, early), agreement('teacher', STEP, DUE, early)],
      {
        status: 'Changed since you agreed. Read it again, and agree if it still stands.',
        tone: 'stale',
        iAgree: false,
      },
    ],
    [
      'edited, and my partner agreed again',
      EDITED,
      null,
      [agreement('coach', STEP, null, early), agreement('teacher', EDITED, null, late)],
      {
        status:
          'Changed since you agreed. Jamie agrees to it as it is now; read it again, and agree if it still stands.',
        tone: 'stale',
        iAgree: false,
      },
    ],
    [
      'edited, and I agreed again: I wait, with no button',
      EDITED,
      null,
      [agreement('coach', EDITED, null, late), agreement('teacher', STEP, null, early)],
      {
        status: 'You agree to it as it is now. Changed since Jamie agreed: waiting for them to agree again.',
        tone: 'pending',
        iAgree: true,
      },
    ],
    [
      'my partner agreed, then it was edited before I did',
      EDITED,
      null,
      [agreement('teacher', STEP, null, early)],
      { status: 'Changed since Jamie agreed. You both need to agree again.', tone: 'stale', iAgree: false },
    ],
    [
      'only spacing changed since both agreed',
      `\n${STEP}  \n`,
      null,
      [agreement('coach', STEP, null, early), agreement('teacher', STEP, null, late)],
      { status: `Agreed by you and Jamie (${formatDateTime(late)}).`, tone: 'agreed', iAgree: true },
    ],
  ])('%s', (_, stepText, dueOn, agreements, expected) => {
    const seen = agreementStatus(stepText, dueOn, agreements, 'coach', partner);
    expect({ status: seen.status, tone: seen.tone, iAgree: seen.iAgree }).toEqual(expected);
    expect(seen.hash).toBe(stepHash(stepText, dueOn));
    expect(seen.empty).toBe(normaliseStepText(stepText) === '');
  });

  it('reads the same facts the other way round for the teacher', () => {
    const agreements = [agreement('coach', STEP, null, early)];
    expect(agreementStatus(STEP, null, agreements, 'teacher', 'Sam').status).toBe('Sam agrees. Do you?');
    expect(agreementStatus(STEP, null, agreements, 'coach', 'Jamie').status).toBe('You agree. Waiting for Jamie.');
  });
});
