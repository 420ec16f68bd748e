/**
 * The one error mapper: what to tell a person when a call failed. The server's
 * own words when it sent some, else `fallback`; with `field`, its words about
 * that field first; with `field: 'all'`, its words about every field, joined.
 */
import { ApiError } from './http.js';

export function errorMessage(
  error: unknown,
  fallback = 'Something went wrong. Please try again.',
  field?: string,
): string {
  if (!(error instanceof ApiError)) return fallback;
  if (field === 'all') return Object.values(error.fields).join('. ') || error.message;
  return (field === undefined ? undefined : error.fields[field]) ?? error.message;
}
