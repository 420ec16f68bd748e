/**
 * A forgotten password, and changing your name, password and email address.
 * Mail goes out after the answer (`services.mail.later`), written by the
 * templates in `server/mail/templates/`.
 */
import { API } from '../../../shared/contract/index.js';
import { accountClosureMail } from '../../mail/templates/accountClosure.js';
import { confirmEmailMail, emailChangedMail } from '../../mail/templates/emailChange.js';
import { passwordResetMail } from '../../mail/templates/passwordReset.js';
import type { Services } from '../../services.js';
import type { ContractRouter } from '../implement.js';
import { mailLinkOrigin } from '../publicOrigin.js';
import type { AuthRateLimiters } from '../rateLimits.js';
import { clearSessionCookie } from '../session.js';

export function accountMailRoutes(api: ContractRouter, services: Services, limiters: AuthRateLimiters): void {
  // The account is looked up only after answering: the answer and its timing are the same either way.
  api.implement(
    API.requestPasswordReset,
    ({ body, req }) => {
      const origin = mailLinkOrigin(req, services);
      services.mail.later('a password-reset email', async () => {
        const link = await services.passwordResets.request(body.email);
        if (!link) return null;
        const href = `${origin}/reset-password/${encodeURIComponent(link.token)}`;
        return { to: link.to, ...passwordResetMail({ name: link.name, link: href }) };
      });
    },
    limiters.passwordReset,
  );

  api.implement(
    API.resetPassword,
    async ({ body, req, res }) => {
      const { userId } = await services.passwordResets.reset(body.token, body.password);
      services.logger.info('http', 'password reset', { userId });
      // Every session ended, this browser's too (if it had one).
      clearSessionCookie(req, res, services);
    },
    limiters.linkUse,
  );

  api.implement(API.changeName, async ({ user, body }) => ({
    user: await services.accountSettings.changeName(user.id, body.name),
  }));

  api.implement(
    API.changePassword,
    async ({ user, body, req }) => {
      const sessionId = req.auth?.sessionId ?? '';
      await services.accountSettings.changePassword(user.id, sessionId, body.currentPassword, body.newPassword);
      services.logger.info('http', 'password changed', { userId: user.id });
    },
    limiters.accountChange,
  );

  api.implement(
    API.requestEmailChange,
    async ({ user, body, req }) => {
      const origin = mailLinkOrigin(req, services);
      const link = await services.emailChanges.request(user.id, body.password, body.email);
      const href = `${origin}/confirm-email/${encodeURIComponent(link.token)}`;
      services.mail.later('an email-change confirmation', async () => ({
        to: link.to,
        ...confirmEmailMail({ name: link.name, link: href }),
      }));
      return { sentTo: link.to };
    },
    limiters.accountChange,
  );

  api.implement(
    API.confirmEmailChange,
    async ({ body }) => {
      const changed = await services.emailChanges.confirm(body.token);
      services.logger.info('http', 'email address changed', { userId: changed.userId });
      services.mail.later('an email-changed notice', async () => ({
        to: changed.oldEmail,
        ...emailChangedMail({ name: changed.name, newEmail: changed.newEmail }),
      }));
      return { email: changed.newEmail };
    },
    limiters.linkUse,
  );

  api.implement(
    API.requestAccountClosureLink,
    async ({ user, req }) => {
      const origin = mailLinkOrigin(req, services);
      const link = await services.closureLinks.request(user.id);
      const href = `${origin}/close-account/${encodeURIComponent(link.token)}`;
      services.mail.later('an account-closure link', async () => ({
        to: link.to,
        ...accountClosureMail({ name: link.name, link: href }),
      }));
      return { sentTo: link.to };
    },
    limiters.accountChange,
  );

  api.implement(
    API.confirmAccountClosure,
    async ({ body, req, res }) => {
      const { userId } = await services.closureLinks.confirm(body.token);
      services.logger.info('http', 'account closed', { userId, by: 'emailed link' });
      clearSessionCookie(req, res, services);
    },
    limiters.linkUse,
  );
}
