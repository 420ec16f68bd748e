/** Your own data: download everything, or close your account. */
import type { RequestHandler } from 'express';
import { API } from '../../../shared/contract/index.js';
import { closeAccount } from '../../domain/accounts/accountClosure.js';
import type { Services } from '../../services.js';
import type { ContractRouter } from '../implement.js';
import { clearSessionCookie } from '../session.js';

/** @param closeAccountLimits rate limits on closing an account (it checks the password). */
export function meRoutes(api: ContractRouter, services: Services, closeAccountLimits: RequestHandler[]): void {
  api.implement(API.exportAll, async ({ user }) => {
    const { fileName, bytes } = await services.exports.archive(user.id);
    return { fileName, body: bytes };
  });

  api.implement(
    API.closeAccount,
    async ({ user, body, req, res }) => {
      await closeAccount(services, user.id, body.password);
      services.logger.info('http', 'account closed', { userId: user.id });
      clearSessionCookie(req, res, services);
    },
    closeAccountLimits,
  );
}
