/**
 * The client's one typed call per route: give it a contract from
 * `shared/contract/` and its params and body; it builds the path, sends the
 * request and parses the answer with the contract's schema.
 */
import type { z } from 'zod';
import { fillPath, type RouteContract } from '../../../shared/contract/define.js';
import { ApiError, request, requestNoContent } from './http.js';

type ParamsInput<C extends RouteContract> = C['params'] extends z.ZodObject
  ? { params: z.input<C['params']> }
  : { params?: undefined };
type BodyInput<C extends RouteContract> = C['body'] extends z.ZodType
  ? { body: z.input<C['body']> }
  : { body?: undefined };
type QueryInput<C extends RouteContract> = C['query'] extends z.ZodObject
  ? { query: z.input<C['query']> }
  : { query?: undefined };

export type CallInput<C extends RouteContract> = ParamsInput<C> & BodyInput<C> & QueryInput<C>;

type Answer<C extends RouteContract> = C['success'] extends { schema: infer S extends z.ZodType } ? z.output<S> : void;

/** The path of a call, with its params filled in and its query appended (also for plain links). */
export function pathOf<C extends RouteContract>(contract: C, input: Partial<CallInput<C>> = {}): string {
  const path = fillPath(contract.path, (input.params ?? {}) as Record<string, string>);
  const query = input.query as Record<string, string | number> | undefined;
  if (!query) return path;
  const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  return `${path}?${search.toString()}`;
}

export async function call<C extends RouteContract>(
  contract: C,
  ...[input]: Record<string, never> extends CallInput<C> ? [CallInput<C>?] : [CallInput<C>]
): Promise<Answer<C>> {
  const path = pathOf(contract, input ?? {});
  const body = input?.body;
  const { success } = contract;
  if ('schema' in success) return (await request(contract.method, path, success.schema, body)) as Answer<C>;
  if (success.status === 204) return (await requestNoContent(contract.method, path, body)) as Answer<C>;
  throw new ApiError(
    0,
    'not_json',
    `${contract.method} ${contract.path} answers with a file or a redirect: link to it with pathOf`,
  );
}
