/**
 * One contract per HTTP route: method, path, who may call it, the shapes of its
 * params, body and answer, and the errors it can give. The server registers and
 * validates routes from these (`server/http/implement.ts`), the OpenAPI document
 * is generated from them (`server/http/openapi.ts`), the client calls them
 * through one typed function (`client/src/api/call.ts`), and the authorization
 * matrix's route list is their keys. Adding a route means writing it once, here.
 */
import { z } from 'zod';
import { IdSchema } from '../api.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A JSON answer, parsed with `schema` on the client. */
export interface JsonSuccess<S extends z.ZodType = z.ZodType> {
  status: 200 | 201;
  description: string;
  schema: S;
}

/** An answer with no body. */
export interface EmptySuccess {
  status: 204;
  description: string;
}

/** A file to download (an attachment), not parsed as JSON. */
export interface FileSuccess {
  status: 200;
  description: string;
  contentType: 'application/zip' | 'text/markdown; charset=utf-8' | 'text/calendar; charset=utf-8';
}

/**
 * A redirect, for routes a browser navigates to rather than calls (signing in with a provider): the handler
 * returns where to send the browser, and refusals are redirects too, to a page that says what happened.
 */
export interface RedirectSuccess {
  status: 302;
  description: string;
  redirect: true;
}

export type Success = JsonSuccess | EmptySuccess | FileSuccess | RedirectSuccess;

export interface RouteContract {
  method: HttpMethod;
  /** Express-style path with `:name` params, e.g. `/api/meetings/:id`. */
  path: string;
  summary: string;
  description?: string;
  /** `session`: signed in (401 otherwise); `public`: anyone. */
  auth: 'session' | 'public';
  /** Path params; every `:name` in the path needs a key here. */
  params?: z.ZodObject;
  /** Query string. */
  query?: z.ZodObject;
  /** JSON body; a missing body is parsed as `{}` so the schema names what is missing. */
  body?: z.ZodType;
  success: Success;
  /** Refusals besides 401 (implied by `session`) and 403 `bad_origin` (implied for state-changing calls). */
  errors?: Partial<Record<400 | 403 | 404 | 409 | 410 | 413 | 429 | 503, string>>;
}

/** Keeps the literal types of a contract (so params, body and answer are typed at both ends). */
export function route<const C extends RouteContract>(contract: C): C {
  return contract;
}

/** The params most routes take. */
export const IdParams = z.object({ id: IdSchema });

export type ParamsOf<C extends RouteContract> = C['params'] extends z.ZodObject
  ? z.output<C['params']>
  : Record<string, never>;
export type QueryOf<C extends RouteContract> = C['query'] extends z.ZodObject
  ? z.output<C['query']>
  : Record<string, never>;
export type BodyOf<C extends RouteContract> = C['body'] extends z.ZodType ? z.output<C['body']> : undefined;
/** What the client sends as the body (before the schema's defaults and transforms). */
export type BodyInputOf<C extends RouteContract> = C['body'] extends z.ZodType ? z.input<C['body']> : undefined;
export type ResponseOf<C extends RouteContract> =
  C['success'] extends JsonSuccess<infer S>
    ? z.output<S>
    : C['success'] extends FileSuccess
      ? FileBody
      : C['success'] extends RedirectSuccess
        ? RedirectTo
        : void;

/** What a redirect route's handler returns: where the browser goes next (a path here, or another site). */
export interface RedirectTo {
  location: string;
}

/** What a file route's handler returns. */
export interface FileBody {
  fileName: string;
  body: Uint8Array | string;
}

/** `GET /api/meetings/:id`: how the route is named in logs, tests and the authorization matrix. */
export type RouteKey<C extends RouteContract> = `${C['method']} ${C['path']}`;

export function routeKey(contract: RouteContract): string {
  return `${contract.method} ${contract.path}`;
}

/** Fills a path's `:name` params, each encoded. */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path param ${name} for ${path}`);
    return encodeURIComponent(value);
  });
}
