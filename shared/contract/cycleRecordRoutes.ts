/** Contract of the cycle record page's route: a whole Impact Cycle, every meeting with its formatting and facts. */
import { CycleRecordResponseSchema } from '../cycleRecord.js';
import { IdParams, route } from './define.js';

export const CYCLE_RECORD_ROUTES = {
  cycleRecord: route({
    method: 'GET',
    path: '/api/cycles/:id/record',
    summary: 'A whole Impact Cycle to read or print: the goal and measure, then every meeting in order with its facts',
    auth: 'session',
    params: IdParams,
    success: { status: 200, description: 'The cycle and its meetings', schema: CycleRecordResponseSchema },
    errors: { 404: 'Not found, or not one of your partnerships.' },
  }),
} as const;
