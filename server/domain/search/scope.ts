/**
 * A partnership as one word in the full-text index. On SQLite each entry's
 * partnership is indexed beside its text, and a search's MATCH names the
 * caller's partnerships, so FTS5 intersects a common word's long list with the
 * caller's short one instead of handing every partnership's hits to the join.
 * This only narrows: what may be seen is decided by the membership join.
 */

/** `p` and the id's letters and digits, lower-case: one token for FTS5's unicode61 tokenizer. */
export function scopeToken(partnershipId: string): string {
  return `p${partnershipId.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
}
