/**
 * Contracts of the measure's values over time: every value recorded for a
 * cycle's measure, recording one, and correcting or removing a mistaken one.
 * Either partner may do each (the measure is co-owned, like the notes); a
 * correction is stamped with who made it, and every change is told to both
 * partners at once (`cycle:changed`).
 */
import { z } from 'zod';
import { IdSchema } from '../api.js';
import {
  CorrectMeasureValueRequestSchema,
  MeasureChangeResponseSchema,
  MeasureValuesResponseSchema,
  RecordMeasureValueRequestSchema,
} from '../measure.js';
import { IdParams, route } from './define.js';

const hidden = 'Not found, or not one of your partnerships.';
const invalid = 'Invalid input; `fields` names each problem.';
const ValueParams = z.object({ id: IdSchema, valueId: IdSchema });
const changed = { status: 200, description: 'The cycle and every value', schema: MeasureChangeResponseSchema } as const;

export const MEASURE_ROUTES = {
  measureValues: route({
    method: 'GET',
    path: '/api/cycles/:id/measure/values',
    summary: "Every value recorded for the cycle's measure, oldest first, and the cycle's meetings",
    auth: 'session',
    params: IdParams,
    success: { status: 200, description: 'The values and meetings', schema: MeasureValuesResponseSchema },
    errors: { 404: hidden },
  }),
  recordMeasureValue: route({
    method: 'POST',
    path: '/api/cycles/:id/measure/values',
    summary:
      'Record a value of the measure and the day it was counted (either partner); it becomes the latest if it is',
    auth: 'session',
    params: IdParams,
    body: RecordMeasureValueRequestSchema,
    success: { status: 201, description: 'Recorded; the cycle and every value', schema: MeasureChangeResponseSchema },
    errors: { 400: `${invalid} A date after today is refused.`, 404: hidden, 409: '`too_many_values`' },
  }),
  correctMeasureValue: route({
    method: 'PATCH',
    path: '/api/cycles/:id/measure/values/:valueId',
    summary: 'Correct a mistaken value or its date (either partner); the correction is stamped with who and when',
    auth: 'session',
    params: ValueParams,
    body: CorrectMeasureValueRequestSchema,
    success: changed,
    errors: { 400: invalid, 404: hidden },
  }),
  removeMeasureValue: route({
    method: 'DELETE',
    path: '/api/cycles/:id/measure/values/:valueId',
    summary: 'Remove a value recorded by mistake (either partner)',
    auth: 'session',
    params: ValueParams,
    success: changed,
    errors: { 404: hidden },
  }),
} as const;
