/** Your own data: download everything, or close your account. */
import { Router, type RequestHandler } from 'express';
import { DeleteAccountRequestSchema } from '../../../shared/api.js';
import { closeAccount } from '../../domain/accounts/accountClosure.js';
import type { Services } from '../../services.js';
import { clearSessionCookie, requireUser } from '../session.js';
import { parseInput } from '../validate.js';

/** @param closeAccountLimits rate limits on closing an account (it checks the password). */
export function meRoutes(services: Services, closeAccountLimits: RequestHandler[]): Router {
  const router = Router();

  router.get('/me/export', async (req, res) => {
    const user = requireUser(req);
    const { fileName, bytes } = await services.exports.archive(user.id);
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
    res.status(200).end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });

  router.delete('/me', ...closeAccountLimits, async (req, res) => {
    const user = requireUser(req);
    const { password } = parseInput(DeleteAccountRequestSchema, req.body);
    await closeAccount(services, user.id, password);
    services.logger.info('http', 'account closed', { userId: user.id });
    clearSessionCookie(req, res, services);
    res.status(204).end();
  });

  return router;
}
