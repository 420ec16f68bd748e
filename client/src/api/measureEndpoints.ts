/** Typed calls for the measure's values over time (see shared/measure.ts, shared/contract/measureRoutes.ts). */
import { API } from '../../../shared/contract/index.js';
import type {
  CorrectMeasureValueRequest,
  MeasureChangeResponse,
  MeasureValuesResponse,
  RecordMeasureValueRequest,
} from '../../../shared/measure.js';
import { call } from './call.js';

export const fetchMeasureValues = (cycleId: string): Promise<MeasureValuesResponse> =>
  call(API.measureValues, { params: { id: cycleId } });
export const recordMeasureValue = (cycleId: string, value: RecordMeasureValueRequest): Promise<MeasureChangeResponse> =>
  call(API.recordMeasureValue, { params: { id: cycleId }, body: value });
export const correctMeasureValue = (
  cycleId: string,
  valueId: string,
  correction: CorrectMeasureValueRequest,
): Promise<MeasureChangeResponse> =>
  call(API.correctMeasureValue, { params: { id: cycleId, valueId }, body: correction });
export const removeMeasureValue = (cycleId: string, valueId: string): Promise<MeasureChangeResponse> =>
  call(API.removeMeasureValue, { params: { id: cycleId, valueId } });
