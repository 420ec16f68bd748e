/** One debug line per request, with its status and duration. */
import type { RequestHandler } from 'express';
import type { Logger } from '../logger.js';

export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // originalUrl: routers rewrite req.url and req.path while they run.
      // A calendar link's token is its only credential: it never goes into the log.
      const path = (req.originalUrl.split('?')[0] ?? '').replace(/^\/api\/calendar\/[^/]+/, '/api/calendar/…');
      logger.debug('http', `${req.method} ${path}`, { status: res.statusCode, ms: Math.round(ms * 10) / 10 });
    });
    next();
  };
}
