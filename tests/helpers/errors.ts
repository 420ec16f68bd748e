/** Asserting the error body every refusal carries: `{ error: { id, message, fields? } }`. */
import { expect } from 'vitest';
import { ErrorBodySchema } from '../../shared/api.js';
import type { HttpResponse } from './http.js';

/** Expects `status` with error `id`; resolves with the fields named, if any. */
export function expectError(res: HttpResponse, status: number, id: string): Record<string, string> {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  const { error } = ErrorBodySchema.parse(res.body);
  expect(error.id).toBe(id);
  return error.fields ?? {};
}
