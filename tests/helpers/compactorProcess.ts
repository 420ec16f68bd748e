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
 * never fire it. That round begins only once the log holds at least two rows
 * (a shorter log is left as it is, and nothing would fire), and only once the
 * parent has been told it began: the kill comes in the same tick, and an IPC
 * message still queued then would be lost with the process.
 *
 * Usage: node --import tsx compactorProcess.ts <sqlitePath> <meetingId> [pauseMs] [dieInRound] [delete|insert]
 */
import { createLogger } from '../../server/logger.js';
import { openDatabase } from '../../server/storage/db.js';
import { createDocumentStore } from '../../server/storage/documentStore.js';

const [sqlitePath, meetingIdArg, pause = '20', dieIn = '0', dieAfter = 'insert'] = process.argv.slice(2);
if (!sqlitePath || !meetingIdArg) {
  throw new Error('usage: compactorProcess.ts <sqlitePath> <meetingId> [pauseMs] [dieInRound] [delete|insert]');
}
const meetingId: string = meetingIdArg;
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

const countRows = sqlite.prepare<[string], { n: number }>('select count(*) as n from doc_updates where meeting_id = ?');

/** Resolves once the parent has the message (IPC writes are asynchronous). */
function tell(message: Record<string, unknown>): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) return reject(new Error('the compactor runs as a forked child'));
    process.send(message, undefined, {}, (err) => (err ? reject(err) : resolve()));
  });
}

/** The partners' edits arrive through another process; look again until the log has something to compact. */
async function logToCompact(): Promise<void> {
  for (let i = 0; (countRows.get(meetingId)?.n ?? 0) < 2; i++) {
    if (i > 6000) throw new Error('no edits reached the log for a minute');
    await new Promise<void>((resolve) => setTimeout(resolve, 10));
  }
}

for (let round = 1; ; round++) {
  if (round === dieInRound) {
    await logToCompact();
    sqlite.exec(
      `create temp trigger die_mid_compaction after ${dieAfter} on main.doc_updates begin select die_now(); end`,
    );
  }
  await tell({ kind: 'begin', round });
  const started = performance.now();
  const { before, after } = await store.compact(meetingId);
  await tell({ kind: 'end', round, before, after, ms: performance.now() - started });
  // Let some edits arrive, so that every round has a log to compact.
  await new Promise<void>((resolve) => setTimeout(resolve, pauseMs));
}
