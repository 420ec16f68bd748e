/** Several processes: the settings that turn it on, and what processes tell each other, read back as written. */
import { describe, expect, it } from 'vitest';
import {
  decodeMeetingMessage,
  encodeMeetingMessage,
  type MeetingMessage,
} from '../../server/cluster/meetingMessages.js';
import { ConfigError, loadConfig } from '../../server/config.js';

const base = { NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(32) } as const;

describe('REDIS_URL', () => {
  it('is off by default, with the default prefix', () => {
    const config = loadConfig({ ...base });
    expect(config.redisUrl).toBeUndefined();
    expect(config.redisKeyPrefix).toBe('tandem:');
  });

  it('needs DATABASE_URL: processes must share one database', () => {
    expect(() => loadConfig({ ...base, REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(ConfigError);
    const config = loadConfig({
      ...base,
      REDIS_URL: 'redis://127.0.0.1:6379',
      DATABASE_URL: 'postgres://127.0.0.1/tandem',
      REDIS_KEY_PREFIX: 'school-a:',
    });
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.redisKeyPrefix).toBe('school-a:');
  });

  it('refuses what is not a Redis URL', () => {
    expect(() =>
      loadConfig({ ...base, REDIS_URL: 'http://127.0.0.1:6379', DATABASE_URL: 'postgres://127.0.0.1/tandem' }),
    ).toThrow(ConfigError);
  });
});

describe('meeting messages between processes', () => {
  const messages: MeetingMessage[] = [
    {
      kind: 'update',
      from: 'p1',
      rowId: 2 ** 40,
      update: new Uint8Array([1, 2, 3]),
      userId: 'u1',
      claims: [7, 2 ** 31],
    },
    { kind: 'awareness', from: 'p2', update: new Uint8Array([9]) },
    { kind: 'hello', from: 'p3' },
    { kind: 'catchUp', from: 'p4' },
    { kind: 'compacted', from: 'p5', bytesFreed: 12345 },
  ];
  it.each(messages)('reads back a $kind message', (message) => {
    expect(decodeMeetingMessage(encodeMeetingMessage(message))).toEqual(message);
  });

  it('throws on garbage', () => {
    expect(() => decodeMeetingMessage(new Uint8Array([200]))).toThrow();
  });
});
