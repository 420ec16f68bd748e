/** Invitations: make one, look at one, accept one. */
import { Router, type Request } from 'express';
import { CreateInviteRequestSchema, type CreateInviteResponse, type InviteInfo } from '../../../shared/api.js';
import type { Services } from '../../services.js';
import { presentInvite, presentPartnership } from '../presenters.js';
import { requireUser } from '../session.js';
import { parseInput } from '../validate.js';

/** Where the app is reached: the configured public URL, else the address this request came to. */
function publicOrigin(req: Request, services: Services): string {
  return services.config.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

export function inviteRoutes(services: Services): Router {
  const router = Router();

  router.post('/invites', async (req, res) => {
    const user = requireUser(req);
    const { role } = parseInput(CreateInviteRequestSchema, req.body);
    const { token, expiresAt } = await services.invites.create(user.id, role);
    const url = `${publicOrigin(req, services)}/invite/${token}`;
    res.status(201).json({ token, url, expiresAt } satisfies CreateInviteResponse);
  });

  // Open to anyone holding the link: they see who invited them before signing up.
  router.get('/invites/:token', async (req, res) => {
    const summary = await services.invites.describe(req.params.token);
    res.json(presentInvite(summary) satisfies InviteInfo);
  });

  router.post('/invites/:token/accept', async (req, res) => {
    const user = requireUser(req);
    const record = await services.invites.accept(user.id, req.params.token);
    res.status(201).json({ partnership: presentPartnership(record) });
  });

  return router;
}
