/** The email that lets a person link a school sign-in to the Tandem account that has their address. */
import type { MailMessage } from '../mailer.js';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function accountLinkMail(input: {
  to: string;
  name: string;
  providerName: string;
  link: string;
  minutes: number;
}): MailMessage {
  const { to, name, providerName, link, minutes } = input;
  const text = [
    `Hello ${name},`,
    '',
    `Someone (we hope you) signed in to Tandem with "${providerName}" using this email address, which already has`,
    'a Tandem account. To use that sign-in for your account from now on, open this link:',
    '',
    link,
    '',
    `The link works once, for ${minutes} minutes. If this was not you, ignore this email: nothing changes.`,
  ].join('\n');
  const html =
    `<p>Hello ${escapeHtml(name)},</p>` +
    `<p>Someone (we hope you) signed in to Tandem with “${escapeHtml(providerName)}” using this email address, ` +
    'which already has a Tandem account. To use that sign-in for your account from now on, open this link:</p>' +
    `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>` +
    `<p>The link works once, for ${minutes} minutes. If this was not you, ignore this email: nothing changes.</p>`;
  return { to, subject: 'Link your school sign-in to your Tandem account', text, html };
}
