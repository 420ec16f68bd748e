/**
 * A partner typing continuously into a meeting document: every edit inserts a
 * unique token (`c1 `, `c2 `, … for a prefix `c`) at the end of a section, so
 * that tests can count exactly which edits survived a crash.
 */
import * as Y from 'yjs';
import type { SectionId } from '../../shared/sections.js';
import type { CollabClient } from './collabClient.js';

const TOKEN = /\b([a-z])(\d+)\b/g;

export interface Typist {
  readonly prefix: string;
  /** Tokens typed so far, in order (deleted ones included). */
  readonly typed: string[];
  /** Tokens this typist deleted again. */
  readonly deleted: Set<string>;
  /** Types one edit now. */
  type(): void;
  /** Types one edit every `everyMs` until `stop`. */
  start(everyMs: number): void;
  stop(): void;
  /** Tokens of this typist that the server has acknowledged as stored (`MESSAGE_SAVED`). */
  acked(): Set<string>;
}

export interface TypistOptions {
  /** One lower-case letter, unique per typist in a document. */
  prefix: string;
  /** Sections to type into, in turn. */
  sections: SectionId[];
  /** Every n-th edit deletes one of this typist's earlier tokens instead of typing (0: never). */
  deleteEvery?: number;
}

export function startTypist(client: CollabClient, options: TypistOptions): Typist {
  const { prefix, sections, deleteEvery = 0 } = options;
  const { doc } = client;
  const typed: string[] = [];
  /** Clock of this client's doc once the token was inserted: acknowledged when `saved` reaches it. */
  const clockAfter = new Map<string, number>();
  const deleted = new Set<string>();
  let edits = 0;
  let timer: NodeJS.Timeout | null = null;

  const removeOne = (): boolean => {
    const candidate = typed.find((t, i) => i % 3 === 0 && !deleted.has(t));
    if (!candidate) return false;
    for (const id of sections) {
      const section = doc.get(id, Y.XmlText);
      const at = ` ${section.toString()}`.indexOf(` ${candidate} `);
      if (at < 0) continue;
      section.delete(at, candidate.length + 1);
      deleted.add(candidate);
      return true;
    }
    return false;
  };

  const self: Typist = {
    prefix,
    typed,
    deleted,
    type() {
      edits += 1;
      if (deleteEvery > 0 && edits % deleteEvery === 0 && removeOne()) return;
      const token = `${prefix}${typed.length + 1}`;
      const section = doc.get(sections[typed.length % sections.length] ?? 'goal', Y.XmlText);
      section.insert(section.length, `${token} `);
      typed.push(token);
      clockAfter.set(token, Y.getState(doc.store, doc.clientID));
    },
    start(everyMs) {
      timer ??= setInterval(() => self.type(), everyMs);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    acked() {
      const saved = client.saved.storedClock(doc.clientID);
      return new Set(typed.filter((t) => (clockAfter.get(t) ?? Infinity) <= saved));
    },
  };
  return self;
}

/** Every token in the document's sections, by prefix; repeated tokens are counted in `duplicates`. */
export function tokensIn(
  doc: Y.Doc,
  sections: readonly string[],
): { byPrefix: Map<string, Set<string>>; duplicates: number } {
  const byPrefix = new Map<string, Set<string>>();
  let duplicates = 0;
  for (const id of sections) {
    for (const match of doc.get(id, Y.XmlText).toString().matchAll(TOKEN)) {
      const [token, prefix = ''] = match;
      const set = byPrefix.get(prefix) ?? new Set<string>();
      if (set.has(token)) duplicates += 1;
      set.add(token);
      byPrefix.set(prefix, set);
    }
  }
  return { byPrefix, duplicates };
}

/** Tokens in `expected` that `actual` lacks. */
export function missing(expected: Iterable<string>, actual: Set<string> | undefined): string[] {
  return [...expected].filter((t) => !actual?.has(t));
}
