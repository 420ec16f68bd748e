/**
 * A meeting's history for its two partners: the versions the server recorded,
 * one version as it was, how it compares with now, and bringing a section of
 * it back as a new, ordinary edit by the person restoring.
 */
import * as Y from 'yjs';
import type { Kysely } from 'kysely';
import type { Author } from '../../../shared/authorship.js';
import type {
  CompareResponse,
  RestoreResponse,
  VersionFacts,
  VersionListResponse,
  VersionResponse,
} from '../../../shared/history.js';
import type { SectionId } from '../../../shared/sections.js';
import { errors } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Database, MeetingRow } from '../../storage/schema.js';
import { meetingAccess, roleIn, type MeetingAccess } from '../access.js';
import type { DomainEvents } from '../events.js';
import { AutomaticVersions } from './automatic.js';
import type { MeetingDocumentPort } from './documentPort.js';
import { loadDoc, VersionRecorder, type FactsReader } from './recorder.js';
import { replaceSection } from './sectionCopy.js';
import { versionNames } from './versionNames.js';
import { VersionStore } from './versionStore.js';
import { compareSections, freshClientId, versionSections, versionSummary } from './versionView.js';

/** Five minutes of editing per automatic version. */
export const AUTO_VERSION_INTERVAL_MS = 5 * 60 * 1000;

export interface HistoryDeps {
  db: Kysely<Database>;
  events: DomainEvents;
  logger: Logger;
  /** The document port used until a live one is plugged in (`useDocuments`). */
  documents: MeetingDocumentPort;
  facts: FactsReader;
  now: () => Date;
  /** Defaults to `AUTO_VERSION_INTERVAL_MS`. */
  autoIntervalMs?: number;
}

/**
 * The one check of "finished" (read-only until reopened): true when the
 * meeting row carries a `finished_at`. Kept to this single place so the
 * finishing work can own it.
 */
export function isFinished(meeting: MeetingRow): boolean {
  return 'finished_at' in meeting && meeting.finished_at !== null && meeting.finished_at !== undefined;
}

export class History {
  /** Automatic and event-driven recording; `recordDue(at)` lets tests move time on. */
  readonly automatic: AutomaticVersions;
  private readonly store: VersionStore;
  private readonly recorder: VersionRecorder;
  private documents: MeetingDocumentPort;

  constructor(private readonly deps: HistoryDeps) {
    this.documents = deps.documents;
    this.store = new VersionStore(deps.db, deps.now);
    this.recorder = new VersionRecorder(this.store, () => this.documents, deps.facts);
    this.automatic = new AutomaticVersions(deps.events, deps.db, this.recorder, deps.logger, {
      intervalMs: deps.autoIntervalMs ?? AUTO_VERSION_INTERVAL_MS,
      now: deps.now,
    });
    this.automatic.start();
  }

  /** Plugs in the document port of the live collaboration server (reads and edits through open rooms). */
  useDocuments(port: MeetingDocumentPort): void {
    this.documents = port;
  }

  /** The meeting's versions, newest first. Partners only (404 `not_found` otherwise). */
  async list(userId: string, meetingId: string): Promise<VersionListResponse> {
    await this.requireMeeting(userId, meetingId);
    return { versions: (await this.store.list(meetingId)).map(versionSummary) };
  }

  /** One version: its sections with authorship, the facts as they stood and its Yjs state (404 `version_not_found`). */
  async get(userId: string, meetingId: string, versionId: string): Promise<VersionResponse> {
    const access = await this.requireMeeting(userId, meetingId);
    const row = await this.requireVersion(meetingId, versionId);
    return {
      version: versionSummary(row),
      sections: versionSections(row.state),
      authors: await this.authors(access),
      facts: JSON.parse(row.facts) as VersionFacts,
      state: Buffer.from(row.state).toString('base64'),
    };
  }

  /** Per section, the words added and removed between the version and now. */
  async compare(userId: string, meetingId: string, versionId: string): Promise<CompareResponse> {
    await this.requireMeeting(userId, meetingId);
    const row = await this.requireVersion(meetingId, versionId);
    const now = await this.documents.state(meetingId);
    return { version: versionSummary(row), sections: compareSections(row.state, now) };
  }

  /**
   * Brings a section of a version back as a new edit by `userId`, made with a
   * fresh Yjs client id attested as theirs, then records a `restored` version.
   * 409 `meeting_finished` while the meeting is finished.
   */
  async restoreSection(
    userId: string,
    meetingId: string,
    versionId: string,
    section: SectionId,
  ): Promise<RestoreResponse> {
    const access = await this.requireMeeting(userId, meetingId);
    if (isFinished(access.meeting)) {
      throw errors.conflict('meeting_finished', 'This meeting is finished. Reopen it to edit.');
    }
    const row = await this.requireVersion(meetingId, versionId);
    const update = await this.restoreUpdate(meetingId, row.state, section);
    await this.documents.edit(meetingId, update.data, userId, [update.clientId]);
    const user = await this.deps.db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst();
    const version = await this.recorder.record(meetingId, {
      kind: 'restored',
      name: versionNames.restored(section, row.created_at, user?.name ?? 'Someone'),
      userId,
    });
    if (!version) throw new Error('a restored version is never skipped');
    return { version: versionSummary(version) };
  }

  /** Records every pending automatic version and waits for recordings under way (on server stop). */
  async close(): Promise<void> {
    this.automatic.stop();
    await this.automatic.flush();
  }

  /** The Yjs update that replaces the section now by the version's, written with a fresh client id. */
  private async restoreUpdate(
    meetingId: string,
    versionState: Uint8Array,
    section: SectionId,
  ): Promise<{ data: Uint8Array; clientId: number }> {
    const now = loadDoc(await this.documents.state(meetingId));
    const then = loadDoc(versionState);
    try {
      const claimed = await this.deps.db
        .selectFrom('doc_clients')
        .select('client_id')
        .where('meeting_id', '=', meetingId)
        .execute();
      const clientId = freshClientId(now, new Set(claimed.map((c) => Number(c.client_id))));
      now.clientID = clientId;
      const updates: Uint8Array[] = [];
      now.on('update', (u: Uint8Array) => updates.push(u));
      replaceSection(now, then, section);
      return { data: Y.mergeUpdates(updates), clientId };
    } finally {
      now.destroy();
      then.destroy();
    }
  }

  private async requireMeeting(userId: string, meetingId: string): Promise<MeetingAccess> {
    const access = await meetingAccess(this.deps.db, userId, meetingId);
    if (!access) throw errors.notFound('That meeting');
    return access;
  }

  private async requireVersion(meetingId: string, versionId: string) {
    const row = await this.store.get(meetingId, versionId);
    if (!row) throw errors.versionNotFound();
    return row;
  }

  private async authors(access: MeetingAccess): Promise<Author[]> {
    const rows = await this.deps.db
      .selectFrom('doc_clients')
      .select(['client_id', 'user_id'])
      .where('meeting_id', '=', access.meeting.id)
      .orderBy('created_at')
      .execute();
    return rows.flatMap((r) => {
      const role = roleIn(access.partnership, r.user_id);
      return role ? [{ clientId: Number(r.client_id), userId: r.user_id, role }] : [];
    });
  }
}
