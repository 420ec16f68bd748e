/** The cycle record page's route: a whole Impact Cycle to read or print. */
import { API } from '../../../shared/contract/index.js';
import type { Services } from '../../services.js';
import type { ContractRouter } from '../implement.js';

export function cycleRecordRoutes(api: ContractRouter, services: Services): void {
  api.implement(API.cycleRecord, ({ user, params }) => services.exports.cycleRecord(user.id, params.id));
}
