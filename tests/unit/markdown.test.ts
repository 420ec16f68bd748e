/**
 * Blocks to Markdown: documents written by headless Lexical come out as exact
 * Markdown keeping their formatting, and anything a person typed (hostile or
 * just unlucky) is escaped so it cannot forge headings, lists, links or HTML.
 */
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import { $createLineBreakNode, $createParagraphNode, $createTextNode, $getRoot, type LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { plainText, sectionBlocks, textInlines, type Block, type TextInline } from '../../shared/docContent.js';
import { blocksToMarkdown, escapeText, markdownHeading } from '../../shared/markdown.js';
import { sectionEditor } from '../helpers/lexicalDoc.js';

const run = (text: string, formats: Partial<TextInline> = {}): TextInline => ({ ...plainText(text), ...formats });
const para = (...inlines: TextInline[]): Block => ({ kind: 'paragraph', inlines });

function written(build: () => void, offset = 0): string {
  const doc = new Y.Doc();
  const editor: LexicalEditor = sectionEditor(doc, 'modelledStrategy');
  editor.update(build, { discrete: true });
  return blocksToMarkdown(sectionBlocks(doc, 'modelledStrategy'), { headingOffset: offset });
}

describe('blocksToMarkdown, from documents Lexical wrote', () => {
  it('keeps headings, bold, italic, strikethrough, code and line breaks', () => {
    const markdown = written(() => {
      $getRoot().append(
        $createHeadingNode('h1').append($createTextNode('Key moves')),
        $createParagraphNode().append(
          $createTextNode('Pause for '),
          $createTextNode('three seconds').toggleFormat('bold'),
          $createTextNode(', then '),
          $createTextNode('cold call').toggleFormat('italic'),
          $createLineBreakNode(),
          $createTextNode('never ').toggleFormat('strikethrough'),
          $createTextNode('rarely').toggleFormat('bold').toggleFormat('italic'),
          $createTextNode(' say '),
          $createTextNode('`ok`').toggleFormat('code'),
        ),
        $createParagraphNode(),
        $createQuoteNode().append($createTextNode('I wait'), $createLineBreakNode(), $createTextNode('and wait')),
      );
    }, 2);
    expect(markdown).toBe(
      [
        '### Key moves',
        '',
        'Pause for **three seconds**, then *cold call*\\',
        '~~never~~ ***rarely*** say `` `ok` ``',
        '',
        '> I wait\\',
        '> and wait',
      ].join('\n'),
    );
  });

  it('keeps nested bulleted and numbered lists', () => {
    const markdown = written(() => {
      const steps = $createListNode('number').append(
        $createListItemNode().append($createTextNode('Ask')),
        $createListItemNode().append($createTextNode('Wait').toggleFormat('bold')),
      );
      const deeper = $createListNode('bullet').append($createListItemNode().append($createTextNode('count silently')));
      const list = $createListNode('bullet').append(
        $createListItemNode().append($createTextNode('Before the lesson')),
        $createListItemNode().append(steps),
        $createListItemNode().append($createTextNode('After')),
      );
      $getRoot().append(list, $createParagraphNode().append($createTextNode('Then')));
      const waitItem = steps.getLastChild();
      waitItem?.insertAfter($createListItemNode().append(deeper));
    });
    expect(markdown).toBe(
      ['- Before the lesson', '  1. Ask', '  2. **Wait**', '     - count silently', '- After', '', 'Then'].join('\n'),
    );
  });

  it('numbers from the list start, and starts a second list in a row afresh', () => {
    const markdown = written(() => {
      $getRoot().append(
        $createListNode('number', 4).append(
          $createListItemNode().append($createTextNode('d')),
          $createListItemNode().append($createTextNode('e')),
        ),
      );
    });
    expect(markdown).toBe('4. d\n5. e');
    const list = (ordered: boolean, text: string): Block => ({
      kind: 'list',
      ordered,
      checklist: false,
      start: 1,
      items: [{ inlines: textInlines(text), children: [] }],
    });
    // Lexical merges adjacent lists; a document from elsewhere may not, and they must not read as one.
    expect(
      blocksToMarkdown([list(false, 'a'), list(false, 'b'), list(false, 'c'), list(true, 'x'), list(true, 'y')]),
    ).toBe(['- a', '* b', '- c', '1. x', '1) y'].join('\n\n'));
  });
});

describe('escaping what people typed', () => {
  const md = (text: string) => blocksToMarkdown([{ kind: 'paragraph', inlines: textInlines(text) }]);

  it.each([
    ['# Forged heading', '\\# Forged heading'],
    ['## also', '\\## also'],
    ['- not a list', '\\- not a list'],
    ['+ not a list', '\\+ not a list'],
    ['1. not a list', '1\\. not a list'],
    ['12) not a list', '12\\) not a list'],
    ['> not a quote', '\\> not a quote'],
    ['===', '\\==='],
    ['    not code', 'not code'],
    ['```js', '\\`\\`\\`js'],
    ['~~~', '\\~\\~\\~'],
    ['*not emphasis* and _not_ either', '\\*not emphasis\\* and \\_not\\_ either'],
    ['[click](javascript:alert(1))', '\\[click\\](javascript:alert(1))'],
    ['![img](x)', '!\\[img\\](x)'],
    ['<script>alert(1)</script>', '&lt;script>alert(1)&lt;/script>'],
    ['<https://evil.example>', '&lt;https://evil.example>'],
    ['a | b | c', 'a \\| b \\| c'],
    ['C:\\path\\', 'C:\\\\path\\\\'],
    ['&lt; stays as typed, Q&A too', '&amp;lt; stays as typed, Q&A too'],
    ['3.5 - 1.5 = 2 # fine mid-line', '3.5 - 1.5 = 2 # fine mid-line'],
    ['#hashtag, -5 degrees', '#hashtag, -5 degrees'],
    ['---', '\\---'],
    ['- - -', '\\- - -'],
    ['#', '\\#'],
  ])('%j', (typed, expected) => {
    expect(md(typed)).toBe(expected);
  });

  it('keeps each line of a multi-line text from starting a block of its own', () => {
    expect(md('fine\n# Forged\n- list\n<div>')).toBe('fine\\\n\\# Forged\\\n\\- list\\\n&lt;div>');
  });

  it('writes a title with a newline and hashes as one heading line', () => {
    expect(markdownHeading(1, textInlines('Wait time\n# Forged <b>x</b> #'))).toBe(
      '# Wait time \\# Forged &lt;b>x&lt;/b> \\#',
    );
    expect(markdownHeading(9, textInlines('deep'))).toBe('###### deep');
  });

  it('escapes inside formatting, and uses a longer fence for code with backticks', () => {
    expect(blocksToMarkdown([para(run('a*b', { bold: true }), run(' '), run('x `y` z', { code: true }))])).toBe(
      '**a\\*b** ``x `y` z``',
    );
  });

  it('moves spaces outside emphasis, where CommonMark needs them', () => {
    expect(blocksToMarkdown([para(run('say'), run(' loudly ', { bold: true }), run('now'))])).toBe(
      'say **loudly** now',
    );
  });

  it('falls back to HTML tags only where a marker could not open or close', () => {
    expect(blocksToMarkdown([para(run('x'), run('(aside)', { italic: true }), run('y'))])).toBe('x<em>(aside)</em>y');
    expect(blocksToMarkdown([para(run('un'), run('likely', { bold: true }), run('!'))])).toBe('un**likely**!');
  });

  it('leaves a heading or block with nothing visible out', () => {
    expect(blocksToMarkdown([{ kind: 'heading', level: 1, inlines: [run('   ')] }, para(), para(run('kept'))])).toBe(
      'kept',
    );
  });

  it('escapes the line start of list items and quotes too', () => {
    const blocks: Block[] = [
      {
        kind: 'list',
        ordered: false,
        checklist: true,
        start: 1,
        items: [
          { inlines: textInlines('# not a heading'), checked: true, children: [] },
          { inlines: textInlines('[x] not a tick'), checked: false, children: [] },
        ],
      },
      { kind: 'quote', inlines: textInlines('- quoted') },
    ];
    expect(blocksToMarkdown(blocks)).toBe('- [x] \\# not a heading\n- [ ] \\[x\\] not a tick\n\n> \\- quoted');
  });

  it('escapeText keeps ordinary prose readable', () => {
    expect(escapeText('Six of thirty hands went up (20%). Good!', { lineStart: true })).toBe(
      'Six of thirty hands went up (20%). Good!',
    );
  });
});
