/**
 * Registers a route from its contract (`shared/contract/`): the method and
 * path, the session check, validation of params, query and body with the
 * contract's schemas, and the answer (JSON with the contract's status, no
 * body, or a file). Handlers receive parsed input and return the answer; they
 * never touch validation or status codes.
 */
import type { Request, RequestHandler, Response, Router } from 'express';
import type { User } from '../../shared/api.js';
import type {
  BodyOf,
  FileBody,
  ParamsOf,
  QueryOf,
  RedirectTo,
  ResponseOf,
  RouteContract,
} from '../../shared/contract/define.js';
import { errors, invariant } from '../errors.js';
import { requireUser } from './session.js';
import { parseInput } from './validate.js';

export interface RouteInput<C extends RouteContract> {
  params: ParamsOf<C>;
  query: QueryOf<C>;
  body: BodyOf<C>;
  /** The signed-in user; always there on `session` routes. */
  user: C['auth'] extends 'session' ? User : User | null;
  req: Request;
  res: Response;
}

export type RouteHandler<C extends RouteContract> = (input: RouteInput<C>) => Promise<ResponseOf<C>> | ResponseOf<C>;

/** Registers routes on one router and remembers which contracts it implemented. */
export class ContractRouter {
  readonly implemented = new Set<RouteContract>();

  constructor(readonly router: Router) {}

  /** `before` runs ahead of the handler (rate limits, say), after the session is loaded. */
  implement<C extends RouteContract>(contract: C, handler: RouteHandler<C>, before: RequestHandler[] = []): void {
    invariant(!this.implemented.has(contract), `${contract.method} ${contract.path} is implemented twice`);
    this.implemented.add(contract);
    const method = contract.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    const path = contract.path.replace(/^\/api/, '');
    this.router[method](path, ...before, async (req, res) => {
      const user = contract.auth === 'session' ? requireUser(req) : (req.auth?.user ?? null);
      const input = {
        // A path that does not fit its schema names nothing that exists.
        params: contract.params ? parseParams(contract.params, req.params) : {},
        query: contract.query ? parseInput(contract.query, req.query) : {},
        body: contract.body ? parseInput(contract.body, req.body) : undefined,
        user,
        req,
        res,
      } as RouteInput<C>;
      const answer = await handler(input);
      send(contract, res, answer);
    });
  }
}

function parseParams(schema: NonNullable<RouteContract['params']>, params: unknown): unknown {
  const result = schema.safeParse(params);
  if (!result.success) throw errors.notFound();
  return result.data;
}

function send(contract: RouteContract, res: Response, answer: unknown): void {
  const { success } = contract;
  if (success.status === 204) {
    res.status(204).end();
  } else if ('redirect' in success) {
    res.redirect(302, (answer as RedirectTo).location);
  } else if ('contentType' in success) {
    const file = answer as FileBody;
    res.setHeader('Content-Type', success.contentType);
    // The name is ours (dates and ids), but quote it safely all the same.
    res.setHeader('Content-Disposition', `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`);
    const body =
      typeof file.body === 'string'
        ? file.body
        : Buffer.from(file.body.buffer, file.body.byteOffset, file.body.byteLength);
    res.status(success.status).end(body);
  } else {
    res.status(success.status).json(answer);
  }
}
