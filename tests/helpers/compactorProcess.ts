/**
 * Child process for the compaction crash test: opens the server's SQLite file
 * and compacts one meeting's log over and over with the server's own
 * `DocumentStore.compact`, telling its parent when each round begins and ends,
 * until it is killed.
 *
 * With `dieInRound` it kills itself (SIGKILL) inside that round's transaction,
 * right after the old rows are deleted or the compacted row is inserted, so a
 * kill mid-compaction does not depend on timing. It does so through a TEMP
 * trigger, which only this process's connection has: the server's own writes
 * never fire it.
 *
 * Usage: node --import tsx compactorProcess.ts <sqlitePath> <meetingId> [pauseMs] [dieInRound] [delete|insert]
 */
import { createLogger } from '../../server/logger.js';
import { openDatabase } from '../../server/storage/db.js';
import { createDocumentStore } from '../../server/storage/documentStore.js';

const [sqlitePath, meetingId, pause = '20', dieIn = '0', dieAfter = 'insert'] = process.argv.slice(2);
if (!sqlitePath || !meetingId) {
  throw new Error('usage: compactorProcess.ts <sqlitePath> <meetingId> [pauseMs] [dieInRound] [delete|insert]');
}
const pauseMs = Number(pause);
const dieInRound = Number(dieIn);
if (dieAfter !== 'delete' && dieAfter !== 'insert')
  throw new Error(`dieAfter must be delete or insert, not ${dieAfter}`);

const database = await openDatabase({ sqlitePath });
const sqlite = database.sqlite;
if (!sqlite) throw new Error('the compactor runs on SQLite');
sqlite.function('die_now', () => process.kill(process.pid, 'SIGKILL'));
const store = createDocumentStore(database, createLogger('warn', false));
process.on('disconnect', () => process.exit(0));

for (let round = 1; ; round++) {
  if (round === dieInRound) {
    sqlite.exec(
      `create temp trigger die_mid_compaction after ${dieAfter} on main.doc_updates begin select die_now(); end`,
    );
  }
  process.send?.({ kind: 'begin', round });
  const started = performance.now();
  const { before, after } = await store.compact(meetingId);
  process.send?.({ kind: 'end', round, before, after, ms: performance.now() - started });
  // Let some edits arrive, so that every round has a log to compact.
  await new Promise<void>((resolve) => setTimeout(resolve, pauseMs));
}
