/** What the benches share: the server in a child process, meetings made over HTTP, keystroke frames. */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';

export type Usage = { kind: 'usage'; cpuMicros: number; rss: number; live: number; rooms: number };

export function waitMessage<T>(child: ChildProcess, kind: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: { kind: string }) => {
      if (m.kind !== kind) return;
      child.off('message', on);
      resolve(m as T);
    };
    child.on('message', on);
  });
}

export async function request(
  base: string,
  route: string,
  body: unknown,
  cookie?: string,
): Promise<{ json: unknown; cookie: string }> {
  const res = await fetch(base + route, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${route}: ${res.status} ${await res.text()}`);
  const set = res.headers.get('set-cookie');
  return { json: await res.json(), cookie: set ? set.split(';')[0]! : (cookie ?? '') };
}

export async function makeMeeting(
  base: string,
  i: number,
): Promise<{ meetingId: string; coach: string; teacher: string }> {
  const password = 'a long enough password';
  const coach = await request(base, '/api/auth/signup', {
    name: `Coach ${i}`,
    email: `c${i}-${Date.now()}@bench.test`,
    password,
  });
  const teacher = await request(base, '/api/auth/signup', {
    name: `Teacher ${i}`,
    email: `t${i}-${Date.now()}@bench.test`,
    password,
  });
  const invite = (await request(base, '/api/invites', { role: 'coach' }, coach.cookie)).json as { token: string };
  const accepted = (await request(base, `/api/invites/${invite.token}/accept`, {}, teacher.cookie)).json as {
    partnership: { id: string };
  };
  const meeting = (await request(base, `/api/partnerships/${accepted.partnership.id}/meetings`, {}, coach.cookie))
    .json as {
    meeting: { id: string };
  };
  return { meetingId: meeting.meeting.id, coach: coach.cookie, teacher: teacher.cookie };
}

export function open(wsBase: string, meetingId: string, cookie: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${wsBase}/collab/${meetingId}`, { headers: { cookie } });
    ws.binaryType = 'nodebuffer';
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Keystroke updates as a real client would produce them: one character appended per update. */
export function keystrokeFrames(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const text = doc.get('currentReality', Y.XmlText);
  const frames: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, update);
    frames.push(encoding.toUint8Array(e));
  });
  for (let i = 0; i < count; i++) text.insert(text.length, 'abcdefghij'[i % 10]!);
  return frames;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Starts `serverProcess.ts` in a child with extra environment; resolves once it listens. */
export async function startServer(env: Record<string, string>): Promise<{
  child: ChildProcess;
  port: number;
  usage: () => Promise<Usage>;
}> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const child = fork(path.join(here, 'serverProcess.ts'), {
    execArgv: [
      '--import',
      'tsx',
      '--expose-gc',
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=.tmp/profile'] : []),
    ],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { port } = await waitMessage<{ port: number }>(child, 'ready');
  const usage = async () => {
    child.send('usage');
    return waitMessage<Usage>(child, 'usage');
  };
  return { child, port, usage };
}
