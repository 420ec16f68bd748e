/**
 * The words beside a meeting's notes, from the connection snapshot alone: is
 * the live connection up, is what I typed stored on the server ("Saved" means
 * only that; a change kept in this device's offline copy says so instead), and
 * what to tell someone whose connection is down or closed for good.
 */
import { CloseCode } from '../../../shared/closeCodes.js';
import type { ConnectionSnapshot } from '../collab/meetingConnection.js';

export const CONNECTION_TEXT: Record<ConnectionSnapshot['status'], string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  closed: 'Disconnected',
};

export function saveText(snapshot: ConnectionSnapshot): string {
  if (!snapshot.loaded && snapshot.saved) return 'Opening the notes…';
  if (snapshot.saved) return 'Saved';
  if (snapshot.status === 'live' || snapshot.status === 'connecting') return 'Saving…';
  if (snapshot.status === 'closed') return 'Not saved';
  if (snapshot.keptOnDevice) return 'Kept on this device';
  return 'Not saved yet';
}

/** The save line's look: loading, saved, saving, kept (on this device) or unsaved. */
export function saveState(snapshot: ConnectionSnapshot): 'loading' | 'saved' | 'saving' | 'kept' | 'unsaved' {
  return snapshot.saved
    ? snapshot.loaded
      ? 'saved'
      : 'loading'
    : snapshot.status === 'live'
      ? 'saving'
      : snapshot.keptOnDevice && snapshot.status !== 'closed'
        ? 'kept'
        : 'unsaved';
}

/**
 * What to tell someone whose connection is down, or null when all is well.
 * The offline copy means nothing typed is lost; the copy says so warmly.
 */
export function explainDisconnected(
  snapshot: ConnectionSnapshot,
  partnerName: string,
): { title: string; body: string } | null {
  if (snapshot.status === 'offline' && snapshot.keptOnDevice) {
    return {
      title: 'You’re offline — your changes are kept on this device',
      body: `Keep writing. Everything will be saved and shared with ${partnerName} as soon as you’re back online.`,
    };
  }
  if (snapshot.saved || (snapshot.status !== 'offline' && snapshot.status !== 'reconnecting')) return null;
  if (snapshot.keptOnDevice) {
    return {
      title: 'Reconnecting — your changes are kept on this device',
      body: `They will be saved and shared with ${partnerName} as soon as the connection is back.`,
    };
  }
  return {
    title: 'Your latest changes are not saved yet',
    body: 'Keep this page open: they will be saved as soon as the connection is back.',
  };
}

/** What to tell someone when the server will not have them back, by close code. */
export function explainClose(code: number | null): { title: string; body: string } {
  switch (code) {
    case CloseCode.Unauthenticated:
      return {
        title: 'You have been signed out',
        body: 'Sign in again to carry on. Anything shown as saved is safe.',
      };
    case CloseCode.Forbidden:
      return {
        title: 'You no longer have access to this meeting',
        body: 'Only the coach and teacher in this partnership can open these notes.',
      };
    case CloseCode.NotFound:
      return {
        title: 'We cannot find this meeting',
        body: 'It may have been removed, or the link may be wrong.',
      };
    case CloseCode.MeetingFinished:
      return {
        title: 'This meeting was finished',
        body: 'These notes are read-only now. Anything you typed after that is kept in its history. If one of you reopens the meeting, you can carry on writing.',
      };
    case CloseCode.MessageTooLarge:
    case CloseCode.DocumentTooLarge:
      return {
        title: 'That change was too large to store',
        body: 'We have stopped syncing so nothing gets muddled. Reload the page to carry on from the last saved version.',
      };
    default:
      return {
        title: 'The connection was closed',
        body: 'We have stopped syncing so nothing gets muddled. Reload the page to carry on from the last saved version.',
      };
  }
}
