/** A meeting's label in the reader's own time zone (see shared/meetingLabel.ts). */
import type { Meeting } from '../../../shared/api.js';
import { labelOf } from '../../../shared/meetingLabel.js';

const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function meetingName(meeting: Pick<Meeting, 'number' | 'title' | 'titleGiven' | 'createdAt'>): string {
  return labelOf(meeting, { timeZone });
}
