/**
 * The words beside a meeting's notes (client/src/components/connectionWording.ts)
 * and the state they are computed from (client/src/collab/connectionState.ts):
 * "Saved" only when the server has stored everything typed here; offline with
 * unsent words says they are kept on this device; closed for good says why.
 */
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/closeCodes.js';
import type { ConnectionSnapshot, ConnectionStatus } from '../../client/src/collab/meetingConnection.js';
import { connectionStatusOf, type ConnectionFacts } from '../../client/src/collab/connectionState.js';
import {
  CONNECTION_TEXT,
  explainClose,
  explainDisconnected,
  saveState,
  saveText,
} from '../../client/src/components/connectionWording.js';

const snap = (status: ConnectionStatus, over: Partial<ConnectionSnapshot> = {}): ConnectionSnapshot => ({
  status,
  closeCode: null,
  loaded: true,
  saved: true,
  keptOnDevice: false,
  ...over,
});

describe('the connection state', () => {
  const facts = (over: Partial<ConnectionFacts>): ConnectionFacts => ({
    closeCode: null,
    online: true,
    connectedAndSynced: false,
    everConnected: false,
    ...over,
  });
  it.each<[string, Partial<ConnectionFacts>, ConnectionStatus]>([
    ['opening for the first time', {}, 'connecting'],
    ['open and in sync', { connectedAndSynced: true, everConnected: true }, 'live'],
    ['dropped after being live', { everConnected: true }, 'reconnecting'],
    ['the browser is offline', { online: false, everConnected: true }, 'offline'],
    ['offline before ever connecting', { online: false }, 'offline'],
    ['signed out (permanent close)', { closeCode: CloseCode.Unauthenticated, connectedAndSynced: true }, 'closed'],
    ['the meeting was finished, even offline', { closeCode: CloseCode.MeetingFinished, online: false }, 'closed'],
    [
      'a server restart is not permanent',
      { closeCode: CloseCode.ServerRestarting, everConnected: true },
      'reconnecting',
    ],
  ])('%s: %s', (_, over, status) => {
    expect(connectionStatusOf(facts(over))).toBe(status);
  });
});

describe('the status line', () => {
  it.each<[ConnectionStatus, string]>([
    ['connecting', 'Connecting…'],
    ['live', 'Live'],
    ['reconnecting', 'Reconnecting…'],
    ['offline', 'Offline'],
    ['closed', 'Disconnected'],
  ])('%s reads “%s”', (status, words) => expect(CONNECTION_TEXT[status]).toBe(words));

  it.each<[string, ConnectionSnapshot, string, ReturnType<typeof saveState>]>([
    ['opening, nothing typed yet', snap('connecting', { loaded: false }), 'Opening the notes…', 'loading'],
    ['live, everything stored', snap('live'), 'Saved', 'saved'],
    ['live, words on their way', snap('live', { saved: false }), 'Saving…', 'saving'],
    ['live, words on their way and kept here', snap('live', { saved: false, keptOnDevice: true }), 'Saving…', 'saving'],
    ['connecting with unsent words', snap('connecting', { saved: false }), 'Saving…', 'unsaved'],
    [
      'offline with unsent words kept on this device',
      snap('offline', { saved: false, keptOnDevice: true }),
      'Kept on this device',
      'kept',
    ],
    ['offline with unsent words and no copy here', snap('offline', { saved: false }), 'Not saved yet', 'unsaved'],
    ['offline with nothing unsent', snap('offline'), 'Saved', 'saved'],
    [
      'reconnecting with unsent words kept here',
      snap('reconnecting', { saved: false, keptOnDevice: true }),
      'Kept on this device',
      'kept',
    ],
    ['reconnecting with unsent words', snap('reconnecting', { saved: false }), 'Not saved yet', 'unsaved'],
    ['reconnecting, everything stored', snap('reconnecting'), 'Saved', 'saved'],
    [
      'closed with unsent words, even if kept here',
      snap('closed', { saved: false, keptOnDevice: true }),
      'Not saved',
      'unsaved',
    ],
    ['closed with everything stored', snap('closed'), 'Saved', 'saved'],
    [
      'offline, opened from this device’s copy',
      snap('offline', { loaded: true, saved: false, keptOnDevice: true }),
      'Kept on this device',
      'kept',
    ],
  ])('%s: “%s” (%s)', (_, snapshot, words, state) => {
    expect(saveText(snapshot)).toBe(words);
    expect(saveState(snapshot)).toBe(state);
  });
});

