/** Sign up, sign in, sign out, and who am I. */
import { Router } from 'express';
import { LoginRequestSchema, SignupRequestSchema, type UserResponse } from '../../../shared/api.js';
import type { Services } from '../../services.js';
import type { AuthRateLimiters } from '../rateLimits.js';
import { clearSessionCookie, requireUser, setSessionCookie } from '../session.js';
import { parseInput } from '../validate.js';

export function authRoutes(services: Services, limiters: AuthRateLimiters): Router {
  const router = Router();

  router.post('/auth/signup', ...limiters.signup, async (req, res) => {
    const input = parseInput(SignupRequestSchema, req.body);
    const grant = await services.accounts.signup(input);
    setSessionCookie(req, res, services, grant.token);
    res.status(201).json({ user: grant.user } satisfies UserResponse);
  });

  router.post('/auth/login', ...limiters.login, async (req, res) => {
    const input = parseInput(LoginRequestSchema, req.body);
    const grant = await services.accounts.login(input);
    setSessionCookie(req, res, services, grant.token);
    res.status(200).json({ user: grant.user } satisfies UserResponse);
  });

  // Always 204: signing out twice, or when already signed out, is not an error.
  router.post('/auth/logout', async (req, res) => {
    if (req.auth) await services.accounts.logout(req.auth.token);
    clearSessionCookie(req, res, services);
    res.status(204).end();
  });

  router.get('/me', (req, res) => {
    res.json({ user: requireUser(req) } satisfies UserResponse);
  });

  return router;
}
