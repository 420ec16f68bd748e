/** The emails about changing the address an account signs in with. */
import { composeMail, type MailContent } from './layout.js';

/** To the new address: confirm it. */
export function confirmEmailMail({ name, link }: { name: string; link: string }): MailContent {
  return composeMail({
    subject: 'Confirm your new email address for Tandem',
    greeting: `Hello ${name},`,
    paragraphs: [
      'You asked to sign in to Tandem with this email address from now on. Please confirm it with the link below. ' +
        'It works once, for the next 24 hours.',
    ],
    link: { href: link, label: 'Confirm this address' },
    after: ['If you did not ask for this, you can ignore this email: nothing changes until the link is used.'],
  });
}

/** To the old address, once the change is made. */
export function emailChangedMail({ name, newEmail }: { name: string; newEmail: string }): MailContent {
  return composeMail({
    subject: 'Your Tandem email address has changed',
    greeting: `Hello ${name},`,
    paragraphs: [
      `Your Tandem account now signs in with ${newEmail}. We will send account emails there from now on, and ` +
        'this address will get none.',
      'If you made this change, there is nothing more to do.',
      'If you did not, please tell the person who looks after Tandem at your school straight away, so that they ' +
        'can help you get your account back.',
    ],
  });
}
