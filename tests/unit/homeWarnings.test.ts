/**
 * The warnings on a partnership's home card (server/domain/partnerships/homeWarnings.ts),
 * the same for the coach and the teacher: coaching has gone quiet, and a step
 * carried into a meeting was never looked back on once its moment passed.
 */
import { describe, expect, it } from 'vitest';
import { QUIET_AFTER_DAYS, type HomeWarning } from '../../shared/home.js';
import { homeWarnings, stepNeverReviewed, type StepCarrier } from '../../server/domain/partnerships/homeWarnings.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-12-02T09:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

const carrier = (meetingId: string, over: boolean, reviewed: boolean): StepCarrier => ({
  meetingId,
  endedAt: over ? ago(DAY) : null,
  reviewed,
});

describe('gone quiet', () => {
  it('is flagged after more than 14 days', () => expect(QUIET_AFTER_DAYS).toBe(14));

  it.each<[string, string, string | null, HomeWarning[]]>([
    ['met yesterday', ago(40 * DAY), ago(DAY), []],
    ['met exactly 14 days ago', ago(40 * DAY), ago(14 * DAY), []],
    ['met 14 days and a minute ago', ago(40 * DAY), ago(14 * DAY + 60_000), ['quiet']],
    ['last met two months ago', ago(90 * DAY), ago(60 * DAY), ['quiet']],
    ['a new partnership that has not met yet', ago(3 * DAY), null, []],
    ['a partnership that never met in three weeks', ago(21 * DAY), null, ['quiet']],
    ['an old partnership that met today', ago(400 * DAY), ago(0), []],
  ])('%s: %j', (_, createdAt, lastMetAt, expected) => {
    expect(
      homeWarnings({
        now: NOW,
        partnershipCreatedAt: createdAt,
        latestMeeting: lastMetAt ? { id: 'latest', createdAt: lastMetAt } : null,
        carrier: null,
      }),
    ).toEqual(expected);
  });
});

describe('a step never looked back on', () => {
  it.each<[string, StepCarrier | null, boolean]>([
    ['no meeting has carried a step', null, false],
    ['carried into this meeting, which is still going on', carrier('latest', false, false), false],
    ['carried into this meeting, which has ended unanswered', carrier('latest', true, false), true],
    ['carried into this meeting and answered', carrier('latest', true, true), false],
    ['carried into an earlier meeting, a newer one started since', carrier('earlier', false, false), true],
    ['carried into an earlier meeting and answered there', carrier('earlier', true, true), false],
  ])('%s: %s', (_, carried, warned) => {
    expect(stepNeverReviewed(carried, 'latest')).toBe(warned);
    expect(
      homeWarnings({
        now: NOW,
        partnershipCreatedAt: ago(30 * DAY),
        latestMeeting: { id: 'latest', createdAt: ago(2 * DAY) },
        carrier: carried,
      }),
    ).toEqual(warned ? ['step_not_reviewed'] : []);
  });

  it('never warns before the first meeting', () => {
    expect(
      homeWarnings({
        now: NOW,
        partnershipCreatedAt: ago(DAY),
        latestMeeting: null,
        carrier: carrier('x', true, false),
      }),
    ).toEqual([]);
  });

  it('lists quiet first when both apply', () => {
    expect(
      homeWarnings({
        now: NOW,
        partnershipCreatedAt: ago(90 * DAY),
        latestMeeting: { id: 'latest', createdAt: ago(30 * DAY) },
        carrier: carrier('latest', true, false),
      }),
    ).toEqual(['quiet', 'step_not_reviewed']);
  });
});
