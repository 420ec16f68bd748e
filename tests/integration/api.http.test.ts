/**
 * The HTTP layer itself: health, the OpenAPI document, error answers for
 * unknown routes and unreadable or oversized bodies, headers, and cookies
 * when the public address is https.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateInviteResponseSchema, ErrorBodySchema, HealthResponseSchema } from '../../shared/api.js';
import { API_ROUTES } from '../../shared/contract/index.js';
import { LIMITS } from '../../shared/limits.js';
import { createHttpApp } from '../../server/http/app.js';
import { backendsToTest } from '../helpers/backends.js';
import { DEFAULT_PASSWORD, uniqueEmail } from '../helpers/factories.js';
import { HttpClient, serveApp } from '../helpers/http.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const backends = await backendsToTest();

/** Every route contract, as OpenAPI names it (`get /api/meetings/{id}`). */
const DOCUMENTED_ROUTES = API_ROUTES.map(
  (r) => `${r.method.toLowerCase()} ${r.path.replace(/:([A-Za-z]+)/g, '{$1}')}`,
).sort();

interface OpenApiDoc {
  openapi: string;
  info: { title: string };
  paths: Record<string, Record<string, { responses: Record<string, { description?: string }>; requestBody?: unknown }>>;
  components?: { securitySchemes?: Record<string, { type: string; in: string; name: string }> };
}

describe.each(backends)('the HTTP layer (%s)', (backend) => {
  let server: TestServer;
  let client: HttpClient;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    client = new HttpClient(server.url);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers the health check', async () => {
    const res = await client.get('/api/health');
    expect(res.status).toBe(200);
    expect(HealthResponseSchema.parse(res.body)).toEqual({ status: 'ok' });
  });

  it('documents every route in OpenAPI 3, from the shared schemas', async () => {
    const res = await client.get<OpenApiDoc>('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('Tandem API');

    const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(routes.sort()).toEqual(DOCUMENTED_ROUTES);
    expect(routes).toEqual(
      expect.arrayContaining(['get /api/search', 'post /api/meetings/{id}/finish', 'get /api/me']),
    );
    for (const ops of Object.values(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(Object.keys(op.responses).length).toBeGreaterThan(0);
        // The origin check can refuse any state-changing call.
        if (method !== 'get') expect(op.responses['403']?.description).toContain('bad_origin');
      }
    }

    const signup = doc.paths['/api/auth/signup']?.post?.requestBody;
    expect(signup).toMatchObject({
      content: { 'application/json': { schema: { required: ['name', 'email', 'password'] } } },
    });
    expect(doc.components?.securitySchemes?.session).toEqual({ type: 'apiKey', in: 'cookie', name: 'tandem_session' });
  });

  it('answers unknown API routes with a JSON 404', async () => {
    for (const [method, path] of [
      ['GET', '/api/nothing-here'],
      ['POST', '/api/me'],
      ['GET', '/api/auth/signup'],
      ['GET', '/api'],
    ] as const) {
      const res = await client.request(method, path);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(ErrorBodySchema.parse(res.body).error.id).toBe('not_found');
    }
  });

  it('answers a malformed JSON body with a 400', async () => {
    const res = await client.request('POST', '/api/auth/login', { rawBody: '{"email": "a@b.c", ' });
    expect(res.status).toBe(400);
    expect(ErrorBodySchema.parse(res.body).error).toEqual({
      id: 'malformed_json',
      message: 'That request body is not valid JSON.',
    });
  });

  it('answers a body over the limit with a 413, without reading it', async () => {
    const name = 'x'.repeat(LIMITS.maxRequestBodyBytes + 1);
    const res = await client.post('/api/auth/signup', { name, email: uniqueEmail(), password: DEFAULT_PASSWORD });
    expect(res.status).toBe(413);
    expect(ErrorBodySchema.parse(res.body).error.id).toBe('payload_too_large');
  });

  it('marks API answers as never to be cached, and sends the usual protective headers', async () => {
    const res = await client.get('/api/health');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('uses the public https address for invitation links and Secure cookies behind a proxy', async () => {
    const { services } = server.server;
    const app = createHttpApp({ ...services, config: { ...services.config, publicUrl: 'https://tandem.example.org' } });
    const served = await serveApp(app);
    try {
      const person = new HttpClient(served.url);
      const signup = await person.post('/api/auth/signup', {
        name: 'Behind Proxy',
        email: uniqueEmail(),
        password: DEFAULT_PASSWORD,
      });
      expect(signup.status).toBe(201);
      expect(signup.headers.getSetCookie()[0]).toMatch(/;\s*Secure/i);

      const invite = CreateInviteResponseSchema.parse((await person.post('/api/invites', { role: 'teacher' })).body);
      expect(invite.url).toBe(`https://tandem.example.org/invite/${invite.token}`);
    } finally {
      await served.close();
    }
  });
});
