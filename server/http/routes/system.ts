/** Health and the API's own description: public, no session needed. */
import { Router } from 'express';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { HealthResponseSchema } from '../../../shared/api.js';
import { AppError } from '../../errors.js';
import type { Services } from '../../services.js';
import type { OpenApiDocument } from '../openapi.js';

export function systemRoutes(services: Services, openApiDocument: OpenApiDocument): Router {
  const router = Router();

  // Ready means the database answers, not only that the process is up.
  router.get('/health', async (_req, res) => {
    try {
      await sql`select 1`.execute(services.db);
    } catch (err) {
      services.logger.error('http', 'health check: database unavailable', { err });
      throw new AppError('unavailable', 503, 'Tandem cannot reach its database just now.');
    }
    res.json({ status: 'ok' } satisfies z.infer<typeof HealthResponseSchema>);
  });

  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });

  return router;
}
