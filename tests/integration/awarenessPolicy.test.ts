/**
 * Awareness belongs to its sender: a state is bounded in size, a connection
 * sets or removes only the states of its own Yjs client ids, and the name,
 * colour and role on a cursor are the server's, never what the client wrote.
 */
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Awareness } from 'y-protocols/awareness';
import { CloseCode } from '../../shared/closeCodes.js';
import { LIMITS } from '../../shared/limits.js';
import { ROLE_COLOURS } from '../../shared/roleColours.js';
import { closeCode, collabSuite, rawSocket, synced, type CollabClient } from '../helpers/collabClient.js';
import { buildMeeting } from '../helpers/factories.js';

/** An awareness frame setting (or, with null, removing) one client id's state. */
function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1);
  encoding.writeVarUint(update, clientId);
  encoding.writeVarUint(update, clock);
  encoding.writeVarString(update, JSON.stringify(state));
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update));
  return encoding.toUint8Array(encoder);
}

/** Resolves once the socket has had a pong: everything sent before it has been handled. */
function handled(ws: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    ws.once('pong', () => resolve());
    ws.ping();
  });
}

/** Resolves with `clientId`'s state once `predicate` holds for it in `awareness`. */
function stateOf(
  awareness: Awareness,
  clientId: number,
  predicate: (state: Record<string, unknown> | undefined) => boolean = (s) => s !== undefined,
): Promise<Record<string, unknown> | undefined> {
  const current = () => awareness.getStates().get(clientId);
  if (predicate(current())) return Promise.resolve(current());
  return new Promise((resolve) => {
    const on = () => {
      if (!predicate(current())) return;
      awareness.off('change', on);
      resolve(current());
    };
    awareness.on('change', on);
  });
}

/** A fresh client that has synced and received the room's awareness as a joiner does. */
async function joiner(open: (id: string, cookie: string) => CollabClient, meetingId: string, cookie: string) {
  const client = open(meetingId, cookie);
  await synced(client);
  return client;
}

describe('awareness belongs to its sender', () => {
  const suite = collabSuite('sqlite');

  it('refuses awareness states over the size limit, and no joiner ever sees them', async () => {
    const { meeting, coach, teacher } = await buildMeeting(suite.server);
    const ws = await rawSocket(suite.server, meeting.id, coach.cookie);
    const closed = closeCode(ws);
    const big = 'x'.repeat(LIMITS.maxMessageBytes - 1024);
    let sent = 0;
    // The attack: 40 states of ~1 MiB, each under a client id of its own.
    for (let i = 0; i < 40 && ws.readyState === WebSocket.OPEN; i++) {
      ws.send(awarenessFrame(900_000 + i, 1, { name: 'x', awarenessData: { big } }));
      sent++;
      await Promise.race([handled(ws), closed]);
    }
    expect(await closed).toBe(CloseCode.MessageTooLarge);
    expect(sent).toBe(1);
    const late = await joiner(suite.open, meeting.id, teacher.cookie);
    for (let i = 0; i < 40; i++) expect(late.provider.awareness.getStates().has(900_000 + i)).toBe(false);
  });

  it('takes a state just under the limit', async () => {
    const { meeting, coach, teacher } = await buildMeeting(suite.server);
    const watcher = await joiner(suite.open, meeting.id, teacher.cookie);
    const ws = await rawSocket(suite.server, meeting.id, coach.cookie);
    const filler = 'y'.repeat(LIMITS.maxAwarenessStateBytes - 200);
    ws.send(awarenessFrame(424_242, 1, { focusing: false, awarenessData: { filler } }));
    const state = await stateOf(watcher.provider.awareness, 424_242);
    expect(state?.awarenessData).toEqual({ filler });
    ws.close();
  });

  it('shows the name, colour and role of the person who sent a state, whatever it claims', async () => {
    const { meeting, coach, teacher } = await buildMeeting(suite.server);
    const watcher = await joiner(suite.open, meeting.id, teacher.cookie);
    const sender = await joiner(suite.open, meeting.id, coach.cookie);
    sender.provider.awareness.setLocalState({
      name: teacher.user.name,
      color: ROLE_COLOURS.teacher,
      role: 'teacher',
      focusing: true,
      anchorPos: null,
      focusPos: null,
      awarenessData: {},
      injected: '<img src=x>',
    });
    const id = sender.doc.clientID;
    const state = await stateOf(watcher.provider.awareness, id, (s) => s?.focusing === true);
    expect(state).toEqual({
      name: coach.user.name,
      color: ROLE_COLOURS.coach,
      role: 'coach',
      focusing: true,
      anchorPos: null,
      focusPos: null,
      awarenessData: {},
    });
    // A joiner gets the same, from the server's copy.
    const late = await joiner(suite.open, meeting.id, teacher.cookie);
    expect(await stateOf(late.provider.awareness, id)).toEqual(state);
  });

  it("does not let a partner set or remove the other partner's state", async () => {
    const { meeting, coach, teacher } = await buildMeeting(suite.server);
    const victim = await joiner(suite.open, meeting.id, teacher.cookie);
    victim.provider.awareness.setLocalState({ focusing: false, anchorPos: null, focusPos: null });
    const victimId = victim.doc.clientID;
    const onlooker = await joiner(suite.open, meeting.id, coach.cookie);
    await stateOf(onlooker.provider.awareness, victimId);

    const ws = await rawSocket(suite.server, meeting.id, coach.cookie);
    ws.send(awarenessFrame(victimId, 1000, { name: 'Impostor', focusing: true, anchorPos: null, focusPos: null }));
    ws.send(awarenessFrame(victimId, 1001, null));
    await handled(ws);
    expect(ws.readyState).toBe(WebSocket.OPEN);

    // What the server holds, as a new joiner receives it, is still the victim's own state.
    const late = await joiner(suite.open, meeting.id, coach.cookie);
    const held = await stateOf(late.provider.awareness, victimId);
    expect(held).toMatchObject({ name: teacher.user.name, role: 'teacher', focusing: false });
    // Nothing of it reached the partner already in the room either.
    expect(onlooker.provider.awareness.getStates().get(victimId)).toMatchObject({ name: teacher.user.name });
    ws.close();
  });
});
