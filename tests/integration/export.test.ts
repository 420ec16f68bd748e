/**
 * `GET /api/me/export`: a zip with `tandem-export.json` and one Markdown file
 * per meeting, holding everything the caller can see and nothing else: not
 * their partner's other partnerships, not a stranger's notes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_EXPORT_JSON } from '../../shared/accountExport.js';
import { SECTIONS } from '../../shared/sections.js';
import { backendsToTest } from '../helpers/backends.js';
import { buildMeeting, buildPartnership, buildUser, type MeetingFixture } from '../helpers/factories.js';
import { agreeToLink, createSchool, expectStatus } from '../helpers/schools.js';
import { downloadExport, rawRequest, writeSections } from '../helpers/privacy.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const backends = await backendsToTest();

describe.each(backends)('exporting your data (%s)', (backend) => {
  let server: TestServer;
  /** Coach and teacher, with a meeting both wrote in. */
  let ours: MeetingFixture;
  let secondMeetingId: string;
  /** The same coach with another teacher: the first teacher must not see it. */
  let coachesOther: MeetingFixture;
  /** Two people the others have never met. */
  let strangers: MeetingFixture;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    const coach = await buildUser(server, { name: 'Rosalind Ashworth' });
    const teacher = await buildUser(server, { name: 'Kwame Pemberton' });
    ours = await buildMeeting(server, await buildPartnership(server, { coach, teacher }), {
      title: 'Questioning: wait time',
    });
    await writeSections(server, ours.meeting.id, coach.cookie, {
      currentReality: 'Six of thirty hands went up\nMost answers came from the front row',
      actionStep: '# Use a three-second pause after every question',
    });
    await writeSections(server, ours.meeting.id, teacher.cookie, { goal: 'Every student answers at least once' });
    const second = await buildMeeting(server, ours, { title: 'Follow-up', startedBy: 'teacher' });
    secondMeetingId = second.meeting.id;
    expect((await teacher.client.post(`/api/meetings/${secondMeetingId}/end`)).status).toBe(200);

    coachesOther = await buildMeeting(
      server,
      await buildPartnership(server, { coach, teacher: await buildUser(server, { name: 'Ingrid Fairweather' }) }),
      { title: 'Behaviour routines for Year 9' },
    );
    await writeSections(server, coachesOther.meeting.id, coach.cookie, { goal: 'Calm entry within two minutes' });

    strangers = await buildMeeting(server, undefined, { title: 'A stranger’s meeting' });
    await writeSections(server, strangers.meeting.id, strangers.coach.cookie, { goal: 'Stranger goal text' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('sends a dated zip attachment that no cache keeps', async () => {
    const { res, files } = await downloadExport(server, ours.teacher.cookie);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="tandem-export-\d{4}-\d{2}-\d{2}\.zip"$/,
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['README.txt', ACCOUNT_EXPORT_JSON]));
  });

  it("holds the caller's account, their partnership and every section of every meeting", async () => {
    const { data } = await downloadExport(server, ours.teacher.cookie);
    expect(data.account).toMatchObject({
      id: ours.teacher.user.id,
      name: 'Kwame Pemberton',
      email: ours.teacher.email,
    });
    expect(data.sessions.length).toBeGreaterThanOrEqual(1);
    expect(data.partnerships).toHaveLength(1);
    const [partnership] = data.partnerships;
    expect(partnership).toMatchObject({
      id: ours.partnership.id,
      myRole: 'teacher',
      coach: { id: ours.coach.user.id, name: 'Rosalind Ashworth' },
      teacher: { id: ours.teacher.user.id, name: 'Kwame Pemberton' },
      closedAt: null,
    });
    expect(partnership?.meetings.map((m) => m.id)).toEqual([ours.meeting.id, secondMeetingId]);
    const [first, second] = partnership?.meetings ?? [];
    expect(first?.sections.map((s) => s.id)).toEqual(SECTIONS.map((s) => s.id));
    const text = Object.fromEntries(first?.sections.map((s) => [s.id, s.text]) ?? []);
    expect(text).toEqual({
      review: '',
      currentReality: 'Six of thirty hands went up\nMost answers came from the front row',
      goal: 'Every student answers at least once',
      modelledStrategy: '',
      practicePlan: '',
      actionStep: '# Use a three-second pause after every question',
    });
    expect(second).toMatchObject({ title: 'Follow-up', createdBy: { name: 'Kwame Pemberton' } });
    expect(second?.endedAt).not.toBeNull();
  });

  it('lists the invitations the caller made', async () => {
    const { data } = await downloadExport(server, ours.coach.cookie);
    expect(data.invitations).toHaveLength(2);
    expect(data.invitations.every((i) => i.myRole === 'coach' && i.acceptedAt !== null)).toBe(true);
    expect(data.invitations.map((i) => i.partnershipId).sort()).toEqual(
      [ours.partnership.id, coachesOther.partnership.id].sort(),
    );
  });

  it('holds the next meeting, the school link, reminder settings, the calendar link and schools', async () => {
    const { coach, teacher, partnership } = coachesOther;
    const startsAt = new Date(Date.now() + 3 * 24 * 60 * 60_000).toISOString();
    expectStatus(
      await teacher.client.request('PUT', `/api/partnerships/${partnership.id}/next-meeting`, { body: { startsAt } }),
      200,
      'scheduling',
    );
    expectStatus(
      await coach.client.request('PUT', '/api/me/reminders', {
        body: { meetingDayBefore: false, checkBack: true, timeZone: 'Europe/Dublin' },
      }),
      200,
      'reminder settings',
    );
    expectStatus(await coach.client.post('/api/me/calendar'), 201, 'calendar link');
    const school = await createSchool(coach, 'Harbourside Academy');
    await agreeToLink(coach, partnership.id, school.id);
    await agreeToLink(teacher, partnership.id, school.id);
    const written = await coach.client.post(`/api/schools/${school.id}/models`, {
      name: 'Calm, consistent entry',
      keyMoves: 'Meet them at the door\nA task on the board before they sit',
    });
    expectStatus(written, 201, 'writing a model');
    const modelId = (written.body as { model: { id: string } }).model.id;
    expectStatus(
      await teacher.client.post(`/api/meetings/${coachesOther.meeting.id}/model-uses`, { modelId }),
      201,
      'using the model',
    );

    const { data, res } = await downloadExport(server, coach.cookie);
    expect(data.reminders).toEqual({ meetingDayBefore: false, checkBack: true, timeZone: 'Europe/Dublin' });
    expect(data.calendarLink?.createdAt).toEqual(expect.any(String));
    expect(data.schools).toEqual([
      { id: school.id, name: 'Harbourside Academy', myRole: 'lead', joinedAt: expect.any(String) },
    ]);
    expect(data.signInProviders).toEqual([]);
    const exported = data.partnerships.find((p) => p.id === partnership.id);
    expect(exported?.nextMeeting).toMatchObject({ startsAt, setBy: { id: teacher.user.id } });
    expect(exported?.school).toMatchObject({ school: { id: school.id }, status: 'linked', coachAgreed: true });
    expect(exported?.meetings[0]?.modelsUsed).toEqual([
      {
        modelId,
        name: 'Calm, consistent entry',
        usedAt: expect.any(String),
        usedBy: { id: teacher.user.id, name: 'Ingrid Fairweather' },
      },
    ]);
    expect(data.partnerships.find((p) => p.id === ours.partnership.id)?.meetings[0]?.modelsUsed).toEqual([]);
    expect(data.partnerships.find((p) => p.id === ours.partnership.id)).toMatchObject({
      nextMeeting: null,
      school: null,
    });
    // The calendar link's secret is never written down, not even hashed.
    const stored = await server.server.services.db.selectFrom('calendar_links').select('token_hash').execute();
    for (const { token_hash } of stored) expect(JSON.stringify(data)).not.toContain(token_hash);
    expect(res.status).toBe(200);
  });

  it('writes each meeting as Markdown a person can read, with a heading per section', async () => {
    const { data, files } = await downloadExport(server, ours.teacher.cookie);
    const meeting = data.partnerships[0]?.meetings[0];
    const markdown = files[meeting?.file ?? ''];
    expect(meeting?.file).toMatch(/^meetings\/with-rosalind-ashworth-[\w-]+\/\d{4}-\d{2}-\d{2}-questioning-wait-time-/);
    expect(markdown).toBeDefined();
    expect(markdown).toContain('# Meeting 1 · Questioning: wait time\n');
    expect(markdown).toContain('Rosalind Ashworth (coach) and Kwame Pemberton (teacher)');
    for (const section of SECTIONS) expect(markdown).toContain(`\n## ${section.title}\n`);
    expect(markdown).toContain(
      // A newline typed in the text is a line break in Markdown (a backslash at the end of the line).
      '## Current reality\n\nSix of thirty hands went up\\\nMost answers came from the front row\n',
    );
    expect(markdown).toContain('## Modelled strategy\n\n_Nothing was written here._');
    // A line the partners wrote never becomes a heading of its own.
    expect(markdown).toContain('\n\\# Use a three-second pause after every question\n');
    const meetingFiles = Object.keys(files).filter((f) => f.endsWith('.md'));
    expect(meetingFiles).toHaveLength(2);
  });

  it("leaves out the coach's other partnership and strangers' notes entirely", async () => {
    const { res } = await downloadExport(server, ours.teacher.cookie);
    for (const secret of [
      coachesOther.partnership.id,
      coachesOther.meeting.id,
      coachesOther.meeting.title,
      coachesOther.teacher.user.id,
      'Ingrid Fairweather',
      coachesOther.teacher.email,
      'Calm entry within two minutes',
      strangers.partnership.id,
      strangers.meeting.id,
      strangers.coach.user.name,
      strangers.teacher.user.name,
      strangers.coach.email,
      'Stranger goal text',
      // A partner's email is theirs: partners see each other's names, not addresses.
      ours.coach.email,
    ]) {
      expect(res.text).not.toContain(secret);
    }
  });

  it('gives the coach both of their partnerships', async () => {
    const { data } = await downloadExport(server, ours.coach.cookie);
    expect(data.partnerships.map((p) => p.id).sort()).toEqual(
      [ours.partnership.id, coachesOther.partnership.id].sort(),
    );
    const other = data.partnerships.find((p) => p.id === coachesOther.partnership.id);
    expect(other?.meetings[0]?.sections.find((s) => s.id === 'goal')?.text).toBe('Calm entry within two minutes');
  });

  it('gives someone with no partnerships just their account', async () => {
    const loner = await buildUser(server, { name: 'Solitary Sam' });
    const { data, files } = await downloadExport(server, loner.cookie);
    expect(data.account.name).toBe('Solitary Sam');
    expect(data.partnerships).toEqual([]);
    expect(Object.keys(files).sort()).toEqual(['README.txt', ACCOUNT_EXPORT_JSON]);
  });

  it('asks someone not signed in to sign in', async () => {
    const res = await rawRequest(server.url, 'GET', '/api/me/export');
    expect(res.status).toBe(401);
    expect(JSON.parse(res.text)).toMatchObject({ error: { id: 'unauthenticated' } });
  });
});
