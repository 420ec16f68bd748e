/** Health and the API's own description: public, no session needed. */
import { sql } from 'kysely';
import { API } from '../../../shared/contract/index.js';
import { AppError } from '../../errors.js';
import type { Services } from '../../services.js';
import type { ContractRouter } from '../implement.js';
import type { OpenApiDocument } from '../openapi.js';

export function systemRoutes(api: ContractRouter, services: Services, openApiDocument: OpenApiDocument): void {
  // Ready means the database answers, not only that the process is up.
  api.implement(API.health, async () => {
    try {
      await sql`select 1`.execute(services.db);
    } catch (err) {
      services.logger.error('http', 'health check: database unavailable', { err });
      throw new AppError('unavailable', 503, 'Tandem cannot reach its database just now.');
    }
    return { status: 'ok' as const };
  });

  api.implement(API.openApi, () => openApiDocument as unknown as Record<string, unknown>);
}
