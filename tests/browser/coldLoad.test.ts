/**
 * Fast on school wifi: on a throttled "Fast 3G" connection (Chromium DevTools
 * network emulation: ~1.6 Mbps down, 750 Kbps up, 150 ms latency), a teacher
 * opening a meeting for the first time on this device (no cache, no service
 * worker) can read the notes within COLD_LOAD_TARGET_MS of starting to
 * navigate. Prints the figure, whether it met the target, and the bytes
 * transferred; asserts COLD_LOAD_BOUND_MS (see there) and that the client
 * came compressed.
 *
 * Needs the built client (`npx vite build`; `npm test` builds first).
 */
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import { describe, expect, it } from 'vitest';
import { SECTIONS } from '../../shared/sections.js';
import { FAST_3G, newSignedInPerson, recordPageErrors, throttle } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { allSaved, connectCollab, synced } from '../helpers/collabClient.js';
import { buildMeeting } from '../helpers/factories.js';
import { sectionEditor } from '../helpers/lexicalDoc.js';
import { editor } from '../helpers/meetingPage.js';

/** The target, from the start of navigation to the first section's notes on screen. */
const COLD_LOAD_TARGET_MS = 3_000;
/**
 * What the test holds today. The page still loads in a waterfall (session,
 * then the meeting's code, then the meeting, its partnership, then the
 * collaboration socket), which takes 6-7.5 s here on two shared cores; the
 * bound catches a lost compression (~870 KB instead of ~260 KB adds ~3 s)
 * and is to come down to COLD_LOAD_TARGET_MS once the waterfall is gone.
 */
const COLD_LOAD_BOUND_MS = 10_000;
const NOTES = 'Six of thirty hands went up when the question was asked a second time.';

describe('a cold load on school wifi', () => {
  const suite = browserSuite();

  it('shows the meeting notes soon after a cold load on Fast 3G', { timeout: 60_000 }, async () => {
    const { coach, teacher, meeting } = await buildMeeting(suite.server);
    const first = SECTIONS[0].id;
    const writer = connectCollab(suite.server, meeting.id, coach.cookie);
    try {
      await synced(writer);
      sectionEditor(writer.doc, first).update(
        () => $getRoot().append($createParagraphNode().append($createTextNode(NOTES))),
        { discrete: true },
      );
      await allSaved(writer);
    } finally {
      writer.destroy();
    }

    const { context, page } = await newSignedInPerson(suite.browser, {
      baseURL: suite.server.url,
      cookie: teacher.cookie,
    });
    const errors = recordPageErrors(page, 'teacher');
    const network = await throttle(page, FAST_3G);

    const started = performance.now();
    await page.goto(`/meetings/${meeting.id}`, { waitUntil: 'commit' });
    await editor(page, first).filter({ hasText: NOTES }).waitFor({ state: 'visible', timeout: 30_000 });
    const elapsed = Math.round(performance.now() - started);
    const kb = Math.round(network.transferredBytes() / 1000);
    console.log(
      `cold load on Fast 3G: notes readable after ${elapsed} ms (target ${COLD_LOAD_TARGET_MS} ms: ${
        elapsed <= COLD_LOAD_TARGET_MS ? 'met' : 'MISSED'
      }), ${kb} KB over ${network.requests()} requests`,
    );

    expect(errors).toEqual([]);
    // The meeting page's ~900 KB of JavaScript crosses the wire compressed.
    expect(kb).toBeLessThan(400);
    expect(elapsed).toBeLessThanOrEqual(COLD_LOAD_BOUND_MS);
    await context.close();
  });
});
