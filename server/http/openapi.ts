/**
 * The OpenAPI 3 description of the HTTP API, generated from the same shared
 * zod schemas the routes validate with, so the two cannot drift apart in shape.
 * Served at `GET /api/openapi.json`.
 */
import { OpenAPIRegistry, OpenApiGeneratorV3, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  CreateInviteRequestSchema,
  CreateInviteResponseSchema,
  CreateMeetingRequestSchema,
  DeleteAccountRequestSchema,
  ErrorBodySchema,
  HealthResponseSchema,
  IdSchema,
  InviteInfoSchema,
  LoginRequestSchema,
  MeetingListResponseSchema,
  MeetingResponseSchema,
  PartnershipListResponseSchema,
  PartnershipResponseSchema,
  SignupRequestSchema,
  UserResponseSchema,
} from '../../shared/api.js';
import { AuthorsResponseSchema } from '../../shared/authorship.js';
import { SESSION_COOKIE } from '../auth/sessionCookie.js';
import { COACHING_ROUTES } from './openapiCoaching.js';

type Responses = RouteConfig['responses'];

const json = (schema: z.ZodType) => ({ 'application/json': { schema } });
const ok = (status: number, description: string, schema: z.ZodType): Responses => ({
  [status]: { description, content: json(schema) },
});
const fail = (description: string) => ({ description, content: json(ErrorBodySchema) });
const body = (schema: z.ZodType) => ({ body: { required: true, content: json(schema) } });

const idParams = z.object({ id: IdSchema });
const tokenParams = z.object({ token: z.string() });
const signedIn = [{ session: [] }];

const unauthenticated = { 401: fail('Not signed in.') };
const invalid = { 400: fail('Invalid input; `fields` names each problem.') };
const hidden = { 404: fail('Not found, or not one of your partnerships.') };

