/** How meetings are named in lists: their number, then the date or the title a person gave. */
import { describe, expect, it } from 'vitest';
import { labelOf, meetingDate, meetingLabel } from '../../shared/meetingLabel.js';

describe('meetingLabel', () => {
  it('names a meeting by its number and the day it started (en-GB, weekday first)', () => {
    expect(meetingLabel({ number: 4, title: null, startedAt: '2026-12-01T09:30:00.000Z' })).toBe(
      'Meeting 4 · Tue 1 December 2026',
    );
  });

  it('puts a given title in place of the date', () => {
    expect(meetingLabel({ number: 2, title: 'Goal setting', startedAt: '2026-12-01T09:30:00.000Z' })).toBe(
      'Meeting 2 · Goal setting',
    );
  });

  it('treats a blank title as none', () => {
    expect(meetingLabel({ number: 1, title: '   ', startedAt: '2027-01-31T23:59:59.000Z' })).toBe(
      'Meeting 1 · Sun 31 January 2027',
    );
  });

  it('dates in UTC unless a time zone is given', () => {
    const lateEvening = '2026-12-01T23:30:00.000Z';
    expect(meetingDate(lateEvening)).toBe('Tue 1 December 2026');
    expect(meetingDate(lateEvening, { timeZone: 'Asia/Tokyo' })).toBe('Wed 2 December 2026');
  });

  it('labels an API meeting, ignoring the title the server made up from the date', () => {
    const meeting = { number: 3, createdAt: '2026-11-22T08:00:00.000Z', title: 'Meeting on 22 November 2026' };
    expect(labelOf({ ...meeting, titleGiven: false })).toBe('Meeting 3 · Sun 22 November 2026');
    expect(labelOf({ ...meeting, title: 'Observation debrief', titleGiven: true })).toBe(
      'Meeting 3 · Observation debrief',
    );
  });
});
