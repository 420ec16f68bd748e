/** The measure's values over time: list them, record one, correct or remove a mistaken one (either partner). */
import { API } from '../../../shared/contract/index.js';
import type { Services } from '../../services.js';
import type { ContractRouter } from '../implement.js';

export function measureRoutes(api: ContractRouter, { coaching }: Services): void {
  api.implement(API.measureValues, ({ user, params }) => coaching.measureValues(user.id, params.id));
  api.implement(API.recordMeasureValue, ({ user, params, body }) =>
    coaching.recordMeasureValue(user.id, params.id, body),
  );
  api.implement(API.correctMeasureValue, ({ user, params, body }) =>
    coaching.correctMeasureValue(user.id, params.id, params.valueId, body),
  );
  api.implement(API.removeMeasureValue, ({ user, params }) =>
    coaching.removeMeasureValue(user.id, params.id, params.valueId),
  );
}
