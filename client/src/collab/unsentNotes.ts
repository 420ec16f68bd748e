/**
 * Which meetings hold notes on this device that the server has not stored
 * yet, per person, kept in localStorage so that it outlives the tab: signing
 * out deletes this device's copies (offlineCopies.ts), so it must ask first
 * when one of them still holds the only copy of someone's words.
 *
 * A meeting is marked while its page shows "Kept on this device" and unmarked
 * once the page is live and says "Saved". A tab closed in between leaves the
 * mark, which is right: those words are still only here.
 */

const KEY = 'tandem.unsentNotes';

export interface UnsentMeeting {
  userId: string;
  meetingId: string;
  /** The meeting's title when it was marked, to name it in the question. */
  title: string;
}

function read(): UnsentMeeting[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (m): m is UnsentMeeting =>
        typeof m === 'object' &&
        m !== null &&
        typeof (m as UnsentMeeting).userId === 'string' &&
        typeof (m as UnsentMeeting).meetingId === 'string' &&
        typeof (m as UnsentMeeting).title === 'string',
    );
  } catch {
    return [];
  }
}

function write(list: UnsentMeeting[]): void {
  try {
    if (list.length === 0) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    // Without localStorage nothing can be remembered; sign-out then cannot warn.
  }
}

export function markUnsent(entry: UnsentMeeting): void {
  const list = read().filter((m) => m.userId !== entry.userId || m.meetingId !== entry.meetingId);
  write([...list, entry]);
}

export function markSent(userId: string, meetingId: string): void {
  const list = read();
  const kept = list.filter((m) => m.userId !== userId || m.meetingId !== meetingId);
  if (kept.length !== list.length) write(kept);
}

/** Meetings with notes of this person's that only this device holds. */
export function unsentMeetings(userId: string): UnsentMeeting[] {
  return read().filter((m) => m.userId === userId);
}

/** Forgets every mark (the copies they describe are being deleted). */
export function forgetUnsent(): void {
  write([]);
}
