/**
 * The OpenAPI 3 description of the HTTP API, generated from the route
 * contracts (`shared/contract/`) that the server registers and validates
 * with, so the two cannot drift apart. Served at `GET /api/openapi.json`.
 */
import {
  OpenAPIRegistry,
  OpenApiGeneratorV3,
  zodToOpenAPIRegistry,
  type RouteConfig,
} from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { ErrorBodySchema } from '../../shared/api.js';
import type { RouteContract } from '../../shared/contract/define.js';
import { API_ROUTES } from '../../shared/contract/index.js';
import { BlockSchema } from '../../shared/cycleRecord.js';
import { SESSION_COOKIE } from '../auth/sessionCookie.js';

// A section's blocks nest (a list item holds lists): named once, so the document refers to it instead of recursing.
zodToOpenAPIRegistry.add(BlockSchema, { _internal: { refId: 'Block' } });

type Responses = RouteConfig['responses'];

const json = (schema: z.ZodType) => ({ 'application/json': { schema } });
const fail = (description: string) => ({ description, content: json(ErrorBodySchema) });

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const BAD_ORIGIN = '`bad_origin`: sent from a page on another site (checked on `Origin`, else `Referer`).';

function responses(contract: RouteContract): Responses {
  const { success } = contract;
  const out: Responses = {};
  if (success.status === 204) out[204] = { description: success.description };
  else if ('redirect' in success) {
    out[302] = {
      description: success.description,
      headers: { Location: { description: 'Where the browser goes next', schema: { type: 'string' } } },
    };
  } else if ('contentType' in success) {
    out[success.status] = {
      description: success.description,
      content: { [success.contentType]: { schema: { type: 'string', format: 'binary' } } },
    };
  } else out[success.status] = { description: success.description, content: json(success.schema) };
  if (contract.body || contract.query) out[400] = fail('Invalid input; `fields` names each problem.');
  if (contract.auth === 'session') out[401] = fail('Not signed in.');
  for (const [status, description] of Object.entries(contract.errors ?? {})) out[status] = fail(description);
  // Every state-changing call can also be refused by the origin check (originCheck.ts), before anything else.
  if (STATE_CHANGING.has(contract.method)) {
    const own = contract.errors?.[403];
    out[403] = fail(own ? `${own} Or ${BAD_ORIGIN}` : BAD_ORIGIN);
  }
  return out;
}

function toRouteConfig(contract: RouteContract): RouteConfig {
  return {
    method: contract.method.toLowerCase() as RouteConfig['method'],
    path: contract.path.replace(/:([A-Za-z]+)/g, '{$1}'),
    summary: contract.summary,
    ...(contract.description ? { description: contract.description } : {}),
    ...(contract.auth === 'session' ? { security: [{ session: [] }] } : {}),
    request: {
      ...(contract.params ? { params: contract.params } : {}),
      ...(contract.query ? { query: contract.query } : {}),
      ...(contract.body ? { body: { required: true, content: json(contract.body) } } : {}),
    },
    responses: responses(contract),
  };
}

export type OpenApiDocument = ReturnType<OpenApiGeneratorV3['generateDocument']>;

export function buildOpenApiDocument(): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE });
  for (const contract of API_ROUTES) registry.registerPath(toRouteConfig(contract));
  return new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.3',
    info: {
      title: 'Tandem API',
      version: '1',
      description:
        'The HTTP API of Tandem, a shared workspace for instructional coaching. Errors are ' +
        '`{ error: { id, message, fields? } }`. Signed-in calls carry the session cookie.',
    },
  });
}
