/** The email that carries an invitation to work together. */
import type { Role } from '../../../shared/api.js';
import { composeMail, formatWhen, type MailContent } from './layout.js';

export function invitationMail({
  inviterName,
  inviterRole,
  link,
  expiresAt,
}: {
  inviterName: string;
  inviterRole: Role;
  link: string;
  expiresAt: string;
}): MailContent {
  const yourRole = inviterRole === 'coach' ? 'teacher' : 'coach';
  return composeMail({
    subject: `${inviterName} has invited you to Tandem`,
    greeting: 'Hello,',
    paragraphs: [
      `${inviterName} would like to work with you in Tandem, with them as your ${inviterRole} and you as their ` +
        `${yourRole}.`,
      'Tandem is a shared space where a coach and a teacher plan and write up their coaching meetings together.',
      `Use the link below to accept. You can create an account on the way if you do not have one yet. The link works ` +
        `once, until ${formatWhen(expiresAt)}, when the invitation expires.`,
    ],
    link: { href: link, label: `Accept ${inviterName}’s invitation` },
    after: [`If you were not expecting this, you can ignore this email, or ask ${inviterName} about it.`],
  });
}
