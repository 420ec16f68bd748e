/**
 * Rooms of one meeting on several processes, kept in step. A process stores an update in PostgreSQL,
 * then publishes it with its row id on the meeting's Redis channel; the others apply it and relay it
 * to their own connections. PostgreSQL is the truth: whenever a process may have missed a message (a
 * Redis connection came back, another process says its publish may have failed, an update here waits
 * for something it builds on, or simply every few seconds) it reads the meeting's rows after the last
 * one it has read and applies those it has not seen. Applying an update twice changes nothing, and the
 * room relays only what an update adds, so reading a row that also came over Redis costs nothing.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { LinkedRoom, RoomLink, RoomLinks } from '../collab/room/roomLink.js';
import type { Logger } from '../logger.js';
import type { Database as Schema } from '../storage/schema.js';
import { decodeMeetingMessage, encodeMeetingMessage, type MeetingMessage } from './meetingMessages.js';
import type { RedisBus } from './redisBus.js';

/** How often every linked room reads the log anyway (a safety net for messages lost on the way). */
const CATCH_UP_EVERY_MS = 5_000;
/** ...and while Redis is down, when the log is the only way partners on other processes see each other. */
const CATCH_UP_DEGRADED_MS = 500;
/**
 * Row ids come from a sequence when the row is written, not when its transaction commits: a row
 * numbered 101 can become visible after row 102. So a read's last row becomes the floor of later
 * reads only this long after it was read; until then they read the rows above the older floor again
 * (those already applied are skipped by id), and a late row is found.
 */
const LATE_COMMIT_MS = 10_000;

export interface RoomSync {
  links: RoomLinks;
  /** This process's id on the channels. */
  readonly processId: string;
  close(): void;
}

