/** Typed call for the cycle record page: a whole Impact Cycle with every meeting's sections and facts. */
import { API } from '../../../shared/contract/index.js';
import type { CycleRecordResponse } from '../../../shared/cycleRecord.js';
import { call } from './call.js';

export const fetchCycleRecord = (id: string): Promise<CycleRecordResponse> => call(API.cycleRecord, { params: { id } });
