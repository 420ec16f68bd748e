/**
 * Everything the transports need, built once from config. No module-level
 * singletons: tests build as many of these as they like.
 */
import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import { Accounts } from './domain/accounts/accounts.js';
import { AccountSettings } from './domain/accounts/accountSettings.js';
import { AccountTokens } from './domain/accounts/accountTokens.js';
import { EmailChanges } from './domain/accounts/emailChange.js';
import { PasswordResets } from './domain/accounts/passwordReset.js';
import { Coaching } from './domain/coaching/coaching.js';
import { storedSectionReader } from './domain/meetings/meetingText.js';
import { createDomainEvents, type DomainEvents } from './domain/events.js';
import { storedDocumentPort } from './domain/history/documentPort.js';
import { History } from './domain/history/history.js';
import { Exports } from './domain/export/exports.js';
import { Invites } from './domain/partnerships/invites.js';
import { MeetingFinishing } from './domain/meetings/finishing.js';
import { Meetings } from './domain/meetings/meetings.js';
import { Partnerships } from './domain/partnerships/partnerships.js';
import { Quotas } from './domain/partnerships/quotas.js';
import { Search } from './domain/search/search.js';
import type { Logger } from './logger.js';
import { createMailer, type Mailer } from './mail/mailer.js';
import { createMailQueue, type MailQueue } from './mail/mailQueue.js';
import { openDatabase, type Database } from './storage/db.js';
import { createDocumentStore, type DocumentStore } from './storage/documentStore.js';
import type { Database as Schema } from './storage/schema.js';

export interface Services {
  config: Config;
  logger: Logger;
  database: Database;
  db: Kysely<Schema>;
  events: DomainEvents;
  accounts: Accounts;
  /** Forgotten passwords: the emailed link, and setting a new password with it. */
  passwordResets: PasswordResets;
  /** Changing your name and password. */
  accountSettings: AccountSettings;
  /** Changing your email address, confirmed by a link sent to the new one. */
  emailChanges: EmailChanges;
  invites: Invites;
  partnerships: Partnerships;
  meetings: Meetings;
  /** Finishing and reopening a meeting (its notes and facts read-only while finished). */
  finishing: MeetingFinishing;
  documents: DocumentStore;
  /** Impact Cycles, agreements, PEERS, practice, homes. */
  coaching: Coaching;
  /** Versions of meetings: list, open, compare with now, restore a section. */
  history: History;
  /** A meeting or cycle as Markdown; everything a person may see as a zip. */
  exports: Exports;
  /** Full-text search over the caller's partnerships, and the index the server keeps for it. */
  search: Search;
  /** Meetings per partnership per day, open invitations per person, stored bytes per partnership. */
  quotas: Quotas;
  /** Email: SMTP, or the development outbox without `SMTP_URL`. */
  mailer: Mailer;
  /** Mail sent after the answer (`later`); `idle()` waits for what is under way. */
  mail: MailQueue;
}

export async function buildServices(config: Config, logger: Logger): Promise<Services> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    sqlitePath: config.sqlitePath,
    sqliteSynchronous: config.sqliteSynchronous,
    onConnectionLost: (err) => logger.warn('storage', 'PostgreSQL closed an idle connection', { err }),
  });
  const events = createDomainEvents();
  const partnerships = new Partnerships(database.db);
  const quotas = new Quotas(database.db);
  const meetings = new Meetings(database.db, events, undefined, quotas);
  const documents = createDocumentStore(database, logger);
  const now = () => new Date();
  const coaching = new Coaching(
    { db: database.db, events, readSection: storedSectionReader(documents), now },
    { partnerships, meetings },
  );
  const history = new History({
    db: database.db,
    events,
    logger,
    documents: storedDocumentPort(documents, events),
    facts: async (meetingId) => {
      const facts = await coaching.snapshot(meetingId);
      return { coaching: facts, cycle: facts ? await coaching.cycleSnapshot(facts.cycleId) : null };
    },
    now,
    autoIntervalMs: config.historyAutoVersionMs,
  });
  const search = new Search({ database, documents, events, logger });
  // The index is rebuilt in the background where missing; the server answers meanwhile.
  search.start();
  const accounts = new Accounts(database.db, events);
  const tokens = new AccountTokens(database.db, now);
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, outboxDir: config.outboxDir }, logger);
  return {
    config,
    logger,
    database,
    db: database.db,
    events,
    accounts,
    passwordResets: new PasswordResets(database.db, tokens, accounts),
    accountSettings: new AccountSettings(database.db, events, accounts),
    emailChanges: new EmailChanges(database.db, tokens),
    invites: new Invites(database.db, events, undefined, quotas),
    partnerships,
    meetings,
    finishing: new MeetingFinishing(database.db, events),
    documents,
    coaching,
    history,
    exports: new Exports({ db: database.db, documents, coaching }),
    search,
    quotas,
    mailer,
    mail: createMailQueue(mailer, logger),
  };
}