export function createRoomSync(bus: RedisBus, db: Kysely<Schema>, logger: Logger): RoomSync {
  const processId = randomUUID();
  const open = new Set<MeetingLink>();
  let ticks = 0;
  const timer = setInterval(() => {
    ticks++;
    const due = !bus.healthy || (ticks * CATCH_UP_DEGRADED_MS) % CATCH_UP_EVERY_MS === 0;
    if (due) for (const link of open) link.catchUp();
  }, CATCH_UP_DEGRADED_MS).unref();
  const stopWatching = bus.onReconnect(() => {
    for (const link of open) {
      link.catchUp();
      // What this process published while its connection was down is lost: tell the others to read the log.
      link.send({ kind: 'catchUp', from: processId });
    }
  });

  class MeetingLink implements RoomLink {
    private readonly channel: string;
    /** Reads of the log ask for rows above this one; -1 until the room has loaded. */
    private floor = -1;
    /** The last row each recent read found, and when: the floor catches up with them (`LATE_COMMIT_MS`). */
    private readonly marks: { at: number; last: number }[] = [];
    /** Rows after `floor` already applied (or stored here). */
    private seen = new Set<number>();
    private early: Extract<MeetingMessage, { kind: 'update' }>[] = [];
    private reading: Promise<void> | null = null;
    private readAgain = false;
    private closed = false;

    constructor(private readonly room: LinkedRoom) {
      this.channel = bus.channel(`meeting:${room.meetingId}`);
      open.add(this);
      void bus
        .subscribe(this.channel, (data) => this.receive(data))
        .then(() => {
          if (!this.closed) this.send({ kind: 'hello', from: processId });
        });
    }

    send(message: MeetingMessage): void {
      bus.publish(this.channel, encodeMeetingMessage(message));
    }

    private receive(data: Buffer): void {
      if (this.closed) return;
      let message: MeetingMessage;
      try {
        message = decodeMeetingMessage(data);
      } catch (err) {
        logger.warn('cluster', 'unreadable message on a meeting channel', { meetingId: this.room.meetingId, err });
        return;
      }
      if (message.from === processId) return;
      switch (message.kind) {
        case 'update':
          if (this.floor < 0) this.early.push(message);
          else this.applyUpdate(message);
          return;
        case 'awareness':
          this.room.applyRemoteAwareness(message.update);
          return;
        case 'hello': {
          const states = this.room.localAwareness();
          if (states) this.send({ kind: 'awareness', from: processId, update: states });
          return;
        }
        case 'catchUp':
          this.catchUp();
          return;
        case 'compacted':
          this.room.remoteCompacted({ before: 0, after: 0, bytesFreed: message.bytesFreed });
          return;
      }
    }

    private applyUpdate(message: Extract<MeetingMessage, { kind: 'update' }>): void {
      // A row at or below the floor was most likely read already, but it may have committed late: applying
      // it again adds nothing, while skipping it could lose it.
      if (this.seen.has(message.rowId)) return;
      if (message.rowId > this.floor) this.seen.add(message.rowId);
      this.room.applyRemote(message.update, new Map(message.claims.map((client) => [client, message.userId])));
    }

    loaded(lastId: number): void {
      this.floor = lastId;
      // Published while the log was being read: applying one the log already held changes nothing.
      for (const message of this.early.splice(0)) {
        if (!this.seen.has(message.rowId)) {
          this.seen.add(message.rowId);
          this.room.applyRemote(message.update, new Map(message.claims.map((c) => [c, message.userId])));
        }
      }
    }

    stored(rowId: number, update: Uint8Array, userId: string | null, claims: readonly number[]): void {
      this.seen.add(rowId);
      this.send({ kind: 'update', from: processId, rowId, update, userId: userId ?? '', claims: [...claims] });
    }

    awareness(update: Uint8Array): void {
      this.send({ kind: 'awareness', from: processId, update });
    }

    missing(): void {
      this.catchUp();
    }

    compacted({ bytesFreed }: { bytesFreed: number }): void {
      this.send({ kind: 'compacted', from: processId, bytesFreed });
    }

    /** Reads rows after the last one read and applies those not seen; one read at a time, again if asked meanwhile. */
    catchUp(): void {
      if (this.closed || this.floor < 0) return;
      if (this.reading) {
        this.readAgain = true;
        return;
      }
      this.reading = this.read()
        .catch((err: unknown) =>
          logger.warn('cluster', 'could not read the log', { meetingId: this.room.meetingId, err }),
        )
        .finally(() => {
          this.reading = null;
          if (this.readAgain) {
            this.readAgain = false;
            this.catchUp();
          }
        });
    }

    private async read(): Promise<void> {
      const meetingId = this.room.meetingId;
      const rows = await db
        .selectFrom('doc_updates')
        .select(['id', 'data'])
        .where('meeting_id', '=', meetingId)
        .where('id', '>', this.floor)
        .orderBy('id')
        .execute();
      if (this.closed) return;
      const fresh = rows.filter((row) => !this.seen.has(Number(row.id)));
      if (fresh.length > 0) {
        const clients = await db
          .selectFrom('doc_clients')
          .select(['client_id', 'user_id'])
          .where('meeting_id', '=', meetingId)
          .execute();
        if (this.closed) return;
        const owners = new Map(clients.map((c) => [Number(c.client_id), c.user_id]));
        for (const row of fresh) {
          this.room.applyRemote(new Uint8Array(row.data), owners);
        }
        logger.debug('cluster', 'caught up from the log', { meetingId, rows: fresh.length });
      }
      for (const row of rows) this.seen.add(Number(row.id));
      // Everything up to the last row read is in the room now, but a row numbered below it may still commit:
      // the floor moves up to a read's last row only once that read is old enough.
      const now = Date.now();
      if (rows.length > 0) this.marks.push({ at: now, last: Number(rows.at(-1)?.id) });
      while (this.marks.length > 0 && (this.marks[0]?.at ?? now) <= now - LATE_COMMIT_MS) {
        this.floor = Math.max(this.floor, this.marks.shift()?.last ?? this.floor);
      }
      for (const id of this.seen) if (id <= this.floor) this.seen.delete(id);
    }

    close(): void {
      this.closed = true;
      open.delete(this);
      bus.unsubscribe(this.channel);
    }
  }

  return {
    processId,
    links: (room) => new MeetingLink(room),
    close() {
      clearInterval(timer);
      stopWatching();
      for (const link of open) link.close();
    },
  };
}
