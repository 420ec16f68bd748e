/**
 * Exports that keep the whole record, on SQLite and PostgreSQL: formatted text
 * typed through a real collaboration client (headless Lexical bound to the
 * client's doc) and every coaching fact set through the domain come out in the
 * meeting and cycle Markdown and in the account export's JSON; hostile titles
 * and names are escaped; outsiders are told the meeting or cycle does not exist.
 */
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createLineBreakNode, $createParagraphNode, $createTextNode, $getRoot, type LexicalEditor } from 'lexical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stepHash } from '../../shared/actionStep.js';
import type { SectionId } from '../../shared/sections.js';
import { AppError } from '../../server/errors.js';
import type { Services } from '../../server/services.js';
import { backendsToTest } from '../helpers/backends.js';
import { daysFromToday } from '../helpers/coaching.js';
import { allSaved, connectCollab, synced } from '../helpers/collabClient.js';
import {
  buildMeeting,
  buildPartnership,
  buildUser,
  type MeetingFixture,
  type UserFixture,
} from '../helpers/factories.js';
import { sectionEditor } from '../helpers/lexicalDoc.js';
import { downloadExport } from '../helpers/privacy.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const backends = await backendsToTest();
const HOSTILE_TITLE = 'Wait time\n# Forged title <script>alert(1)</script>';
const HOSTILE_NAME = 'Kwame\n# Forged name <img src=x onerror=alert(1)>';
const STEP = 'Use the three-step prompt before helping';

/** Types into sections as `person` through a real collaboration client, and waits until the server stored it. */
async function typeInto(
  server: TestServer,
  person: UserFixture,
  meetingId: string,
  edits: Partial<Record<SectionId, () => void>>,
): Promise<void> {
  const client = connectCollab(server, meetingId, person.cookie);
  try {
    await synced(client);
    for (const [section, build] of Object.entries(edits)) {
      const editor: LexicalEditor = sectionEditor(client.doc, section as SectionId);
      editor.update(build, { discrete: true });
    }
    await allSaved(client);
  } finally {
    client.destroy();
  }
}

/** The AppError a promise rejects with. */
async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

