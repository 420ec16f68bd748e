/** The `meeting_versions` rows: written once, read newest first. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { VersionKind } from '../../../shared/history.js';
import type { Database, MeetingVersionRow } from '../../storage/schema.js';

export interface NewVersion {
  meetingId: string;
  kind: VersionKind;
  name: string | null;
  userId: string | null;
  state: Uint8Array;
  facts: string;
}

/** A version's row without its (larger) state and facts. */
export type VersionMeta = Pick<MeetingVersionRow, 'id' | 'meeting_id' | 'kind' | 'name' | 'user_id' | 'created_at'> & {
  user_name: string | null;
};

export class VersionStore {
  /** Per meeting, the last timestamp given out, so versions of one meeting never share a moment. */
  private lastAt = new Map<string, number>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date,
  ) {}

  async insert(version: NewVersion): Promise<VersionMeta> {
    const at = Math.max(this.now().getTime(), (this.lastAt.get(version.meetingId) ?? 0) + 1);
    this.lastAt.set(version.meetingId, at);
    const row = {
      id: randomUUID(),
      meeting_id: version.meetingId,
      kind: version.kind,
      name: version.name,
      user_id: version.userId,
      created_at: new Date(at).toISOString(),
      state: asBuffer(version.state),
      facts: version.facts,
    };
    await this.db.insertInto('meeting_versions').values(row).execute();
    const user = version.userId
      ? await this.db.selectFrom('users').select('name').where('id', '=', version.userId).executeTakeFirst()
      : undefined;
    return { ...row, user_name: user?.name ?? null };
  }

  /** Versions of a meeting, newest first, without their state. */
  list(meetingId: string): Promise<VersionMeta[]> {
    return this.db
      .selectFrom('meeting_versions as v')
      .leftJoin('users as u', 'u.id', 'v.user_id')
      .select(['v.id', 'v.meeting_id', 'v.kind', 'v.name', 'v.user_id', 'v.created_at', 'u.name as user_name'])
      .where('v.meeting_id', '=', meetingId)
      .orderBy('v.created_at', 'desc')
      .orderBy('v.id', 'desc')
      .execute();
  }

  /** One version of this meeting with its state, or undefined (also for another meeting's version). */
  async get(
    meetingId: string,
    versionId: string,
  ): Promise<(MeetingVersionRow & { user_name: string | null }) | undefined> {
    const row = await this.db
      .selectFrom('meeting_versions as v')
      .leftJoin('users as u', 'u.id', 'v.user_id')
      .selectAll('v')
      .select('u.name as user_name')
      .where('v.id', '=', versionId)
      .where('v.meeting_id', '=', meetingId)
      .executeTakeFirst();
    return row ? { ...row, state: toBytes(row.state) } : undefined;
  }

  /** The meeting's newest version's state and facts, to skip recording the same again. */
  async latest(meetingId: string): Promise<{ state: Uint8Array; facts: string } | undefined> {
    const row = await this.db
      .selectFrom('meeting_versions')
      .select(['state', 'facts'])
      .where('meeting_id', '=', meetingId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? { state: toBytes(row.state), facts: row.facts } : undefined;
  }
}

/** better-sqlite3 and pg return Buffers; Yjs wants plain Uint8Arrays. */
function toBytes(data: Uint8Array): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function asBuffer(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
