/** Invitations: make one, look at one, accept one. */
import type { Request } from 'express';
import { API } from '../../../shared/contract/index.js';
import type { Services } from '../../services.js';
import type { ContractRouter } from '../implement.js';
import { presentInvite, presentPartnership } from '../presenters.js';

/** Where the app is reached: the configured public URL, else the address this request came to. */
export function publicOrigin(req: Request, services: Services): string {
  return services.config.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

export function inviteRoutes(api: ContractRouter, services: Services): void {
  api.implement(API.createInvite, async ({ user, body, req }) => {
    const { token, expiresAt } = await services.invites.create(user.id, body.role);
    return { token, url: `${publicOrigin(req, services)}/invite/${token}`, expiresAt };
  });

  // Open to anyone holding the link: they see who invited them before signing up.
  api.implement(API.invite, async ({ params }) => presentInvite(await services.invites.describe(params.token)));

  api.implement(API.acceptInvite, async ({ user, params }) => ({
    partnership: presentPartnership(await services.invites.accept(user.id, params.token)),
  }));
}
