/**
 * A word-level difference between two texts, for "compare with now". Pure, so
 * the server and the page compute the same parts. Texts are cut into words and
 * the runs of whitespace between them (so joining the parts of each side gives
 * that side back exactly); the longest common subsequence of those tokens is
 * what stayed. Sections are small; past `MAX_DIFF_CELLS` the changed middle is
 * shown as removed then added rather than spending unbounded time.
 */

/** One part of a difference: kept in both, only in the newer text, or only in the older. */
export interface DiffPart {
  op: 'same' | 'added' | 'removed';
  text: string;
}

/** Largest LCS table (tokens before × tokens after, once the common ends are trimmed) we fill. */
export const MAX_DIFF_CELLS = 4_000_000;

/** Words and the whitespace between them, in order. */
export function diffTokens(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

/** The parts that turn `before` into `after`, adjacent parts of the same kind merged. */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = diffTokens(before);
  const b = diffTokens(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const parts: DiffPart[] = [];
  push(parts, 'same', a.slice(0, start));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length > MAX_DIFF_CELLS) {
    push(parts, 'removed', midA);
    push(parts, 'added', midB);
  } else {
    for (const [op, tokens] of lcsParts(midA, midB)) push(parts, op, tokens);
  }
  push(parts, 'same', a.slice(endA));
  return parts;
}

/** Plain LCS by dynamic programming, walked forwards; removals come before additions at a change. */
function lcsParts(a: string[], b: string[]): [DiffPart['op'], string[]][] {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  // table[i][j]: length of the LCS of a[i..] and b[j..].
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i] === b[j]
          ? (table[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(table[(i + 1) * width + j] ?? 0, table[i * width + j + 1] ?? 0);
    }
  }
  const out: [DiffPart['op'], string[]][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push(['same', [a[i] as string]]);
      i++;
      j++;
    } else if ((table[(i + 1) * width + j] ?? 0) >= (table[i * width + j + 1] ?? 0)) {
      out.push(['removed', [a[i] as string]]);
      i++;
    } else {
      out.push(['added', [b[j] as string]]);
      j++;
    }
  }
  if (i < n) out.push(['removed', a.slice(i)]);
  if (j < m) out.push(['added', b.slice(j)]);
  return out;
}

function push(parts: DiffPart[], op: DiffPart['op'], tokens: string[]): void {
  if (tokens.length === 0) return;
  const text = tokens.join('');
  const last = parts.at(-1);
  if (last && last.op === op) last.text += text;
  else parts.push({ op, text });
}
