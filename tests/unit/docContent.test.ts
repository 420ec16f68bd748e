/**
 * Reading a section's blocks with their formatting from documents written by
 * headless Lexical bound to a Y.Doc (as the meeting page writes them), and
 * from structures Lexical would not write, which must degrade, never throw.
 */
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import { $createLineBreakNode, $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { plainText, sectionBlocks, type TextInline } from '../../shared/docContent.js';
import { sectionEditor } from '../helpers/lexicalDoc.js';

const run = (text: string, formats: Partial<TextInline> = {}): TextInline => ({ ...plainText(text), ...formats });

describe('sectionBlocks', () => {
  it('reads headings, formats, line breaks, quotes and nested lists as Lexical writes them', () => {
    const doc = new Y.Doc();
    sectionEditor(doc, 'goal').update(
      () => {
        const heading = $createHeadingNode('h2').append($createTextNode('Questioning'));
        const paragraph = $createParagraphNode().append(
          $createTextNode('Wait '),
          $createTextNode('three').toggleFormat('bold'),
          $createLineBreakNode(),
          $createTextNode('seconds').toggleFormat('italic').toggleFormat('underline'),
          $createTextNode(' then ask'),
          $createTextNode('x = 1').toggleFormat('code'),
          $createTextNode('old').toggleFormat('strikethrough'),
        );
        const quote = $createQuoteNode().append($createTextNode('Said by a student'));
        const inner = $createListNode('number').append(
          $createListItemNode().append($createTextNode('first')),
          $createListItemNode().append($createTextNode('second')),
        );
        const list = $createListNode('bullet').append(
          $createListItemNode().append($createTextNode('one')),
          $createListItemNode().append(inner),
          $createListItemNode().append($createTextNode('two')),
        );
        $getRoot().append(heading, paragraph, quote, list, $createParagraphNode());
      },
      { discrete: true },
    );

    expect(sectionBlocks(doc, 'goal')).toEqual([
      { kind: 'heading', level: 2, inlines: [run('Questioning')] },
      {
        kind: 'paragraph',
        inlines: [
          run('Wait '),
          run('three', { bold: true }),
          { kind: 'break' },
          run('seconds', { italic: true, underline: true }),
          run(' then ask'),
          run('x = 1', { code: true }),
          run('old', { strikethrough: true }),
        ],
      },
      { kind: 'quote', inlines: [run('Said by a student')] },
      {
        kind: 'list',
        ordered: false,
        checklist: false,
        start: 1,
        items: [
          {
            inlines: [run('one')],
            children: [
              {
                kind: 'list',
                ordered: true,
                checklist: false,
                start: 1,
                items: [
                  { inlines: [run('first')], children: [] },
                  { inlines: [run('second')], children: [] },
                ],
              },
            ],
          },
          { inlines: [run('two')], children: [] },
        ],
      },
      { kind: 'paragraph', inlines: [] },
    ]);
  });

  it('reads an empty or never-written section as no blocks', () => {
    expect(sectionBlocks(new Y.Doc(), 'review')).toEqual([]);
  });

  it('reads raw text straight under the section as a paragraph, newlines as breaks', () => {
    const doc = new Y.Doc();
    doc.get('currentReality', Y.XmlText).insert(0, 'Six hands\nthen eight');
    expect(sectionBlocks(doc, 'currentReality')).toEqual([
      { kind: 'paragraph', inlines: [run('Six hands'), { kind: 'break' }, run('then eight')] },
    ]);
  });

  it('degrades node types it does not know to paragraphs and never throws', () => {
    const doc = new Y.Doc();
    const root = doc.get('practicePlan', Y.XmlText);
    const table = new Y.XmlText();
    const cell = new Y.XmlText();
    const unknownBlock = new Y.XmlText();
    const link = new Y.XmlText();
    const paragraph = new Y.XmlText();
    root.insertEmbed(0, table);
    root.insertEmbed(1, unknownBlock);
    root.insertEmbed(2, paragraph);
    root.insertEmbed(3, new Y.XmlElement('decorator'));
    table.setAttribute('__type', 'table');
    table.insertEmbed(0, cell);
    cell.setAttribute('__type', 'paragraph');
    cell.insert(0, 'in a cell');
    unknownBlock.setAttribute('__type', 'code');
    unknownBlock.insert(0, 'let a = 1');
    paragraph.setAttribute('__type', 'paragraph');
    const props = new Y.Map<unknown>();
    paragraph.insertEmbed(0, props);
    props.set('__format', 'not a number');
    paragraph.insert(1, 'see ');
    paragraph.insertEmbed(5, link);
    link.setAttribute('__type', 'link');
    link.insert(0, 'the video');
    expect(sectionBlocks(doc, 'practicePlan')).toEqual([
      { kind: 'paragraph', inlines: [run('in a cell')] },
      { kind: 'paragraph', inlines: [run('let a = 1')] },
      { kind: 'paragraph', inlines: [run('see '), run('the video')] },
    ]);
  });

  it('reads a checklist with its ticks and a numbered list with its start', () => {
    const doc = new Y.Doc();
    sectionEditor(doc, 'actionStep').update(
      () => {
        const checks = $createListNode('check').append(
          $createListItemNode(true).append($createTextNode('done')),
          $createListItemNode(false).append($createTextNode('to do')),
        );
        const numbered = $createListNode('number', 3).append($createListItemNode().append($createTextNode('third')));
        $getRoot().append(checks, numbered);
      },
      { discrete: true },
    );
    const [checks, numbered] = sectionBlocks(doc, 'actionStep');
    expect(checks).toMatchObject({ kind: 'list', checklist: true, items: [{ checked: true }, { checked: false }] });
    expect(numbered).toMatchObject({ kind: 'list', ordered: true, start: 3, items: [{ inlines: [run('third')] }] });
  });
});
