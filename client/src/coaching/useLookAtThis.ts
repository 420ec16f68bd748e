/**
 * "Look at this": ask the partner to look at a section, and hear when they ask
 * us. The server names who is asking.
 */
import { useCallback, useState } from 'react';
import { CycleClientEvent, CycleServerEvent, type LookAtThis } from '../../../shared/cycleEvents.js';
import type { SectionId } from '../../../shared/sections.js';
import { useSocket } from '../realtime/socket.js';
import { useServerEvent } from '../realtime/useServerEvent.js';

export function useLookAtThis(meetingId: string) {
  const socket = useSocket();
  const [request, setRequest] = useState<LookAtThis | null>(null);
  const [awayIn, setAwayIn] = useState<SectionId | null>(null);
  useServerEvent(CycleServerEvent.LookAtThis, (event) => {
    if (event.meetingId === meetingId) setRequest(event);
  });
  /** Asks the partner when they are here; otherwise remembers where we asked, to say they are away. */
  const ask = useCallback(
    (sectionId: SectionId, partnerHere: boolean) => {
      if (!partnerHere) {
        setAwayIn(sectionId);
        return;
      }
      setAwayIn(null);
      socket?.emit(CycleClientEvent.LookAtThis, { meetingId, sectionId }, () => undefined);
    },
    [socket, meetingId],
  );
  return { request, dismiss: () => setRequest(null), ask, awayIn };
}

/** Brings a section into view and puts the caret in it. */
export function goToSection(sectionId: SectionId): void {
  const section = document.querySelector<HTMLElement>(`[data-section="${sectionId}"]`);
  if (!section) return;
  section.scrollIntoView({ behavior: 'smooth', block: 'start' });
  section.querySelector<HTMLElement>('[contenteditable="true"]')?.focus({ preventScroll: true });
}
