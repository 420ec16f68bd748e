/** Impact Cycles: list a partnership's, read one, edit the measure and tags, set the goal, close or reopen. */
import { API } from '../../../shared/contract/index.js';
import type { Services } from '../../services.js';
import type { ContractRouter } from '../implement.js';

export function cycleRoutes(api: ContractRouter, { coaching }: Services): void {
  api.implement(API.cycles, async ({ user, params }) => ({ cycles: await coaching.listCycles(user.id, params.id) }));
  api.implement(API.cycle, async ({ user, params }) => ({ cycle: await coaching.getCycle(user.id, params.id) }));
  api.implement(API.updateCycle, async ({ user, params, body }) => ({
    cycle: await coaching.updateCycle(user.id, params.id, body),
  }));
  api.implement(API.setGoalStatus, async ({ user, params, body }) => ({
    cycle: await coaching.setGoalStatus(user.id, params.id, body.status),
  }));
  api.implement(API.setCycleStatus, async ({ user, params, body }) => ({
    cycle: await coaching.setCycleStatus(user.id, params.id, body.status),
  }));
}
