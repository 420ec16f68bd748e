/**
 * The one place the client talks HTTP. Every response body is parsed with the
 * zod schema from shared/api.ts, so a server that drifts from the contract
 * fails loudly here rather than somewhere deep in a component.
 */
import type { z } from 'zod';
import { ErrorBodySchema } from '../../../shared/api.js';

/** A failed request, with the server's stable error id when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** True for errors that mean "sign in first". */
export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/** True for errors that mean "this is not there, or not yours" (the server does not say which). */
export function isNotFoundOrForbidden(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 403 || error.status === 404);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function send(method: Method, path: string, body: unknown): Promise<Response> {
  try {
    return await fetch(path, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { Accept: 'application/json' }
          : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'We could not reach Tandem. Check your connection and try again.');
  }
}

async function toError(response: Response): Promise<ApiError> {
  const text = await response.text();
  try {
    const parsed = ErrorBodySchema.safeParse(JSON.parse(text));
    if (parsed.success) {
      const { id, message, fields } = parsed.data.error;
      return new ApiError(response.status, id, message, fields);
    }
  } catch {
    // Not JSON (a proxy's error page, say): fall through to a generic message.
  }
  const message =
    response.status === 429
      ? 'That was a lot of attempts in a short time. Please wait a minute and try again.'
      : 'Something went wrong on our side. Please try again in a moment.';
  return new ApiError(response.status, `http_${response.status}`, message);
}

/** Sends a request and parses the JSON response with `schema`. */
export async function request<S extends z.ZodType>(
  method: Method,
  path: string,
  schema: S,
  body?: unknown,
): Promise<z.infer<S>> {
  const response = await send(method, path, body);
  if (!response.ok) throw await toError(response);
  const json: unknown = await response.json();
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(
      response.status,
      'bad_response',
      'Tandem sent an answer we did not understand. Please reload the page.',
    );
  }
  return parsed.data;
}

/** Sends a request that answers with no body (204). */
export async function requestNoContent(method: Method, path: string, body?: unknown): Promise<void> {
  const response = await send(method, path, body);
  if (!response.ok) throw await toError(response);
}
