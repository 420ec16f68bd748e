/** A school's library of models, and using one in a meeting (contracts in shared/contract/modelRoutes.ts). */
import { API } from '../../../shared/contract/index.js';
import type { Services } from '../../services.js';
import type { ContractRouter } from '../implement.js';

export function modelRoutes(api: ContractRouter, { models, modelUses }: Services): void {
  api.implement(API.models, ({ user, params }) => models.list(user.id, params.id));
  api.implement(API.createModel, async ({ user, params, body }) => ({
    model: await models.create(user.id, params.id, body),
  }));
  api.implement(API.model, async ({ user, params }) => ({ model: await models.get(user.id, params.id) }));
  api.implement(API.updateModel, async ({ user, params, body }) => ({
    model: await models.update(user.id, params.id, body),
  }));
  api.implement(API.modelRevisions, async ({ user, params }) => ({
    revisions: await models.revisions(user.id, params.id),
  }));
  api.implement(API.retireModel, async ({ user, params }) => ({ model: await models.retire(user.id, params.id) }));
  api.implement(API.restoreModel, async ({ user, params }) => ({ model: await models.restore(user.id, params.id) }));
  api.implement(API.meetingModels, ({ user, params }) => modelUses.forMeeting(user.id, params.id));
  api.implement(API.recordModelUse, async ({ user, params, body }) => ({
    use: await modelUses.record(user.id, params.id, body.modelId),
  }));
}
