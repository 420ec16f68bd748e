/**
 * axe-core on a Playwright page: WCAG 2.0 and 2.1 A and AA, and axe's best
 * practices. Returns only the serious and critical findings, one line per
 * element, so a failing `toEqual([])` says what to fix and where.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

const BLOCKING = new Set(['serious', 'critical']);

/** axe's reasons for leaving a text's contrast undecided when something is drawn over it. */
const OVERLAPPED = new Set(['bgOverlap', 'elmPartiallyObscured', 'elmPartiallyObscuring']);

type Results = Awaited<ReturnType<AxeBuilder['analyze']>>;
type Result = Results['violations'][number];

function describeNodes(result: Result, what: string, keep: (node: Result['nodes'][number]) => boolean): string[] {
  return result.nodes.filter(keep).map((node) => {
    const target = node.target.map((t) => (Array.isArray(t) ? t.join(' >> ') : String(t))).join(' >> ');
    const summary = (node.failureSummary ?? node.any.map((c) => c.message).join(' ') ?? result.help)
      .replace(/\s*\n\s*/g, ' ')
      .trim();
    return `${result.id} (${what}) at ${target}: ${summary} [${result.helpUrl}]`;
  });
}

/**
 * The serious and critical violations on the page as it is now, one string per
 * element: `rule (impact) at selector: what axe says is wrong [help url]`.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const found = results.violations.flatMap((v) =>
    describeNodes(v, v.impact ?? 'unknown', (node) => BLOCKING.has(node.impact ?? v.impact ?? '')),
  );
  return [...found, ...(await editorContrast(page))];
}

/**
 * Colour contrast inside the section editors. Each editor has a layer for the
 * partner's caret and name (`.editor-cursors`, Lexical's cursors container)
 * laid over the whole text: transparent and click-through, but axe counts
 * anything stacked above a text as hiding its background, and leaves the
 * contrast of every word and prompt in the notes undecided rather than failed.
 * So the editors are checked again with the empty layers out of the way (a
 * caret and name in them were checked by the first pass, on top of the text),
 * and a contrast still undecided there is reported too, never passed quietly.
 */
async function editorContrast(page: Page): Promise<string[]> {
  const layers = page.locator('.editor-cursors');
  if ((await layers.count()) === 0) return [];
  const setLayers = (display: string) =>
    page.evaluate((value) => {
      for (const el of document.querySelectorAll<HTMLElement>('.editor-cursors')) el.style.display = value;
    }, display);
  await setLayers('none');
  let results: Results;
  try {
    results = await new AxeBuilder({ page }).include('.editor-shell').withRules(['color-contrast']).analyze();
  } finally {
    await setLayers('');
  }
  const undecided = (node: Result['nodes'][number]) =>
    node.any.some((check) => OVERLAPPED.has((check.data as { messageKey?: string } | null)?.messageKey ?? ''));
  return [
    ...results.violations.flatMap((v) => describeNodes(v, `${v.impact ?? 'unknown'}, in an editor`, () => true)),
    ...results.incomplete.flatMap((v) => describeNodes(v, 'undecided, in an editor', undecided)),
  ];
}
