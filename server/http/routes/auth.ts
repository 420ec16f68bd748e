/** Sign up, sign in, sign out, and who am I. */
import { API } from '../../../shared/contract/index.js';
import type { Services } from '../../services.js';
import type { ContractRouter } from '../implement.js';
import type { AuthRateLimiters } from '../rateLimits.js';
import { clearSessionCookie, setSessionCookie } from '../session.js';

export function authRoutes(api: ContractRouter, services: Services, limiters: AuthRateLimiters): void {
  api.implement(
    API.signUp,
    async ({ body, req, res }) => {
      const grant = await services.accounts.signup(body);
      setSessionCookie(req, res, services, grant.token);
      return { user: grant.user };
    },
    limiters.signup,
  );

  api.implement(
    API.signIn,
    async ({ body, req, res }) => {
      const grant = await services.accounts.login(body);
      setSessionCookie(req, res, services, grant.token);
      return { user: grant.user };
    },
    limiters.login,
  );

  // Always 204: signing out twice, or when already signed out, is not an error.
  api.implement(API.signOut, async ({ req, res }) => {
    if (req.auth) await services.accounts.logout(req.auth.token);
    clearSessionCookie(req, res, services);
  });

  api.implement(API.me, ({ user }) => ({ user }));
}
