/** Invitations: make one (emailed too when an address is given), look at one, accept one. */
import type { RequestHandler } from 'express';
import { API } from '../../../shared/contract/index.js';
import { invitationMail } from '../../mail/templates/invitation.js';
import type { Services } from '../../services.js';
import type { ContractRouter } from '../implement.js';
import { presentInvite, presentPartnership } from '../presenters.js';
import { publicOrigin } from '../publicOrigin.js';

/** @param emailLimits limits on invitations sent by email (per person and per address, a day). */
export function inviteRoutes(api: ContractRouter, services: Services, emailLimits: RequestHandler[]): void {
  api.implement(
    API.createInvite,
    async ({ user, body, req }) => {
      const { token, expiresAt } = await services.invites.create(user.id, body.role);
      const url = `${publicOrigin(req, services)}/invite/${token}`;
      const { email } = body;
      if (email === undefined) return { token, url, expiresAt };
      // The link is on screen to copy either way; the email follows the answer.
      services.mail.later('an invitation', async () => ({
        to: email,
        ...invitationMail({ inviterName: user.name, inviterRole: body.role, link: url, expiresAt }),
      }));
      return { token, url, expiresAt, emailedTo: email };
    },
    emailLimits,
  );

  // Open to anyone holding the link: they see who invited them before signing up.
  api.implement(API.invite, async ({ params }) => presentInvite(await services.invites.describe(params.token)));

  api.implement(API.acceptInvite, async ({ user, params }) => ({
    partnership: presentPartnership(await services.invites.accept(user.id, params.token)),
  }));
}
