/** What to tell a person when a call failed: the server's own words when it sent some, else `fallback`. */
import { ApiError } from './http.js';

export function errorMessage(error: unknown, fallback = 'Something went wrong. Please try again.'): string {
  return error instanceof ApiError ? error.message : fallback;
}