describe.each(backends)('exports that keep the whole record (%s)', (backend) => {
  let server: TestServer;
  let services: Services;
  let first: MeetingFixture;
  let second: MeetingFixture;
  let cycleId: string;
  let stranger: UserFixture;
  const dueOn = daysFromToday(7);

  beforeAll(async () => {
    server = await startTestServer({ backend });
    services = server.server.services;
    const coach = await buildUser(server, { name: 'Rosalind Ashworth' });
    const teacher = await buildUser(server, { name: HOSTILE_NAME });
    stranger = await buildUser(server, { name: 'Someone Else' });
    first = await buildMeeting(server, await buildPartnership(server, { coach, teacher }), { title: 'Questioning' });
    const [c, t] = [coach.user.id, teacher.user.id];

    // Meeting 1: a step both agree to, carried into meeting 2.
    await typeInto(server, coach, first.meeting.id, {
      actionStep: () => $getRoot().append($createParagraphNode().append($createTextNode(STEP))),
    });
    await services.coaching.setDueDate(t, first.meeting.id, dueOn);
    for (const who of [c, t]) await services.coaching.agree(who, first.meeting.id, stepHash(STEP, dueOn));

    second = await buildMeeting(server, first, { title: HOSTILE_TITLE });
    const m = second.meeting.id;
    await typeInto(server, teacher, m, {
      currentReality: () =>
        $getRoot().append(
          // (A heading is not something the editors can draw, so the server would refuse it.)
          $createParagraphNode().append($createTextNode('What we saw')),
          $createParagraphNode().append(
            $createTextNode('Six of '),
            $createTextNode('thirty').toggleFormat('bold'),
            $createTextNode(' hands went up'),
            $createLineBreakNode(),
            $createTextNode('mostly the front row').toggleFormat('italic'),
          ),
        ),
      modelledStrategy: () => {
        const moves = $createListNode('number').append(
          $createListItemNode().append($createTextNode('Ask')),
          $createListItemNode().append($createTextNode('Wait three seconds')),
        );
        $getRoot().append(
          $createListNode('bullet').append(
            $createListItemNode().append($createTextNode('Key moves')),
            $createListItemNode().append(moves),
          ),
        );
      },
      actionStep: () =>
        $getRoot().append(
          $createParagraphNode().append($createTextNode('Cold call '), $createTextNode('after').toggleFormat('bold')),
        ),
    });
    await services.coaching.setReview(t, m, 'partly');
    await services.coaching.setPeers(t, m, 'powerful', true);
    await services.coaching.setPeers(c, m, 'studentFocused', true);
    await services.coaching.setApproach(c, m, 'dialogical');
    const view = await services.coaching.meeting(c, m);
    cycleId = view.cycleId;
    await services.coaching.updateCycle(t, cycleId, {
      measureWhat: 'hands up in the first minute',
      baseline: 6,
      target: 20,
      latest: 11,
      phase: 'learn',
      focusTag: 'Giving up on tricky tasks',
      ecfArea: 'pedagogy',
    });
    await services.coaching.setGoalStatus(t, cycleId, 'set');
    await services.coaching.addPractice(c, m, {
      practisedOn: daysFromToday(0),
      what: 'Role play of the pause',
      feedback: 'Pause was **two** seconds\n# not a heading',
    });
    const entry = (await services.coaching.meeting(t, m)).practice.find((p) => p.meetingId === m);
    await services.coaching.setReflection(t, m, entry?.id ?? '', 'It felt long but <b>worked</b>');
    await services.coaching.setDueDate(c, m, dueOn);
    await services.coaching.agree(c, m, stepHash('Cold call after', dueOn));
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('writes the meeting as Markdown with its formatting and every fact', async () => {
    const { markdown, fileName } = await services.exports.meetingMarkdown(second.coach.user.id, second.meeting.id);
    expect(fileName).toMatch(/\.md$/);
    for (const expected of [
      // Formatting, under the section's heading.
      '## Current reality\n\nWhat we saw\n\nSix of **thirty** hands went up\\\n*mostly the front row*\n',
      '## Modelled strategy\n\n- Key moves\n  1. Ask\n  2. Wait three seconds\n',
      '## Agreed next action step\n\nCold call **after**\n',
      // Since last time: the carried step, as agreed, and whether it happened.
      '> Use the three-step prompt before helping\n',
      '- **From:** Questioning\n',
      '- **Agreed by both:** yes, as written above\n',
      '- **Did it happen?** Partly (',
      // PEERS, the measure, phase and tags.
      '- [x] Powerful (ticked by ',
      '- [ ] Easy\n',
      '- [x] Student-focused (ticked by Rosalind Ashworth, ',
      '- **Measure:** hands up in the first minute\n',
      // A latest value sent without a day is recorded as counted today.
      '- Baseline: 6 · Target: 20 · Latest: 11 (counted on ',
      '- **Phase:** Learn\n',
      '- **Whole-school focus:** Giving up on tricky tasks\n',
      '- **Early Career Framework area:** Pedagogy\n',
      '- **Goal:** set (',
      // The approach, the rehearsal with its feedback and reflection.
      '**Approach used:** Dialogical (Rosalind Ashworth, ',
      ': Role play of the pause (logged by Rosalind Ashworth)\n',
      '  - **Feedback:** Pause was \\*\\*two\\*\\* seconds\\\n    \\# not a heading\n',
      "  - **Teacher's reflection:** It felt long but &lt;b>worked&lt;/b>\n",
      // The check-back date and who agreed to what, when.
      '**Check back on:** ',
      '**Agreement:** not agreed by both yet\n',
      'Rosalind Ashworth (coach) agreed on ',
      ' UTC to the step and date above\n',
    ]) {
      expect(markdown).toContain(expected);
    }
  });

  it('escapes a hostile title and name: no forged heading, no raw HTML', async () => {
    const { markdown } = await services.exports.meetingMarkdown(second.teacher.user.id, second.meeting.id);
    expect(markdown.startsWith('# Meeting 2 · Wait time \\# Forged title &lt;script>alert(1)&lt;/script>\n')).toBe(
      true,
    );
    expect(markdown).not.toMatch(/^\s*#{1,6} Forged/m);
    expect(markdown).not.toMatch(/<(script|img|b)\b/);
    expect(markdown).toContain('(coach) and Kwame # Forged name &lt;img src=x onerror=alert(1)> (teacher)');
  });

  it('writes the cycle with its goal and measure at the top and every meeting in order', async () => {
    const { markdown } = await services.exports.cycleMarkdown(second.teacher.user.id, cycleId);
    expect(markdown.startsWith('# Impact cycle')).toBe(true);
    const top = markdown.slice(0, markdown.indexOf('\n## '));
    expect(top).toContain('- **Measure:** hands up in the first minute\n');
    expect(top).toContain('- **Phase:** Learn\n');
    // The measure over the cycle: the sentence, then each value with its day and who recorded it.
    const over = markdown.slice(markdown.indexOf('## The measure over the cycle\n'));
    expect(over).toMatch(
      /^## The measure over the cycle\n\nFrom 6 at the start to 11 on \d+ \w+; the target is 20\.\n/,
    );
    expect(over).toMatch(/\n- \w+, \d+ \w+ \d{4}: 11 \(recorded by Kwame/);
    const firstAt = markdown.indexOf('\n## Meeting 1 · Questioning\n');
    const secondAt = markdown.indexOf('\n## Meeting 2 · Wait time \\# Forged title');
    expect(firstAt).toBeGreaterThan(0);
    expect(secondAt).toBeGreaterThan(firstAt);
    expect(markdown).toContain('### Current reality\n\nWhat we saw\n');
    expect(markdown).not.toMatch(/^\s*#{1,6} Forged/m);
  });

  it('puts the same facts in the account export, whose JSON parses with its schema', async () => {
    // `downloadExport` parses the JSON with `AccountExportSchema`.
    const { data, files } = await downloadExport(server, second.teacher.cookie);
    const [partnership] = data.partnerships;
    expect(partnership?.cycles.map((c) => c.id)).toEqual([cycleId]);
    expect(partnership?.cycles[0]?.measure).toMatchObject({ what: 'hands up in the first minute', baseline: 6 });
    expect(partnership?.cycles[0]?.measureValues.map((v) => v.value)).toEqual([11]);
    const meeting = partnership?.meetings.find((x) => x.id === second.meeting.id);
    expect(meeting).toMatchObject({
      title: HOSTILE_TITLE,
      cycleId,
      carried: { fromMeetingId: first.meeting.id, text: STEP, dueOn, agreed: true },
      review: { outcome: 'partly' },
      approach: { value: 'dialogical' },
      step: { text: 'Cold call after', dueOn, agreedByBoth: false },
    });
    expect(meeting?.step.agreements).toEqual([
      expect.objectContaining({ role: 'coach', name: 'Rosalind Ashworth', matchesStep: true }),
    ]);
    expect(meeting?.peers.filter((p) => p.checked).map((p) => p.criterion)).toEqual(['powerful', 'studentFocused']);
    expect(meeting?.practice).toEqual([
      expect.objectContaining({ what: 'Role play of the pause', reflection: 'It felt long but <b>worked</b>' }),
    ]);
    const reality = meeting?.sections.find((s) => s.id === 'currentReality');
    expect(reality).toEqual({
      id: 'currentReality',
      title: 'Current reality',
      text: 'What we saw\nSix of thirty hands went up\nmostly the front row',
      markdown: 'What we saw\n\nSix of **thirty** hands went up\\\n*mostly the front row*',
    });
    // The archive's file is the meeting's own Markdown export.
    const own = await services.exports.meetingMarkdown(second.teacher.user.id, second.meeting.id);
    expect(files[meeting?.file ?? '']).toBe(own.markdown);
  });

  it('tells an outsider the meeting and the cycle do not exist', async () => {
    for (const attempt of [
      () => services.exports.meetingMarkdown(stranger.user.id, second.meeting.id),
      () => services.exports.cycleMarkdown(stranger.user.id, cycleId),
      () => services.exports.cycleMarkdown(second.coach.user.id, 'no-such-cycle'),
    ]) {
      const err = await rejection(attempt());
      expect({ id: err.id, status: err.status }).toEqual({ id: 'not_found', status: 404 });
    }
  });

  it('says when a meeting was finished and reopened, and by whom, in the Markdown and the JSON', async () => {
    await services.finishing.finish(second.coach.user.id, second.meeting.id);
    const finished = (await services.exports.meetingMarkdown(second.teacher.user.id, second.meeting.id)).markdown;
    expect(finished).toMatch(/- \*\*Finished\*\* on .+ by /);
    await services.finishing.reopen(second.teacher.user.id, second.meeting.id);
    const reopened = (await services.exports.meetingMarkdown(second.coach.user.id, second.meeting.id)).markdown;
    expect(reopened).toMatch(/- \*\*Reopened\*\* on .+; changes since then are in its history/);
    const { data } = await services.exports.account(second.coach.user.id);
    const meeting = data.partnerships.flatMap((p) => p.meetings).find((m) => m.id === second.meeting.id);
    expect(meeting?.reopenedBy?.id).toBe(second.teacher.user.id);
    expect(meeting?.reopenedAt).not.toBeNull();
    expect(meeting?.finishedAt).toBeNull();
  });
});
