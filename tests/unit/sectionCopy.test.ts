/**
 * Restoring a section copies Lexical's Yjs structure faithfully: blocks with
 * their attributes, text-node property maps, formatted runs and line breaks,
 * as a new edit by another client that replaces what the section holds now.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sectionRuns } from '../../shared/authorship.js';
import { sectionLines } from '../../shared/docText.js';
import { replaceSection } from '../../server/domain/history/sectionCopy.js';

/** A section built the way Lexical's binding writes one: a heading, a paragraph with bold text and a break. */
function lexicalLikeSection(doc: Y.Doc): void {
  const root = doc.get('goal', Y.XmlText);
  const heading = new Y.XmlText();
  root.insertEmbed(0, heading);
  heading.setAttribute('__type', 'heading');
  heading.setAttribute('__tag', 'h2');
  const props = new Y.Map<unknown>();
  heading.insertEmbed(0, props);
  props.set('__type', 'text');
  props.set('__format', 0);
  heading.insert(1, 'Students talk');
  const paragraph = new Y.XmlText();
  root.insertEmbed(1, paragraph);
  paragraph.setAttribute('__type', 'paragraph');
  const bold = new Y.Map<unknown>();
  paragraph.insertEmbed(0, bold);
  bold.set('__type', 'text');
  bold.set('__format', 1);
  paragraph.insert(1, 'more', { bold: true });
  const br = new Y.Map<unknown>();
  paragraph.insertEmbed(5, br);
  br.set('__type', 'linebreak');
  paragraph.insert(6, 'than I do');
}

/** Everything that shapes how a section renders, as plain data. */
function shape(text: Y.XmlText): unknown {
  return {
    attributes: text.getAttributes(),
    delta: (text.toDelta() as { insert: unknown; attributes?: unknown }[]).map((op) => ({
      attributes: op.attributes ?? null,
      insert:
        op.insert instanceof Y.XmlText ? shape(op.insert) : op.insert instanceof Y.Map ? op.insert.toJSON() : op.insert,
    })),
  };
}

describe('replaceSection', () => {
  it('replaces the section by an exact copy of the version, written by the restoring client', () => {
    const then = new Y.Doc();
    lexicalLikeSection(then);
    const now = new Y.Doc();
    Y.applyUpdate(now, Y.encodeStateAsUpdate(then));
    const current = now.get('goal', Y.XmlText);
    current.delete(0, current.length);
    current.insert(0, 'Something else entirely');
    now.get('actionStep', Y.XmlText).insert(0, 'Untouched step');

    const restorer = new Y.Doc();
    Y.applyUpdate(restorer, Y.encodeStateAsUpdate(now));
    restorer.clientID = 424242;
    const updates: Uint8Array[] = [];
    restorer.on('update', (u: Uint8Array) => updates.push(u));
    replaceSection(restorer, then, 'goal');

    // A partner applying only the restore's update ends with the version's section.
    Y.applyUpdate(now, Y.mergeUpdates(updates));
    expect(shape(now.get('goal', Y.XmlText))).toEqual(shape(then.get('goal', Y.XmlText)));
    expect(sectionLines(now, 'goal')).toEqual(['Students talk', 'more\nthan I do']);
    expect(now.get('actionStep', Y.XmlText).toString()).toBe('Untouched step');
    for (const block of sectionRuns(now, 'goal')) {
      for (const run of block) expect(run.client).toBe(424242);
    }
  });
});
