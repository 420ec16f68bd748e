/** Typed calls to a school's models and their use in a meeting (contracts in shared/contract/modelRoutes.ts). */
import { API } from '../../../shared/contract/index.js';
import type { ModelContent } from '../../../shared/models.js';
import { call } from './call.js';

export const fetchModels = (schoolId: string) => call(API.models, { params: { id: schoolId } });
export const fetchModel = async (id: string) => (await call(API.model, { params: { id } })).model;
export const createModel = async (schoolId: string, body: ModelContent) =>
  (await call(API.createModel, { params: { id: schoolId }, body })).model;
export const updateModel = async (id: string, body: ModelContent & { expectedRevision: number }) =>
  (await call(API.updateModel, { params: { id }, body })).model;
export const fetchModelRevisions = async (id: string) => (await call(API.modelRevisions, { params: { id } })).revisions;
export const retireModel = async (id: string) => (await call(API.retireModel, { params: { id } })).model;
export const restoreModel = async (id: string) => (await call(API.restoreModel, { params: { id } })).model;

export const fetchMeetingModels = (meetingId: string) => call(API.meetingModels, { params: { id: meetingId } });
export const recordModelUse = async (meetingId: string, modelId: string) =>
  (await call(API.recordModelUse, { params: { id: meetingId }, body: { modelId } })).use;