const ROUTES: RouteConfig[] = [
  {
    method: 'get',
    path: '/api/health',
    summary: 'The server is up and can serve',
    responses: ok(200, 'Ready', HealthResponseSchema),
  },
  {
    method: 'post',
    path: '/api/auth/signup',
    summary: 'Create an account and sign in',
    request: body(SignupRequestSchema),
    responses: {
      ...ok(201, 'Signed up; sets the session cookie', UserResponseSchema),
      ...invalid,
      409: fail('An account with that email already exists.'),
      429: fail('Too many attempts.'),
    },
  },
  {
    method: 'post',
    path: '/api/auth/login',
    summary: 'Sign in',
    request: body(LoginRequestSchema),
    responses: {
      ...ok(200, 'Signed in; sets the session cookie', UserResponseSchema),
      ...invalid,
      401: fail('Email and password do not match an account.'),
      429: fail('Too many attempts.'),
    },
  },
  {
    method: 'post',
    path: '/api/auth/logout',
    summary: 'Sign out',
    responses: { 204: { description: 'Signed out; clears the session cookie' } },
  },
  {
    method: 'get',
    path: '/api/me',
    summary: 'The signed-in user',
    security: signedIn,
    responses: { ...ok(200, 'The user', UserResponseSchema), ...unauthenticated },
  },
  {
    method: 'get',
    path: '/api/me/export',
    summary: 'Download everything you can see, as a zip archive',
    description:
      'The archive holds `tandem-export.json` (your account, sessions, invitations, and every partnership you ' +
      'are in with each meeting and the text of its five sections) and one Markdown file per meeting. ' +
      'Sent as an attachment named `tandem-export-YYYY-MM-DD.zip`.',
    security: signedIn,
    responses: {
      200: {
        description: 'The archive',
        content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
      },
      ...unauthenticated,
    },
  },
  {
    method: 'delete',
    path: '/api/me',
    summary: 'Close your account',
    description:
      'Confirmed with your password. Your name, email and password are removed and you are signed out ' +
      'everywhere. Each of your partnerships is closed: your partner keeps the notes you wrote together, ' +
      'where you are shown as "Former partner", and no new meetings can be started in it.',
    security: signedIn,
    request: body(DeleteAccountRequestSchema),
    responses: {
      204: { description: 'Closed; clears the session cookie' },
      400: fail('The password is missing or does not match (`fields.password`).'),
      ...unauthenticated,
      429: fail('Too many wrong passwords for this account, or from this address.'),
    },
  },
  {
    method: 'post',
    path: '/api/invites',
    summary: 'Invite someone to a partnership, naming your own role in it',
    security: signedIn,
    request: body(CreateInviteRequestSchema),
    responses: { ...ok(201, 'The link to send', CreateInviteResponseSchema), ...invalid, ...unauthenticated },
  },
  {
    method: 'get',
    path: '/api/invites/{token}',
    summary: 'Who made an invitation, and as what',
    request: { params: tokenParams },
    responses: {
      ...ok(200, 'The invitation', InviteInfoSchema),
      404: fail('No such invitation.'),
      410: fail('Already used, or expired.'),
    },
  },
  {
    method: 'post',
    path: '/api/invites/{token}/accept',
    summary: 'Accept an invitation, taking the other role',
    security: signedIn,
    request: { params: tokenParams },
    responses: {
      ...ok(201, 'The partnership', PartnershipResponseSchema),
      ...unauthenticated,
      404: fail('No such invitation.'),
      409: fail('Your own invitation.'),
      410: fail('Already used, or expired.'),
    },
  },
  {
    method: 'get',
    path: '/api/partnerships',
    summary: 'Your partnerships, with both people and your role',
    security: signedIn,
    responses: { ...ok(200, 'Newest first', PartnershipListResponseSchema), ...unauthenticated },
  },
  {
    method: 'get',
    path: '/api/partnerships/{id}',
    summary: 'One of your partnerships',
    security: signedIn,
    request: { params: idParams },
    responses: { ...ok(200, 'The partnership', PartnershipResponseSchema), ...unauthenticated, ...hidden },
  },
  {
    method: 'post',
    path: '/api/partnerships/{id}/meetings',
    summary: 'Start a meeting',
    security: signedIn,
    request: { params: idParams, ...body(CreateMeetingRequestSchema) },
    responses: {
      ...ok(201, 'The meeting', MeetingResponseSchema),
      ...invalid,
      ...unauthenticated,
      ...hidden,
      409: fail('The partnership is closed (your partner closed their account).'),
    },
  },
  {
    method: 'get',
    path: '/api/partnerships/{id}/meetings',
    summary: "A partnership's meetings",
    security: signedIn,
    request: { params: idParams },
    responses: { ...ok(200, 'Newest first', MeetingListResponseSchema), ...unauthenticated, ...hidden },
  },
  {
    method: 'get',
    path: '/api/meetings/{id}',
    summary: 'One meeting',
    security: signedIn,
    request: { params: idParams },
    responses: { ...ok(200, 'The meeting', MeetingResponseSchema), ...unauthenticated, ...hidden },
  },
  {
    method: 'post',
    path: '/api/meetings/{id}/end',
    summary: 'End a meeting (either partner; ending twice is harmless)',
    security: signedIn,
    request: { params: idParams },
    responses: { ...ok(200, 'The ended meeting', MeetingResponseSchema), ...unauthenticated, ...hidden },
  },
  {
    method: 'get',
    path: '/api/meetings/{id}/authors',
    summary: "Who owns each Yjs client id in the meeting's notes, as attested by the server",
    security: signedIn,
    request: { params: idParams },
    responses: { ...ok(200, 'Attested authors', AuthorsResponseSchema), ...unauthenticated, ...hidden },
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This document',
    responses: { 200: { description: 'OpenAPI 3 document' } },
  },
];

export type OpenApiDocument = ReturnType<OpenApiGeneratorV3['generateDocument']>;

const STATE_CHANGING = new Set(['post', 'put', 'patch', 'delete']);
const BAD_ORIGIN = '`bad_origin`: sent from a page on another site (checked on `Origin`, else `Referer`).';

/** Every state-changing call can also be refused by the origin check (originCheck.ts), before anything else. */
function withOriginCheck(route: RouteConfig): RouteConfig {
  if (!STATE_CHANGING.has(route.method)) return route;
  const own = route.responses[403];
  const description = own && 'description' in own ? `${own.description} Or ${BAD_ORIGIN}` : BAD_ORIGIN;
  return { ...route, responses: { ...route.responses, 403: fail(description) } };
}

export function buildOpenApiDocument(): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE });
  for (const route of [...ROUTES, ...COACHING_ROUTES]) registry.registerPath(withOriginCheck(route));
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
