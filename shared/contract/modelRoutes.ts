/**
 * Contracts of a school's library of models: listing and writing them (the
 * lead and coaches write, other staff read), editing with the revision the
 * edit started from (409 when someone else changed it meanwhile), their
 * revisions, retiring and bringing back; and, in a meeting, the linked
 * school's live models and recording that one was used.
 */
import { IdParams, route } from './define.js';
import {
  CreateModelRequestSchema,
  MeetingModelsResponseSchema,
  ModelListResponseSchema,
  ModelResponseSchema,
  ModelRevisionsResponseSchema,
  ModelUseResponseSchema,
  RecordModelUseRequestSchema,
  UpdateModelRequestSchema,
} from '../models.js';

const hiddenSchool = 'Not found, or not a school you belong to.';
const hiddenModel = 'Not found, or not a model of a school you belong to.';
const hiddenMeeting = 'Not found, or not one of your meetings.';
const invalid = 'Invalid input; `fields` names each problem.';
const writers = 'Only the school’s coaching lead and coaches write models; other staff read them.';
const model = { status: 200, description: 'The model', schema: ModelResponseSchema } as const;

export const MODEL_ROUTES = {
  models: route({
    method: 'GET',
    path: '/api/schools/:id/models',
    summary: 'The school’s models, live and retired (any member of staff), and whether you may write them',
    auth: 'session',
    params: IdParams,
    success: { status: 200, description: 'The models', schema: ModelListResponseSchema },
    errors: { 404: hiddenSchool },
  }),
  createModel: route({
    method: 'POST',
    path: '/api/schools/:id/models',
    summary:
      'Write a model: the strategy, its key moves, done well, a practice activity, example steps (lead, coaches)',
    auth: 'session',
    params: IdParams,
    body: CreateModelRequestSchema,
    success: { status: 201, description: 'The model, at revision 1', schema: ModelResponseSchema },
    errors: { 400: invalid, 403: writers, 404: hiddenSchool },
  }),
  model: route({
    method: 'GET',
    path: '/api/models/:id',
    summary: 'One model (any member of its school’s staff)',
    auth: 'session',
    params: IdParams,
    success: model,
    errors: { 404: hiddenModel },
  }),
  updateModel: route({
    method: 'PATCH',
    path: '/api/models/:id',
    summary: 'Improve a model: its whole content and the revision the edit started from (lead, coaches)',
    auth: 'session',
    params: IdParams,
    body: UpdateModelRequestSchema,
    success: model,
    errors: {
      400: invalid,
      403: writers,
      404: hiddenModel,
      409: '`stale_revision`: someone changed the model since that revision; read it again and redo the edit.',
    },
  }),
  modelRevisions: route({
    method: 'GET',
    path: '/api/models/:id/revisions',
    summary: 'Every revision of a model, newest first: who, when, what changed and the whole content',
    auth: 'session',
    params: IdParams,
    success: { status: 200, description: 'The revisions', schema: ModelRevisionsResponseSchema },
    errors: { 404: hiddenModel },
  }),
  retireModel: route({
    method: 'POST',
    path: '/api/models/:id/retire',
    summary: 'Retire a model: it stays in the library, but meetings no longer offer it (lead, coaches)',
    auth: 'session',
    params: IdParams,
    success: model,
    errors: { 403: writers, 404: hiddenModel, 409: '`already_retired`.' },
  }),
  restoreModel: route({
    method: 'POST',
    path: '/api/models/:id/restore',
    summary: 'Bring a retired model back (lead, coaches)',
    auth: 'session',
    params: IdParams,
    success: model,
    errors: { 403: writers, 404: hiddenModel, 409: '`not_retired`.' },
  }),
  meetingModels: route({
    method: 'GET',
    path: '/api/meetings/:id/models',
    summary: 'The live models of the school this meeting’s partnership is linked to (the partners), and those used',
    auth: 'session',
    params: IdParams,
    success: { status: 200, description: 'The models to use', schema: MeetingModelsResponseSchema },
    errors: { 404: hiddenMeeting },
  }),
  recordModelUse: route({
    method: 'POST',
    path: '/api/meetings/:id/model-uses',
    summary: 'Record that a model was used in this meeting (the partners); once per meeting and model',
    auth: 'session',
    params: IdParams,
    body: RecordModelUseRequestSchema,
    success: {
      status: 201,
      description: 'The use (the first one, if it was already recorded)',
      schema: ModelUseResponseSchema,
    },
    errors: {
      400: invalid,
      404: hiddenMeeting,
      409: '`model_unavailable`: not a live model of the school this partnership is linked to. `meeting_finished`.',
    },
  }),
} as const;
