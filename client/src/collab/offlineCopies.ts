/**
 * Naming and forgetting this device's offline copies of meetings (see
 * offlineCopy.ts). Kept apart from y-indexeddb so that signing out, which
 * every page can do, does not pull Yjs into the first page's bundle.
 */

const PREFIX = 'tandem-meeting:';
/** Fallback list of our databases, for browsers without `indexedDB.databases()`. */
const REGISTRY_KEY = 'tandem.offlineCopies';

/** One database per person per meeting, so one person's copy is never opened under another's session. */
export function offlineCopyName(userId: string, meetingId: string): string {
  return `${PREFIX}${userId}:${meetingId}`;
}

function registered(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(REGISTRY_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((n): n is string => typeof n === 'string') : [];
  } catch {
    return [];
  }
}

/** Notes a copy's name, so sign-out can find it even without `indexedDB.databases()`. */
export function registerOfflineCopy(name: string): void {
  try {
    const names = registered();
    if (!names.includes(name)) localStorage.setItem(REGISTRY_KEY, JSON.stringify([...names, name]));
  } catch {
    // Without localStorage, indexedDB.databases() still finds the copy at sign-out.
  }
}

/**
 * Deletes every meeting copy on this device (signing out on a shared laptop).
 * Resolves once the deletions are requested; a copy still open in this tab is
 * deleted as soon as its meeting closes.
 */
export async function clearOfflineCopies(): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  const names = new Set(registered());
  try {
    for (const db of await indexedDB.databases()) {
      if (db.name?.startsWith(PREFIX)) names.add(db.name);
    }
  } catch {
    // Older browsers: the registry is all we have.
  }
  for (const name of names) indexedDB.deleteDatabase(name);
  try {
    localStorage.removeItem(REGISTRY_KEY);
  } catch {
    // Nothing more to forget.
  }
}
