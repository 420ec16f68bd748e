/**
 * Which of its five states a meeting connection is in, from what it knows:
 * closed for good (a permanent close code), offline (the browser says so),
 * live (the socket is open and in sync), else reconnecting once it has been
 * connected before, connecting until then.
 */
import { isPermanentClose } from '../../../shared/closeCodes.js';
import type { ConnectionStatus } from './meetingConnection.js';

export interface ConnectionFacts {
  closeCode: number | null;
  online: boolean;
  /** The socket is open and the first sync is done. */
  connectedAndSynced: boolean;
  everConnected: boolean;
}

export function connectionStatusOf(facts: ConnectionFacts): ConnectionStatus {
  if (facts.closeCode !== null && isPermanentClose(facts.closeCode)) return 'closed';
  if (!facts.online) return 'offline';
  if (facts.connectedAndSynced) return 'live';
  return facts.everConnected ? 'reconnecting' : 'connecting';
}
