/**
 * Domain events: what happened, for whichever transport wants to tell people
 * (socket.io today). The domain emits; it never imports a transport.
 */
import { EventEmitter } from 'node:events';
import type { NextMeeting } from '../../shared/schedule.js';
import type { SchoolLink } from '../../shared/schools.js';

export interface DomainEventMap {
  meetingStarted: [{ meetingId: string; partnershipId: string; startedBy: { id: string; name: string } }];
  meetingEnded: [{ meetingId: string; partnershipId: string; endedAt: string }];
  partnershipCreated: [{ partnershipId: string; userIds: [string, string] }];
  /** Yjs client ids newly attested as written by a user, in a meeting. */
  authorsClaimed: [{ meetingId: string; claims: { clientId: number; userId: string }[] }];
  /** Someone closed their account: end their live connections; these partnerships are now closed. */
  accountClosed: [{ userId: string; partnershipIds: string[] }];
  /**
   * A session ended (signed out, expired and pruned, the account closed, or any other reason a session is
   * deleted): every live socket opened with it closes. `sessionId` is the stored id (the token's hash).
   */
  sessionEnded: [{ userId: string; sessionId: string }];
  /** Someone changed the name they go by; these are their partnerships (whose partners see the name). */
  nameChanged: [{ userId: string; name: string; partnershipIds: string[] }];
  /** A cycle's facts changed (status, goal status, measure, phase, tags, the school's problem it works on). */
  cycleChanged: [{ cycleId: string; partnershipId: string }];
  /** A meeting's coaching facts changed (approach, review, PEERS, agreements, due date, practice). */
  coachingChanged: [{ meetingId: string; partnershipId: string }];
  /**
   * An update to a meeting's document is stored (emitted on the live edit path: listeners only note it
   * and do their work later, debounced). `userId` is null for the server's own edits.
   */
  documentStored: [{ meetingId: string; userId: string | null }];
  /** A person's last live connection to a meeting's document closed: their visit is over. */
  meetingLeft: [{ meetingId: string; userId: string }];
  /** A partner finished a meeting: its notes are read-only until someone reopens it. */
  meetingFinished: [{ meetingId: string; partnershipId: string; at: string; by: { id: string; name: string } }];
  /** A partner reopened a finished meeting for editing. */
  meetingReopened: [{ meetingId: string; partnershipId: string; at: string; by: { id: string; name: string } }];
  /** Both partners now agree to the same action step (text and check-back date). */
  stepAgreed: [{ meetingId: string; partnershipId: string; at: string }];
  /**
   * An edit reached a meeting after it was finished (typed offline before that): it is not applied to
   * the notes but kept, so that nothing anyone wrote is lost.
   */
  finishedMeetingEditKept: [{ meetingId: string; userId: string; update: Uint8Array }];
  /** A partner scheduled, moved or cleared the partnership's next meeting. */
  nextMeetingChanged: [{ partnershipId: string; nextMeeting: NextMeeting | null }];
  /** A partnership's link to a school changed (asked, agreed, withdrawn, unlinked); `link` is how it stands now. */
  schoolLinkChanged: [{ partnershipId: string; userIds: [string, string]; link: SchoolLink | null }];
}

export type DomainEvents = EventEmitter<DomainEventMap>;

export function createDomainEvents(): DomainEvents {
  return new EventEmitter<DomainEventMap>();
}
