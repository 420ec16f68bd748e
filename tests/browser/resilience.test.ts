/**
 * What a partner (or an old row) cannot do to the other partner's page:
 *
 * - Content the editors cannot draw, stored before the server checked for it,
 *   shows as plain text, the section keeps taking typing, and the typing is
 *   saved and reaches the partner. Nothing is thrown, nothing else breaks.
 * - A partner who stores an update under the other's Yjs client id (read from
 *   awareness) while that person has unsent words under it: the page goes on
 *   under a fresh id in a new doc, and the words are stored after all.
 *
 * Needs the built client (`npx vite build`; `npm test` builds first).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
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
import { rawSocket } from '../helpers/collabClient.js';
import { buildMeeting } from '../helpers/factories.js';
import { editor, text } from '../helpers/meetingPage.js';
import { updateFrame } from '../helpers/frames.js';

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

/** Resolves once the socket has had a pong: everything sent before it has been handled. */
function handled(ws: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    ws.once('pong', () => resolve());
    ws.ping();
  });
}

/** The first client id with a state in an awareness frame on `ws` (how a partner reads the other's id). */
function announcedClientId(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    const on = (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== 1) return;
      const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
      const count = decoding.readVarUint(update);
      for (let i = 0; i < count; i++) {
        const client = decoding.readVarUint(update);
        decoding.readVarUint(update);
        if (decoding.readVarString(update) !== 'null') {
          ws.off('message', on);
          resolve(client);
          return;
        }
      }
    };
    ws.on('message', on);
  });
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

  it(
    'keeps the words of a person whose client id the partner took while they were unsent',
    { timeout: 120_000 },
    async () => {
      const fixture = await buildMeeting(suite.server);
      const { meeting } = fixture;
      const meetingId = meeting.id;
      const teacher = await newSignedInPerson(suite.browser, {
        baseURL: suite.server.url,
        cookie: fixture.teacher.cookie,
      });
      const errors = recordPageErrors(teacher.page, 'teacher');
      const roomOpen = () => suite.server.server.collab.rooms.has(meetingId);
      try {
        await teacher.page.goto(`/meetings/${meetingId}`);
        await expect.poll(() => connection(teacher.page), POLL).toBe('Live');
        for (const id of ['goal', 'review'] as const) await editor(teacher.page, id).waitFor();

        // The coach reads the teacher's client id from awareness.
        const watcher = await rawSocket(suite.server, meetingId, fixture.coach.cookie);
        const takenId = await announcedClientId(watcher);
        watcher.close();

        // The teacher's wifi drops; the meeting's room empties and is unloaded, forgetting who announced what.
        await teacher.context.setOffline(true);
        await expect.poll(() => connection(teacher.page), POLL).toBe('Offline');
        const room = suite.server.server.collab.rooms.get(meetingId);
        // The server notices a dropped socket by its heartbeat; here it is told at once.
        for (const conn of room?.connections ?? []) conn.ws.terminate();
        await expect.poll(roomOpen, POLL).toBe(false);

        // Offline, the teacher writes under the id.
        await typeAtEnd(teacher.page, 'goal', 'Written offline, and never lost.');
        await expect.poll(() => saving(teacher.page), POLL).toBe('Kept on this device');
        const unsent = () => teacher.page.evaluate(() => localStorage.getItem('tandem.unsentNotes') ?? '[]');
        await expect.poll(unsent, POLL).toContain(meetingId);

        // Meanwhile the coach stores a paragraph under the teacher's id.
        const forged = written(takenId, (doc) =>
          doc.get('review', Y.XmlText).insertEmbed(0, paragraph('paragraph', 'Taken.')),
        );
        const thief = await rawSocket(suite.server, meetingId, fixture.coach.cookie);
        thief.send(updateFrame(forged));
        await handled(thief);
        thief.close();
        await expect.poll(async () => sectionText(await stored(meetingId), 'review'), POLL).toBe('Taken.');
        await expect.poll(roomOpen, POLL).toBe(false);

        // The wifi comes back: the teacher's page goes on under a fresh id, and the words are stored.
        await teacher.context.setOffline(false);
        await expect.poll(() => connection(teacher.page), POLL).toBe('Live');
        await expect.poll(() => saving(teacher.page), POLL).toBe('Saved');
        await expect
          .poll(async () => sectionText(await stored(meetingId), 'goal'), POLL)
          .toBe('Written offline, and never lost.');
        // Stored under another id: the taken one holds only the coach's paragraph.
        const forgedClock = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(forged)).get(takenId);
        expect(Y.getState((await stored(meetingId)).store, takenId)).toBe(forgedClock);
        expect(await text(teacher.page, 'goal')).toBe('Written offline, and never lost.');
        await expect.poll(() => text(teacher.page, 'review'), POLL).toBe('Taken.');
        await expect.poll(unsent, POLL).not.toContain(meetingId);
        await screenshot(teacher.page, 'taken-id-teacher-saved');

        // The teacher writes on, and a reload finds everything once (the device's copy was replaced too).
        await typeAtEnd(teacher.page, 'goal', ' And more.');
        await expect.poll(() => saving(teacher.page), POLL).toBe('Saved');
        await teacher.page.reload();
        await expect.poll(() => connection(teacher.page), POLL).toBe('Live');
        await expect.poll(() => text(teacher.page, 'goal'), POLL).toBe('Written offline, and never lost. And more.');
        await expect.poll(() => saving(teacher.page), POLL).toBe('Saved');
        expect(sectionText(await stored(meetingId), 'goal')).toBe('Written offline, and never lost. And more.');
        expect(unexpected(errors)).toEqual([]);
      } catch (error) {
        await screenshot(teacher.page, 'taken-id-failure-teacher').catch(() => undefined);
        console.error(errors.join('\n'));
        throw error;
      } finally {
        await teacher.context.close();
      }
    },
  );
});