describe('what someone whose connection is down is told', () => {
  it.each<[string, ConnectionSnapshot, string | null]>([
    ['live and saved', snap('live'), null],
    ['live, saving', snap('live', { saved: false }), null],
    ['connecting with unsent words', snap('connecting', { saved: false }), null],
    ['offline, nothing unsent', snap('offline'), null],
    ['reconnecting, nothing unsent', snap('reconnecting'), null],
    [
      'offline, words kept on this device',
      snap('offline', { saved: false, keptOnDevice: true }),
      'You’re offline — your changes are kept on this device',
    ],
    [
      'offline and saved, with a copy here',
      snap('offline', { keptOnDevice: true }),
      'You’re offline — your changes are kept on this device',
    ],
    [
      'reconnecting, words kept on this device',
      snap('reconnecting', { saved: false, keptOnDevice: true }),
      'Reconnecting — your changes are kept on this device',
    ],
    ['offline, words not kept anywhere', snap('offline', { saved: false }), 'Your latest changes are not saved yet'],
    [
      'reconnecting, words not kept anywhere',
      snap('reconnecting', { saved: false }),
      'Your latest changes are not saved yet',
    ],
  ])('%s: %j', (_, snapshot, title) => {
    expect(explainDisconnected(snapshot, 'Jamie')?.title ?? null).toBe(title);
  });

  it('names the partner the words will be shared with', () => {
    expect(explainDisconnected(snap('offline', { saved: false, keptOnDevice: true }), 'Jamie')?.body).toBe(
      'Keep writing. Everything will be saved and shared with Jamie as soon as you’re back online.',
    );
    expect(explainDisconnected(snap('reconnecting', { saved: false, keptOnDevice: true }), 'Sam')?.body).toBe(
      'They will be saved and shared with Sam as soon as the connection is back.',
    );
    expect(explainDisconnected(snap('offline', { saved: false }), 'Sam')?.body).toBe(
      'Keep this page open: they will be saved as soon as the connection is back.',
    );
  });
});

describe('what someone the server will not have back is told', () => {
  const reload =
    'We have stopped syncing so nothing gets muddled. Reload the page to carry on from the last saved version.';
  it.each<[string, number | null, string, string]>([
    [
      'signed out',
      CloseCode.Unauthenticated,
      'You have been signed out',
      'Sign in again to carry on. Anything shown as saved is safe.',
    ],
    [
      'no longer a partner',
      CloseCode.Forbidden,
      'You no longer have access to this meeting',
      'Only the coach and teacher in this partnership can open these notes.',
    ],
    [
      'no such meeting',
      CloseCode.NotFound,
      'We cannot find this meeting',
      'It may have been removed, or the link may be wrong.',
    ],
    [
      'a finished meeting',
      CloseCode.MeetingFinished,
      'This meeting was finished',
      'These notes are read-only now. Anything you typed after that is kept in its history. If one of you reopens the meeting, you can carry on writing.',
    ],
    ['a change too large', CloseCode.MessageTooLarge, 'That change was too large to store', reload],
    ['a document too large', CloseCode.DocumentTooLarge, 'That change was too large to store', reload],
    ['any other permanent close', CloseCode.MalformedMessage, 'The connection was closed', reload],
    ['no code at all', null, 'The connection was closed', reload],
  ])('%s', (_, code, title, body) => {
    expect(explainClose(code)).toEqual({ title, body });
  });
});
