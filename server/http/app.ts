/**
 * The HTTP side of Tandem: the JSON API under /api and, when built, the
 * client. Routes are thin (validate, call the domain, present); everything
 * they throw is answered by one error handler.
 */
import express from 'express';
import helmet from 'helmet';
import { routeKey } from '../../shared/contract/define.js';
import { API_ROUTES } from '../../shared/contract/index.js';
import { LIMITS } from '../../shared/limits.js';
import { invariant } from '../errors.js';
import type { Services } from '../services.js';
import { mountClientApp } from './clientApp.js';
import { compressJson } from './compressJson.js';
import { errorHandler, notFoundHandler } from './errorHandler.js';
import { ContractRouter } from './implement.js';
import { buildOpenApiDocument } from './openapi.js';
import { originCheck } from './originCheck.js';
import { authRateLimiters, defaultRateLimits, type RateLimitSettings } from './rateLimits.js';
import { requestLog } from './requestLog.js';
import { accountMailRoutes } from './routes/accountMail.js';
import { authRoutes } from './routes/auth.js';
import { authorRoutes } from './routes/authors.js';
import { coachingRoutes } from './routes/coaching.js';
import { cycleRoutes } from './routes/cycles.js';
import { homeRoutes } from './routes/homes.js';
import { inviteRoutes } from './routes/invites.js';
import { measureRoutes } from './routes/measure.js';
import { meetingRoutes } from './routes/meetings.js';
import { modelRoutes } from './routes/models.js';
import { oidcRoutes } from './routes/oidc.js';
import { meRoutes } from './routes/me.js';
import { partnershipRoutes } from './routes/partnerships.js';
import { recordRoutes } from './routes/record.js';
import { cycleRecordRoutes } from './routes/cycleRecord.js';
import { schoolRoutes } from './routes/schools.js';
import { schoolProgrammeRoutes } from './routes/schoolsProgramme.js';
import { scheduleRoutes } from './routes/schedule.js';
import { systemRoutes } from './routes/system.js';
import { loadSession } from './session.js';

export interface HttpAppOptions {
  /** Overrides the environment's rate limits (tests of the limits themselves). */
  rateLimits?: RateLimitSettings;
}

export function createHttpApp(services: Services, options: HttpAppOptions = {}): express.Express {
  const { config, logger } = services;
  const app = express();
  app.disable('x-powered-by');
  // Behind a reverse proxy, per-address limits must see the person's address, not the proxy's.
  app.set('trust proxy', config.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        // Over plain http (development, tests, a school's intranet) upgrading would break every request.
        directives: { upgradeInsecureRequests: null },
      },
    }),
  );
  app.use(requestLog(logger));

  const api = express.Router();
  api.use((_req, res, next) => {
    // Answers depend on who is asking; no cache should keep them.
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  api.use(compressJson());
  const contracts = new ContractRouter(api);
  systemRoutes(contracts, services, buildOpenApiDocument());
  api.use(originCheck(config.publicUrl));
  api.use(express.json({ limit: LIMITS.maxRequestBodyBytes }));
  api.use(loadSession(services));
  const limiters = authRateLimiters(
    options.rateLimits ?? defaultRateLimits(config.env),
    logger,
    services.cluster?.rateLimitStore,
  );
  authRoutes(contracts, services, limiters);
  oidcRoutes(contracts, services, limiters);
  accountMailRoutes(contracts, services, limiters);
  inviteRoutes(contracts, services, limiters.invitationEmails);
  partnershipRoutes(contracts, services);
  meetingRoutes(contracts, services);
  authorRoutes(contracts, services);
  meRoutes(contracts, services, limiters.closeAccount);
  cycleRoutes(contracts, services);
  measureRoutes(contracts, services);
  coachingRoutes(contracts, services);
  homeRoutes(contracts, services);
  recordRoutes(contracts, services);
  cycleRecordRoutes(contracts, services);
  schoolRoutes(contracts, services);
  schoolProgrammeRoutes(contracts, services);
  modelRoutes(contracts, services);
  scheduleRoutes(contracts, services);
  const missing = API_ROUTES.filter((route) => !contracts.implemented.has(route)).map(routeKey);
  invariant(missing.length === 0, `routes with a contract but no handler: ${missing.join(', ')}`);
  api.use(notFoundHandler());
  app.use('/api', api);

  mountClientApp(app, config.clientDir);
  app.use(notFoundHandler());
  app.use(errorHandler(logger));
  return app;
}
