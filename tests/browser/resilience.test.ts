/**
 * What a partner (or an old row) cannot do to the other partner's page:
 *
 * - Content the editors cannot draw, stored before the server checked for it,
 *   shows as plain text, the section keeps taking typing, and the typing is
 *   saved and reaches the partner. Nothing is thrown, nothing else breaks.
 *
 * Needs the built client (`npx vite build`; `npm test` builds first).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sectionText } from '../../shared/docText.js';
import type { SectionId } from '../../shared/sections.js';
import {
  POLL,
  SCREENSHOT_DIR,
  lexicalCaretSettled,
  newSignedInPerson,
  recordPageErrors,
  screenshot,
} from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { buildMeeting } from '../helpers/factories.js';
import { editor, text } from '../helpers/meetingPage.js';

const connection = (page: Page) => page.getByTestId('connection-status').innerText();
const saving = (page: Page) => page.getByTestId('save-status').innerText();

/** Saves a screenshot of one section under test-results/screenshots/. */
async function sectionScreenshot(page: Page, id: SectionId, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.locator(`section[data-section="${id}"]`).screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

/** Types at the end of a section. */
async function typeAtEnd(page: Page, id: SectionId, words: string): Promise<void> {
  await editor(page, id).click();
  await page.keyboard.press('ControlOrMeta+End');
  await lexicalCaretSettled(page);
  await page.keyboard.type(words);
}

/** The structure Lexical's binding writes for a paragraph of plain words. */
function paragraph(type: unknown, words: string, leafType: unknown = 'text'): Y.XmlText {
  const node = new Y.XmlText();
  if (type !== undefined) node.setAttribute('__type', type as string);
  const leaf = new Y.Map<unknown>();
  if (leafType !== undefined) leaf.set('__type', leafType);
  leaf.set('__format', 0);
  leaf.set('__style', '');
  leaf.set('__mode', 0);
  leaf.set('__detail', 0);
  node.insertEmbed(0, leaf);
  node.insert(1, words);
  return node;
}

/** One update written by a client with id `clientId` (none checked it). */
function written(clientId: number, build: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  let update: Uint8Array | null = null;
  doc.on('update', (u: Uint8Array) => (update = u));
  doc.transact(() => build(doc));
  if (update === null) throw new Error('nothing written');
  return update;
}

/** Errors other than the connection refusals that going offline causes. */
const unexpected = (errors: string[]) =>
  errors.filter((e) => !/WebSocket|ERR_INTERNET_DISCONNECTED|socket\.io|status of 401/.test(e));

describe('a partner cannot break the other partner’s page', () => {
  const suite = browserSuite();

  async function stored(meetingId: string): Promise<Y.Doc> {
    const doc = new Y.Doc();
    for (const u of (await suite.server.server.services.documents.load(meetingId)).updates) Y.applyUpdate(doc, u);
    return doc;
  }

  it(
    'shows content the editors cannot draw as plain text, and the section keeps taking typing',
    { timeout: 120_000 },
    async () => {
      const fixture = await buildMeeting(suite.server);
      const { meeting } = fixture;
      // Stored before the server checked what sections hold: one row of content no editor wrote.
      const hostileId = 424_242;
      const row = written(hostileId, (doc) => {
        const goal = doc.get('goal', Y.XmlText);
        goal.insertEmbed(0, paragraph('paragraph', 'We agreed on a goal.'));
        goal.insertEmbed(1, paragraph('youtube', 'An unknown block.'));
        goal.insertEmbed(2, paragraph(7, 'A numbered type.'));
        goal.insertEmbed(3, paragraph(undefined, 'No type at all.'));
        goal.insertEmbed(4, paragraph('paragraph', 'A mention of Sam.', 'mention'));
        const image = new Y.XmlElement('img');
        image.setAttribute('__type', 'image');
        goal.insertEmbed(5, image);
        const caption = new Y.XmlText();
        image.insert(0, [caption]);
        caption.insert(0, 'A picture caption.');
        goal.insertEmbed(6, paragraph('paragraph', 'The end.'));
        doc.get('currentReality', Y.XmlText).insertEmbed(0, paragraph('paragraph', 'Pupils settle slowly.'));
      });
      await suite.server.server.services.documents.append(meeting.id, row, fixture.coach.user.id, [hostileId]);

      const coach = await newSignedInPerson(suite.browser, { baseURL: suite.server.url, cookie: fixture.coach.cookie });
      const teacher = await newSignedInPerson(suite.browser, {
        baseURL: suite.server.url,
        cookie: fixture.teacher.cookie,
      });
      const errors = [recordPageErrors(coach.page, 'coach'), recordPageErrors(teacher.page, 'teacher')];
      const shown = [
        'We agreed on a goal.',
        'An unknown block.',
        'A numbered type.',
        'No type at all.',
        'A mention of Sam.',
        'A picture caption.',
        'The end.',
      ];
      try {
        for (const person of [teacher, coach]) {
          await person.page.goto(`/meetings/${meeting.id}`);
          await expect.poll(() => connection(person.page), POLL).toBe('Live');
          await expect.poll(() => text(person.page, 'goal'), POLL).toBe(shown.join('\n'));
          await expect.poll(() => text(person.page, 'currentReality'), POLL).toBe('Pupils settle slowly.');
        }
        // Neither the app's error boundary nor an editor's showed.
        expect(await teacher.page.getByText('Something went wrong on this page').count()).toBe(0);
        await sectionScreenshot(teacher.page, 'goal', 'undrawable-goal-teacher');

        // The teacher writes on in that section, and in another one.
        await typeAtEnd(teacher.page, 'goal', ' Teacher adds this.');
        await typeAtEnd(teacher.page, 'actionStep', 'Try it on Monday.');
        await expect.poll(() => saving(teacher.page), POLL).toBe('Saved');
        await expect.poll(() => text(teacher.page, 'goal'), POLL).toContain('The end. Teacher adds this.');
        // The coach sees it.
        await expect.poll(() => text(coach.page, 'goal'), POLL).toContain('The end. Teacher adds this.');
        await expect.poll(() => text(coach.page, 'actionStep'), POLL).toBe('Try it on Monday.');
        // The coach writes in the unknown block itself, and the teacher sees that.
        await editor(coach.page, 'goal').getByText('An unknown block.').click();
        await coach.page.keyboard.press('End');
        await lexicalCaretSettled(coach.page);
        await coach.page.keyboard.type(' Coach too.');
        await expect.poll(() => saving(coach.page), POLL).toBe('Saved');
        await expect.poll(() => text(teacher.page, 'goal'), POLL).toContain('An unknown block. Coach too.');

        // Stored: the server has the typing, and the old row as it was (nothing was rewritten).
        const doc = await stored(meeting.id);
        expect(sectionText(doc, 'goal')).toContain('Teacher adds this.');
        expect(sectionText(doc, 'goal')).toContain('Coach too.');
        expect(sectionText(doc, 'actionStep')).toBe('Try it on Monday.');
        const types = (doc.get('goal', Y.XmlText).toDelta() as Array<{ insert: unknown }>).map((op) =>
          op.insert instanceof Y.XmlText || op.insert instanceof Y.XmlElement ? op.insert.getAttribute('__type') : null,
        );
        expect(types).toEqual(['paragraph', 'youtube', 7, undefined, 'paragraph', 'image', 'paragraph']);
        await sectionScreenshot(teacher.page, 'goal', 'undrawable-goal-typed-teacher');
        expect(unexpected(errors.flat())).toEqual([]);
      } catch (error) {
        await screenshot(teacher.page, 'undrawable-failure-teacher').catch(() => undefined);
        await screenshot(coach.page, 'undrawable-failure-coach').catch(() => undefined);
        console.error(errors.flat().join('\n'));
        throw error;
      } finally {
        await coach.context.close();
        await teacher.context.close();
      }
    },
  );
});
