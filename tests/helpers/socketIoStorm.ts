/**
 * Hostile engine.io / socket.io input for the fuzz test: malformed packets, and a storm of them over raw
 * WebSockets followed by a well-formed client whose bad payloads must get clear refusals.
 */
import WebSocket from 'ws';
import { expect } from 'vitest';
import { ClientEvent } from '../../shared/events.js';
import { LIMITS } from '../../shared/limits.js';
import type { AttackServer } from './attackServer.js';
import type { Random } from './seededRandom.js';

/** Engine.io / socket.io text packets: garbage, wrong types, truncated JSON, bad acks, lies about attachments. */
export function hostileSocketIoPacket(random: Random): { packet: string | Uint8Array; oversized: boolean } {
  const events = [ClientEvent.JoinMeeting, ClientEvent.LeaveMeeting, 'step:agree', 'constructor', '__proto__'];
  const payloads = [
    '{}',
    'null',
    '123',
    '"x"',
    '[]',
    '{"meetingId":123}',
    '{"meetingId":{"$gt":""}}',
    '{"meetingId":"../../etc"}',
    `{"meetingId":"${'a'.repeat(200)}"}`,
    '{"__proto__":{"polluted":true},"meetingId":"x"}',
  ];
  const roll = random.int(100);
  if (roll < 3) {
    return {
      packet: `42["${ClientEvent.JoinMeeting}","${'x'.repeat(LIMITS.maxRealtimePacketBytes + 10)}"]`,
      oversized: true,
    };
  }
  let packet: string;
  if (roll < 35) {
    const ack = random.int(2) === 0 ? String(random.int(1e6)) : '';
    packet = `42${ack}["${random.pick(events)}",${random.pick(payloads)}]`;
  } else if (roll < 45) packet = `4${random.int(10)}${random.text(random.int(40))}`;
  else if (roll < 55) packet = `${random.int(10)}${random.text(random.int(40))}`;
  else if (roll < 62)
    packet = `45${random.int(3)}-["${ClientEvent.JoinMeeting}",{"_placeholder":true,"num":${random.int(5)}}]`;
  else if (roll < 68) packet = `40${random.pick(['{"v":1}', '{"v":2}', '{', 'null', '[]', '{"v":"1"}'])}`;
  else if (roll < 74) packet = `42${random.pick(['[]', '{}', '[null]', '[1,2]', '["x"', '"str"', '[{}]'])}`;
  else if (roll < 78) packet = `42${'9'.repeat(30)}["${ClientEvent.JoinMeeting}",{}]`;
  else if (roll < 82) packet = `4/${random.text(8)},${random.int(100)}["${ClientEvent.JoinMeeting}",{}]`;
  else if (roll < 90) return { packet: random.bytes(random.int(64)), oversized: false };
  else packet = random.text(random.int(200));
  // Mutate some of them further.
  if (random.int(4) === 0 && packet.length > 0) {
    const at = random.int(packet.length);
    packet = packet.slice(0, at) + random.text(random.int(3)) + packet.slice(at + random.int(3));
  }
  return { packet, oversized: false };
}

/**
 * Sends one frame, then a WebSocket ping. Frames are handled in order and
 * synchronously up to the decision to close, so a pong means "accepted" and a
 * close frame carries the verdict.
 */
export function sendAndSettle(ws: WebSocket, frame: Uint8Array | string): Promise<number | null> {
  return new Promise((resolve) => {
    const onPong = () => {
      ws.off('close', onClose);
      resolve(null);
    };
    const onClose = (code: number) => {
      ws.off('pong', onPong);
      resolve(code);
    };
    ws.once('pong', onPong);
    ws.once('close', onClose);
    ws.send(frame);
    ws.ping();
  });
}

/**
 * Raw engine.io WebSockets (no socket.io client to tidy things up), signed in
 * and not, sending hostile packets with a ping after each. The server may
 * close a socket for a bad packet; it must answer oversized ones with 1009,
 * and at the end it must still answer a well-formed join with bad payloads
 * with `invalid_payload` acknowledgements.
 */
export async function socketIoStorm(
  server: AttackServer,
  random: Random,
  cookie: string,
  count: number,
): Promise<{ packets: number; sockets: number }> {
  const open = (withCookie: boolean) =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`${server.wsUrl}/socket.io/?EIO=4&transport=websocket`, {
        headers: withCookie ? { cookie } : {},
      });
      // Engine.io greets with its open packet ("0{...}").
      ws.once('message', () => resolve(ws));
      ws.once('error', reject);
      ws.on('error', () => undefined);
    });
  let packets = 0;
  let sockets = 0;
  let ws: WebSocket | null = null;
  while (packets < count) {
    if (!ws) {
      ws = await open(random.int(2) === 0);
      sockets++;
      if (random.int(3) > 0) ws.send('40{"v":1}');
    }
    const { packet, oversized } = hostileSocketIoPacket(random);
    const code = await sendAndSettle(ws, packet);
    packets++;
    if (oversized) expect(code).toBe(1009);
    if (code !== null) ws = null;
  }
  ws?.close();

  // A well-formed client with bad payloads gets clear refusals, not silence or a crash.
  const client = await open(true);
  const replies: string[] = [];
  client.on('message', (data: Buffer) => replies.push(data.toString()));
  const connected = new Promise<void>((resolve) =>
    client.on('message', (data: Buffer) => data.toString().startsWith('40') && resolve()),
  );
  client.send('40{"v":1}');
  await connected;
  const bad = ['null', '123', '{"meetingId":123}', '{"meetingId":{"$gt":""}}', '"x"'];
  const acks = new Promise<void>((resolve) =>
    client.on('message', () => replies.filter((r) => r.startsWith('43')).length === bad.length && resolve()),
  );
  bad.forEach((payload, i) => client.send(`42${i}["meeting:join",${payload}]`));
  await acks;
  for (let i = 0; i < bad.length; i++) {
    const ack = replies.find((r) => r.startsWith(`43${i}[`));
    expect(ack, `ack ${i}`).toContain('"id":"invalid_payload"');
  }
  client.close();
  return { packets, sockets };
}
