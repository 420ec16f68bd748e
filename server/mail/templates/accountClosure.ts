/** The email with the link that deletes an account. */
import { composeMail, type MailContent } from './layout.js';

export function accountClosureMail({ name, link }: { name: string; link: string }): MailContent {
  return composeMail({
    subject: 'Delete your Tandem account',
    greeting: `Hello ${name},`,
    paragraphs: [
      'You asked for a link to delete your Tandem account. It opens a page where you can confirm; nothing is ' +
        'deleted until you press the button there. The link works once, for the next 30 minutes.',
      'Your name and email address are then removed and you are signed out everywhere. The notes you wrote with ' +
        'a partner stay with them, shown as written by “Former partner”.',
    ],
    link: { href: link, label: 'Delete my account' },
    after: ['If you did not ask for this, you can ignore this email: your account stays as it is.'],
  });
}
