/**
 * Everything the transports need, built once from config. No module-level
 * singletons: tests build as many of these as they like.
 */
import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import { Accounts } from './domain/accounts.js';
import { createDomainEvents, type DomainEvents } from './domain/events.js';
import { Invites } from './domain/invites.js';
import { Meetings } from './domain/meetings.js';
import { Partnerships } from './domain/partnerships.js';
import type { Logger } from './logger.js';
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
  invites: Invites;
  partnerships: Partnerships;
  meetings: Meetings;
  documents: DocumentStore;
}

export async function buildServices(config: Config, logger: Logger): Promise<Services> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    sqlitePath: config.sqlitePath,
    sqliteSynchronous: config.sqliteSynchronous,
  });
  const events = createDomainEvents();
  return {
    config,
    logger,
    database,
    db: database.db,
    events,
    accounts: new Accounts(database.db),
    invites: new Invites(database.db, events),
    partnerships: new Partnerships(database.db),
    meetings: new Meetings(database.db, events),
    documents: createDocumentStore(database, logger),
  };
}
