/**
 * A school's library of models, on SQLite and PostgreSQL, through the real
 * HTTP API: a coach writes a model and improves it (every revision kept, a
 * stale edit refused with 409), another coach improves it too, a member reads
 * but cannot write, a retired model is not offered in meetings; a partner uses
 * a model in a meeting (once per meeting and model) and the use is counted in
 * the programme's figures under the small-number rule, until the partnership
 * is unlinked. No answer to the school's people carries a meeting id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MeetingModelsResponseSchema,
  ModelListResponseSchema,
  ModelResponseSchema,
  ModelRevisionsResponseSchema,
  type Model,
} from '../../shared/models.js';
import { ProgrammeResponseSchema, SchoolViewResponseSchema } from '../../shared/schools.js';
import { backendsToTest } from '../helpers/backends.js';
import { buildUser, type PartnershipFixture, type UserFixture } from '../helpers/factories.js';
import type { HttpResponse } from '../helpers/http.js';
import { leaked } from '../helpers/privacy.js';
import {
  createSchool,
  expectStatus,
  invitationToken,
  joinSchool,
  linkedPartnershipWithMeeting,
} from '../helpers/schools.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const backends = await backendsToTest();

const content = {
  name: 'Think, try, then ask',
  keyMoves: 'Give ten seconds of silent thinking time\nPoint to the first worked step, not the answer',
  doneWell: 'Every pupil has written something before a hand goes up',
  practiceActivity: 'Rehearse the prompt three times with a colleague playing a stuck pupil',
  actionSteps: 'Use the prompt at the first tricky task of each lesson',
  tags: ['KS3', 'maths'],
};

describe.each(backends)('a school’s library of models (%s)', (backend) => {
  let server: TestServer;
  let lead: UserFixture;
  let coach: UserFixture;
  let otherCoach: UserFixture;
  let member: UserFixture;
  let stranger: UserFixture;
  let schoolId: string;
  let problemId: string;
  let model: Model;
  const partnerships: (PartnershipFixture & { meetingId: string })[] = [];

  const modelOf = (res: HttpResponse, status: number, what: string) => {
    expectStatus(res, status, what);
    return ModelResponseSchema.parse(res.body).model;
  };
  const programmeAs = async (person: UserFixture) => {
    const res = await person.client.get(`/api/schools/${schoolId}/programme`);
    expectStatus(res, 200, 'the programme');
    return ProgrammeResponseSchema.parse(res.body);
  };

  beforeAll(async () => {
    server = await startTestServer({ backend });
    lead = await buildUser(server, { name: 'Rosalind Lead' });
    coach = await buildUser(server, { name: 'Barnaby Coach' });
    otherCoach = await buildUser(server, { name: 'Imogen Coach' });
    member = await buildUser(server, { name: 'Percival Member' });
    stranger = await buildUser(server, { name: 'Someone Elsewhere' });
    schoolId = (await createSchool(lead, 'Ashdown Vale School')).id;
    await joinSchool(coach, await invitationToken(lead, schoolId, 'coach'));
    await joinSchool(otherCoach, await invitationToken(lead, schoolId, 'coach'));
    await joinSchool(member, await invitationToken(lead, schoolId, 'member'));
    const problem = await lead.client.post(`/api/schools/${schoolId}/problems`, { title: 'Giving up on tricky tasks' });
    expectStatus(problem, 201, 'writing a problem');
    problemId = (problem.body as { problem: { id: string } }).problem.id;
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('lets coaches write and improve a model together, keeping every revision and refusing a stale edit', async () => {
    model = modelOf(
      await coach.client.post(`/api/schools/${schoolId}/models`, { ...content, problemIds: [problemId] }),
      201,
      'writing a model',
    );
    expect(model).toMatchObject({ ...content, problemIds: [problemId], revision: 1, status: 'live' });
    expect(model.createdBy.name).toBe('Barnaby Coach');

    const path = `/api/models/${model.id}`;
    const edited = modelOf(
      await coach.client.request('PATCH', path, {
        body: { ...content, problemIds: [problemId], doneWell: 'Most pupils try a step alone', expectedRevision: 1 },
      }),
      200,
      'editing',
    );
    expect(edited.revision).toBe(2);

    // Another coach, who read revision 1, would overwrite the edit: refused, and nothing changes.
    const stale = await otherCoach.client.request('PATCH', path, {
      body: { ...content, keyMoves: 'Something else', expectedRevision: 1 },
    });
    expect(stale.status).toBe(409);
    expect((stale.body as { error: { id: string } }).error.id).toBe('stale_revision');
    expect(modelOf(await member.client.get(path), 200, 'reading').doneWell).toBe('Most pupils try a step alone');

    // From the revision they now see, the other coach improves it.
    const improved = modelOf(
      await otherCoach.client.request('PATCH', path, {
        body: {
          ...content,
          problemIds: [problemId],
          doneWell: 'Most pupils try a step alone',
          keyMoves: `${content.keyMoves}\nPraise the attempt, not the answer`,
          expectedRevision: 2,
        },
      }),
      200,
      'improving',
    );
    expect(improved).toMatchObject({
      revision: 3,
      updatedBy: { name: 'Imogen Coach' },
      createdBy: { name: 'Barnaby Coach' },
    });

    const revisions = ModelRevisionsResponseSchema.parse((await member.client.get(`${path}/revisions`)).body).revisions;
    expect(revisions.map((r) => [r.revision, r.change, r.by.name])).toEqual([
      [3, 'edited', 'Imogen Coach'],
      [2, 'edited', 'Barnaby Coach'],
      [1, 'written', 'Barnaby Coach'],
    ]);
    expect(revisions[2]?.content.doneWell).toBe(content.doneWell);
    expect(revisions[0]?.content.keyMoves).toContain('Praise the attempt');
    model = improved;
  });

  it('lets a member read the library but not write it; to anyone else it does not exist', async () => {
    const list = ModelListResponseSchema.parse((await member.client.get(`/api/schools/${schoolId}/models`)).body);
    expect(list.mayWrite).toBe(false);
    expect(list.models.map((m) => m.id)).toEqual([model.id]);
    expect(
      ModelListResponseSchema.parse((await coach.client.get(`/api/schools/${schoolId}/models`)).body).mayWrite,
    ).toBe(true);

    expect((await member.client.post(`/api/schools/${schoolId}/models`, content)).status).toBe(403);
    const patch = { ...content, expectedRevision: model.revision };
    expect((await member.client.request('PATCH', `/api/models/${model.id}`, { body: patch })).status).toBe(403);
    expect((await member.client.post(`/api/models/${model.id}/retire`)).status).toBe(403);
    expect((await stranger.client.get(`/api/models/${model.id}`)).status).toBe(404);
    expect((await stranger.client.get(`/api/schools/${schoolId}/models`)).status).toBe(404);
    expect((await stranger.client.post(`/api/schools/${schoolId}/models`, content)).status).toBe(404);

    // Only the school's own problems, and sensible lengths.
    const foreign = await coach.client.post(`/api/schools/${schoolId}/models`, { ...content, problemIds: ['nope'] });
    expect(foreign.status).toBe(400);
    const long = await coach.client.post(`/api/schools/${schoolId}/models`, { ...content, name: 'x'.repeat(121) });
    expect(long.status).toBe(400);
    expect((long.body as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('name');
  });

  it('lets a partner use a live model in a meeting, once per meeting, and counts it in the programme', async () => {
    for (const name of ['Anwen', 'Bartholomew', 'Cordelia', 'Dashiell', 'Evangeline', 'Fitzwilliam']) {
      partnerships.push(await linkedPartnershipWithMeeting(server, schoolId, coach, `${name} Teacher`));
    }
    const [first, , , , , sixth] = partnerships;
    if (!first || !sixth) throw new Error('partnerships missing');

    const offered = MeetingModelsResponseSchema.parse(
      (await first.teacher.client.get(`/api/meetings/${first.meetingId}/models`)).body,
    );
    expect(offered.school?.id).toBe(schoolId);
    expect(offered.models.map((m) => m.name)).toEqual([content.name]);
    expect(offered.usedModelIds).toEqual([]);

    const usePath = `/api/meetings/${first.meetingId}/model-uses`;
    const used = await first.teacher.client.post(usePath, { modelId: model.id });
    expectStatus(used, 201, 'using the model');
    const again = await first.coach.client.post(usePath, { modelId: model.id });
    expectStatus(again, 201, 'using it again');
    expect(again.body).toEqual(used.body);
    expect((await stranger.client.post(usePath, { modelId: model.id })).status).toBe(404);
    expect((await lead.client.post(usePath, { modelId: model.id })).status).toBe(404);
    expectStatus(
      await sixth.coach.client.post(`/api/meetings/${sixth.meetingId}/model-uses`, { modelId: model.id }),
      201,
      'the sixth partnership using it',
    );

    const six = await programmeAs(lead);
    expect(six.overall.partnerships).toEqual({ shown: true, value: 6 });
    expect(six.overall.modelsUsed).toEqual({ shown: true, value: 2 });
    const mine = SchoolViewResponseSchema.parse(
      (await first.teacher.client.get(`/api/partnerships/${first.partnership.id}/school-view`)).body,
    );
    expect(mine.contribution?.overall.modelsUsed).toEqual({ shown: true, value: 1 });

    // Unlinked, the sixth partnership's use stops counting.
    expectStatus(
      await sixth.teacher.client.request('DELETE', `/api/partnerships/${sixth.partnership.id}/school`),
      200,
      'unlinking',
    );
    const five = await programmeAs(lead);
    expect(five.overall.partnerships).toEqual({ shown: true, value: 5 });
    expect(five.overall.modelsUsed).toEqual({ shown: true, value: 1 });
    // ...and an unlinked partnership is offered no models, nor may it record a use.
    const none = MeetingModelsResponseSchema.parse(
      (await sixth.teacher.client.get(`/api/meetings/${sixth.meetingId}/models`)).body,
    );
    expect(none).toEqual({ school: null, models: [], usedModelIds: [] });
    expect(
      (await sixth.coach.client.post(`/api/meetings/${sixth.meetingId}/model-uses`, { modelId: model.id })).status,
    ).toBe(409);

    // Nothing the school's people read names a meeting.
    const meetingIds = partnerships.map((p) => p.meetingId);
    for (const person of [lead, coach, otherCoach, member]) {
      for (const path of [
        `/api/schools/${schoolId}/models`,
        `/api/models/${model.id}`,
        `/api/models/${model.id}/revisions`,
        `/api/schools/${schoolId}/programme`,
      ]) {
        const res = await person.client.get(path);
        expect(leaked(meetingIds, path, JSON.stringify(res.body)), path).toEqual([]);
      }
    }
  });

  it('does not offer a retired model, and brings it back', async () => {
    const first = partnerships[0];
    if (!first) throw new Error('partnership missing');
    const retired = modelOf(await otherCoach.client.post(`/api/models/${model.id}/retire`), 200, 'retiring');
    expect(retired).toMatchObject({ status: 'retired', revision: model.revision + 1 });
    expect((await otherCoach.client.post(`/api/models/${model.id}/retire`)).status).toBe(409);
    const offered = MeetingModelsResponseSchema.parse(
      (await first.teacher.client.get(`/api/meetings/${first.meetingId}/models`)).body,
    );
    expect(offered.models).toEqual([]);
    const second = partnerships[1];
    if (!second) throw new Error('partnership missing');
    const refused = await second.teacher.client.post(`/api/meetings/${second.meetingId}/model-uses`, {
      modelId: model.id,
    });
    expect(refused.status).toBe(409);

    const back = modelOf(await lead.client.post(`/api/models/${model.id}/restore`), 200, 'restoring');
    expect(back.status).toBe('live');
    const changes = ModelRevisionsResponseSchema.parse(
      (await coach.client.get(`/api/models/${model.id}/revisions`)).body,
    );
    expect(changes.revisions.slice(0, 2).map((r) => r.change)).toEqual(['restored', 'retired']);
  });
});
