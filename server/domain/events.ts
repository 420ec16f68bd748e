/**
 * Domain events: what happened, for whichever transport wants to tell people
 * (socket.io today). The domain emits; it never imports a transport.
 */
import { EventEmitter } from 'node:events';

export interface DomainEventMap {
  meetingStarted: [{ meetingId: string; partnershipId: string; startedBy: { id: string; name: string } }];
  meetingEnded: [{ meetingId: string; partnershipId: string; endedAt: string }];
  partnershipCreated: [{ partnershipId: string; userIds: [string, string] }];
  /** Yjs client ids newly attested as written by a user, in a meeting. */
  authorsClaimed: [{ meetingId: string; claims: { clientId: number; userId: string }[] }];
  /** Someone closed their account: end their live connections; these partnerships are now closed. */
  accountClosed: [{ userId: string; partnershipIds: string[] }];
  /** A cycle's facts changed (status, goal status, measure, phase, tags). */
  cycleChanged: [{ cycleId: string; partnershipId: string }];
  /** A meeting's coaching facts changed (approach, review, PEERS, agreements, due date, practice). */
  coachingChanged: [{ meetingId: string; partnershipId: string }];
}

export type DomainEvents = EventEmitter<DomainEventMap>;

export function createDomainEvents(): DomainEvents {
  return new EventEmitter<DomainEventMap>();
}
