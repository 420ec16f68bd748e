/**
 * Everything the transports need, built once from config. No module-level
 * singletons: tests build as many of these as they like.
 */
import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import { OidcClient } from './auth/oidcClient.js';
import { AccountLinks } from './domain/accounts/accountLinks.js';
import { Accounts } from './domain/accounts/accounts.js';
import { AccountSettings } from './domain/accounts/accountSettings.js';
import { AccountTokens } from './domain/accounts/accountTokens.js';
import { ClosureLinks } from './domain/accounts/closureLinks.js';
import { EmailChanges } from './domain/accounts/emailChange.js';
import { PasswordResets } from './domain/accounts/passwordReset.js';
import { OidcSignIn } from './domain/accounts/oidcSignIn.js';
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
import { Models } from './domain/schools/models.js';
import { ModelUses } from './domain/schools/modelUses.js';
import { Programme } from './domain/schools/programme.js';
import { SchoolLinks } from './domain/schools/schoolLinks.js';
import { Schools } from './domain/schools/schools.js';
import { Schedule } from './domain/schedule/schedule.js';
import { Search } from './domain/search/search.js';
import type { Logger } from './logger.js';
import { createMailer, type Mailer } from './mail/mailer.js';
import { createMailQueue, type MailQueue } from './mail/mailQueue.js';
import { reminderMail } from './mail/templates/reminders.js';
import { openDatabase, type Database } from './storage/db.js';
import { createDocumentStore, type DocumentStore } from './storage/documentStore.js';
import type { Database as Schema } from './storage/schema.js';
import type { RoomLinks } from './collab/room/roomLink.js';
import type { Cluster } from './cluster/cluster.js';

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
  /** Deleting an account with a link emailed to its address. */
  closureLinks: ClosureLinks;
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
  /** Several processes on one meeting (`REDIS_URL`): how rooms reach each other; undefined on a single process. */
  roomLinks?: RoomLinks;
  /** Redis between processes (`REDIS_URL`): rooms' links, socket.io's adapter, shared counters. */
  cluster?: Cluster;
  /** Schools, members and roles, invitation links, persistent problems. */
  schools: Schools;
  /** A partnership's link to a school (both partners agree), and the problem a cycle works on. */
  schoolLinks: SchoolLinks;
  /** The programme's figures (counts only) and "What the school sees". */
  programme: Programme;
  /** A school's library of models: written, improved (every revision kept), retired and brought back. */
  models: Models;
  /** A linked school's live models in a meeting, and recording that one was used. */
  modelUses: ModelUses;
  /** Signing in with the school's OpenID Connect provider; null unless `OIDC_*` is configured. */
  oidc: OidcServices | null;
  /** The next meeting of each partnership, calendar links and feeds, email reminders (and their job). */
  schedule: Schedule;
}

export interface OidcServices {
  /** The protocol: the provider's address, checking its answer. */
  client: OidcClient;
  /** What a provider sign-in does to accounts. */
  signIn: OidcSignIn;
  /** Linking a provider sign-in to an existing password account. */
  links: AccountLinks;
}

export async function buildServices(config: Config, logger: Logger): Promise<Services> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    sqlitePath: config.sqlitePath,
    sqliteSynchronous: config.sqliteSynchronous,
    onConnectionLost: (err) => logger.warn('storage', 'PostgreSQL closed an idle connection', { err }),
    onCheckpointProblem: (message) => logger.warn('storage', 'SQLite checkpoint', { message }),
  });
  // Loaded only when several processes share the meetings: a single process never imports Redis code.
  const cluster = config.redisUrl
    ? await (
        await import('./cluster/cluster.js')
      ).startCluster({ redisUrl: config.redisUrl, prefix: config.redisKeyPrefix }, database.db, logger)
    : undefined;
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
  const schedule = new Schedule(
    { db: database.db, events, logger, now },
    (delivery) => mailer.send(reminderMail(delivery)),
    { baseUrl: config.publicUrl ?? `http://localhost:${config.port}` },
  );
  let oidc: OidcServices | null = null;
  if (config.oidc) {
    const links = new AccountLinks({ db: database.db, accounts, mailer, providerName: config.oidc.displayName });
    oidc = {
      client: new OidcClient(config.oidc, logger),
      signIn: new OidcSignIn({ db: database.db, accounts, links, allowedDomains: config.oidc.allowedDomains }),
      links,
    };
  }
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
    closureLinks: new ClosureLinks(database.db, tokens, { db: database.db, events, now }),
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
    schools: new Schools({ db: database.db, now }),
    schoolLinks: new SchoolLinks({ db: database.db, now, events }),
    programme: new Programme({ db: database.db, dialect: database.dialect, now }),
    models: new Models({ db: database.db, now }),
    modelUses: new ModelUses({ db: database.db, now }),
    mailer,
    mail: createMailQueue(mailer, logger),
    oidc,
    schedule,
    ...(cluster ? { cluster, roomLinks: cluster.roomLinks } : {}),
  };
}
