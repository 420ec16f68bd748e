/**
 * The authorization matrix's rows for a school's library of models and their
 * use in a meeting (spread into HTTP_ROUTES in authorizationTable.ts). The
 * lead and the school's coach write; the member reads; the partners of the
 * linked partnership see the live models in their meeting and record a use;
 * to everyone else they do not exist. No answer to a school role carries a
 * meeting id or anything of the notes (the leak scan checks every one).
 */
import type { ApiRouteKey } from '../../shared/contract/index.js';
import { partnersOnly, schoolStaff, type HttpRow } from './matrixRows.js';
import type { Actor, World } from './matrixWorld.js';

/** The school's staff read; everyone else finds nothing. */
const staffRead = schoolStaff(200);
/** The lead and the school's coach write; the member is refused; everyone else finds nothing. */
const writers = (status: number): Record<Actor, number> => ({ ...schoolStaff(status), member: 403 });
const partners = partnersOnly;

const modelPath = (w: World) => `/api/models/${w.modelId}`;
const content = {
  name: 'Think, try, then ask',
  keyMoves: 'Give ten seconds of thinking time\nPoint to the first worked step',
  doneWell: 'Every pupil has something written before a hand goes up',
  practiceActivity: 'Rehearse the prompt three times with a colleague playing a stuck pupil',
  actionSteps: 'Use the prompt in the first tricky task of each lesson',
  problemIds: [],
  tags: ['KS3', 'maths'],
};

async function modelRow(w: World) {
  const { db } = w.server.server.services;
  return db
    .selectFrom('models')
    .select(['revision', 'retired_at'])
    .where('id', '=', w.modelId)
    .executeTakeFirstOrThrow();
}
async function ensureLive(w: World): Promise<void> {
  if ((await modelRow(w)).retired_at !== null)
    await w.server.server.services.models.restore(w.people.lead.user.id, w.modelId);
}
async function ensureRetired(w: World): Promise<void> {
  if ((await modelRow(w)).retired_at === null)
    await w.server.server.services.models.retire(w.people.lead.user.id, w.modelId);
}

export type ModelRouteKey = Extract<
  ApiRouteKey,
  `${string} /api/models${string}` | `${string} /api/schools/:id/models` | `${string} /api/meetings/:id/model${string}`
>;

export const MODEL_ROWS: Record<ModelRouteKey, HttpRow> = {
  'GET /api/schools/:id/models': { request: (w) => ({ path: `/api/schools/${w.schoolId}/models` }), expect: staffRead },
  'POST /api/schools/:id/models': {
    request: (w) => ({ path: `/api/schools/${w.schoolId}/models`, body: content }),
    expect: writers(201),
  },
  'GET /api/models/:id': { request: (w) => ({ path: modelPath(w) }), expect: staffRead },
  // Each caller edits from the revision the model is at now, so a writer's 200 is real and no one else's is a 409.
  'PATCH /api/models/:id': {
    request: async (w) => ({
      path: modelPath(w),
      body: { ...content, expectedRevision: (await modelRow(w)).revision },
    }),
    expect: writers(200),
  },
  'GET /api/models/:id/revisions': { request: (w) => ({ path: `${modelPath(w)}/revisions` }), expect: staffRead },
  'POST /api/models/:id/retire': {
    request: async (w) => {
      await ensureLive(w);
      return { path: `${modelPath(w)}/retire`, body: {} };
    },
    expect: writers(200),
    restore: ensureLive,
  },
  'POST /api/models/:id/restore': {
    request: async (w) => {
      await ensureRetired(w);
      return { path: `${modelPath(w)}/restore`, body: {} };
    },
    expect: writers(200),
    restore: ensureLive,
  },
  'GET /api/meetings/:id/models': {
    request: (w) => ({ path: `/api/meetings/${w.fixture.meeting.id}/models` }),
    expect: partners(200),
  },
  'POST /api/meetings/:id/model-uses': {
    request: (w) => ({ path: `/api/meetings/${w.fixture.meeting.id}/model-uses`, body: { modelId: w.modelId } }),
    expect: partners(201),
  },
};
