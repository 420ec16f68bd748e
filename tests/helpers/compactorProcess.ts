/**
 * Child process for the compaction crash test: opens the server's SQLite file
 * and compacts one meeting's log over and over with the server's own
 * `DocumentStore.compact`, telling its parent when each round begins and ends,
 * until it is killed.
 *
 * Usage: node --import tsx compactorProcess.ts <sqlitePath> <meetingId> [pauseMs between rounds]
 */
import { createLogger } from '../../server/logger.js';
import { openDatabase } from '../../server/storage/db.js';
import { createDocumentStore } from '../../server/storage/documentStore.js';

const [sqlitePath, meetingId, pause = '20'] = process.argv.slice(2);
if (!sqlitePath || !meetingId) throw new Error('usage: compactorProcess.ts <sqlitePath> <meetingId> [pauseMs]');
const pauseMs = Number(pause);

const database = await openDatabase({ sqlitePath });
const store = createDocumentStore(database, createLogger('warn', false));
process.on('disconnect', () => process.exit(0));

for (let round = 1; ; round++) {
  process.send?.({ kind: 'begin', round });
  const started = performance.now();
  const { before, after } = await store.compact(meetingId);
  process.send?.({ kind: 'end', round, before, after, ms: performance.now() - started });
  // Let some edits arrive, so that every round has a log to compact.
  await new Promise<void>((resolve) => setTimeout(resolve, pauseMs));
}
