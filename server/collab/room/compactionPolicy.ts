/**
 * When a room compacts its meeting's log: while live, once the log holds
 * `LIMITS.compactAfterUpdates` rows past the first; on unload, when the log
 * grew enough since load to be worth folding into a few bounded rows.
 */
import { LIMITS } from '../../../shared/limits.js';

/** Compact on unload when the log has grown by at least this many rows since load... */
const COMPACT_ON_UNLOAD_ROWS = 20;
/**
 * ...or by this many structs: a few dense rows cost more to load again than many keystrokes, and a
 * compacted row loads faster than the rows it replaces.
 */
const COMPACT_ON_UNLOAD_ITEMS = 2_000;

/** Rows in the log and structs in the document. */
export interface LogSize {
  rows: number;
  items: number;
}

export function dueWhileLive(rows: number): boolean {
  return rows - 1 >= LIMITS.compactAfterUpdates;
}

export function grownSinceLoad(atLoad: LogSize, now: LogSize): boolean {
  const rows = now.rows - atLoad.rows;
  return rows >= COMPACT_ON_UNLOAD_ROWS || (rows >= 2 && now.items - atLoad.items >= COMPACT_ON_UNLOAD_ITEMS);
}
