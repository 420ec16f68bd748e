/** The email with a link to set a new password. */
import { composeMail, type MailContent } from './layout.js';

export function passwordResetMail({ name, link }: { name: string; link: string }): MailContent {
  return composeMail({
    subject: 'Set a new Tandem password',
    greeting: `Hello ${name},`,
    paragraphs: [
      'Someone (we hope you) asked to set a new password for your Tandem account. Use the link below to choose one. ' +
        'It works once, for the next 30 minutes.',
    ],
    link: { href: link, label: 'Set a new password' },
    after: [
      'Once you have set it, you will be signed out on every device, and can sign in again with the new password.',
      'If you did not ask for this, you can ignore this email: your password stays as it is.',
    ],
  });
}
