/**
 * What one partner of the meeting bench types (`meetingClient.ts`): a seeded generator, so that
 * both servers are sent the same meetings, and the `Writer`, which edits a Y.Doc the way the
 * meeting page's Lexical editors do: ~20 characters at a cursor that now and then jumps to another
 * paragraph, another section or a new paragraph, sometimes first deleting a few characters.
 */
import * as Y from 'yjs';
import { SECTIONS } from '../shared/sections.js';

const SECTION_IDS = SECTIONS.map((s) => s.id);
const WORDS = (
  'students talk about the lesson evidence goal strategy practice plan rehearse next step check back ' +
  'we saw three groups sharing their thinking with partners and the teacher modelled a clear routine'
).split(' ');

/** A seeded generator (mulberry32), so that both servers are sent the same meetings. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the edit model does, per edit. */
export const EDIT_MODEL = {
  /** Characters per edit: 15 to 25. */
  minChars: 15,
  maxChars: 25,
  /** The cursor jumps elsewhere before this share of edits. */
  jump: 0.1,
  /** Of the jumps, this share starts a new paragraph. */
  newParagraph: 0.3,
  /** This share of edits first deletes 1-6 characters before the cursor. */
  correct: 0.15,
};

const LOCAL = Symbol('local');
const REMOTE = Symbol('remote');

/**
 * What one partner writes: a Y.Doc, a cursor in it and the edits typed there.
 * `write` makes one edit and returns its update (what the editor's binding sends).
 */
export class Writer {
  doc = new Y.Doc();
  private section: string;
  private cursor: Y.RelativePosition | null = null;
  private lastUpdate: Uint8Array | null = null;

  constructor(
    index: number,
    private readonly random: () => number,
    private readonly model: typeof EDIT_MODEL = EDIT_MODEL,
  ) {
    this.section = SECTION_IDS[index % SECTION_IDS.length] as string;
  }

  /** The same notes under a fresh Yjs client id (a reloaded tab with its offline copy). */
  reopen(): void {
    const next = new Y.Doc();
    Y.applyUpdate(next, Y.encodeStateAsUpdate(this.doc));
    this.doc.destroy();
    this.doc = next;
    this.cursor = null;
  }

  /** Applies what the partner wrote. */
  apply(update: Uint8Array): void {
    Y.applyUpdate(this.doc, update, REMOTE);
  }

  /** One edit at the cursor (after a jump now and then); its update, or null if it changed nothing. */
  write(): Uint8Array | null {
    const r = this.random;
    const kept = this.cursor && !(r() < this.model.jump) ? this.resolve(this.cursor) : null;
    this.lastUpdate = null;
    // Listening only while writing: a listener makes Yjs encode every transaction, the partner's too.
    const keep = (update: Uint8Array) => (this.lastUpdate = update);
    this.doc.on('update', keep);
    this.doc.transact(() => {
      const { paragraph, index: at } = kept ?? this.jump();
      let index = at;
      if (r() < this.model.correct) {
        const n = Math.min(index - 1, 1 + Math.floor(r() * 6));
        if (n > 0) {
          paragraph.delete(index - n, n);
          index -= n;
        }
      }
      const text = this.text();
      paragraph.insert(index, text);
      this.cursor = Y.createRelativePositionFromTypeIndex(paragraph, index + text.length);
    }, LOCAL);
    this.doc.off('update', keep);
    return this.lastUpdate;
  }

  /** The cursor as Lexical's collaboration plugin puts it in awareness: a relative position, as JSON. */
  cursorJson(): string {
    return JSON.stringify(this.cursor);
  }

  private text(): string {
    const r = this.random;
    const { minChars, maxChars } = this.model;
    const want = minChars + Math.floor(r() * (maxChars - minChars + 1));
    let text = '';
    while (text.length < want) text += `${WORDS[Math.floor(r() * WORDS.length)]} `;
    return text.slice(0, want);
  }

  /** Where a cursor is now; null when its paragraph is gone. */
  private resolve(cursor: Y.RelativePosition): { paragraph: Y.XmlText; index: number } | null {
    const at = Y.createAbsolutePositionFromRelativePosition(cursor, this.doc);
    if (!at || !(at.type instanceof Y.XmlText) || at.type._item?.deleted) return null;
    return { paragraph: at.type, index: Math.max(1, at.index) };
  }

  /** A new place: another paragraph of a section, or a new paragraph at the end of one. */
  private jump(): { paragraph: Y.XmlText; index: number } {
    const r = this.random;
    if (r() < 0.3) this.section = SECTION_IDS[Math.floor(r() * SECTION_IDS.length)] as string;
    const root = this.doc.get(this.section, Y.XmlText);
    const paragraphs: Y.XmlText[] = [];
    for (const op of root.toDelta() as { insert: unknown }[]) {
      if (op.insert instanceof Y.XmlText) paragraphs.push(op.insert);
    }
    if (paragraphs.length === 0 || r() < this.model.newParagraph) {
      // What Lexical's binding writes for a new paragraph holding one text node.
      const paragraph = new Y.XmlText();
      root.insertEmbed(root.length, paragraph);
      paragraph.setAttribute('__type', 'paragraph');
      paragraph.setAttribute('__format', 0);
      paragraph.setAttribute('__indent', 0);
      paragraph.setAttribute('__dir', 'ltr');
      paragraph.setAttribute('__textFormat', 0);
      paragraph.setAttribute('__textStyle', '');
      const node = new Y.Map<unknown>();
      paragraph.insertEmbed(0, node);
      node.set('__type', 'text');
      node.set('__format', 0);
      node.set('__style', '');
      node.set('__mode', 0);
      node.set('__detail', 0);
      return { paragraph, index: 1 };
    }
    const paragraph = paragraphs[Math.floor(r() * paragraphs.length)] as Y.XmlText;
    return { paragraph, index: 1 + Math.floor(r() * paragraph.length) };
  }
}
