/**
 * The shape every email shares: a greeting, a few short paragraphs, one link
 * (a button in HTML, the bare address in plain text, on a line of its own so
 * that mail programs make it clickable), and a closing line. Every value is
 * HTML-escaped here, once; templates pass plain text.
 */
import type { MailMessage } from '../mailer.js';

export type MailContent = Omit<MailMessage, 'to'>;

export interface MailParts {
  subject: string;
  greeting: string;
  /** Before the link. */
  paragraphs: string[];
  link?: { href: string; label: string };
  /** After the link. */
  after?: string[];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const SIGN_OFF = 'Tandem';
const FOOTER = 'You are getting this email because of your Tandem account. Tandem never emails your coaching notes.';

export function composeMail(parts: MailParts): MailContent {
  const after = parts.after ?? [];
  const text = [
    parts.greeting,
    '',
    ...parts.paragraphs.flatMap((p) => [p, '']),
    ...(parts.link ? [parts.link.href, ''] : []),
    ...after.flatMap((p) => [p, '']),
    SIGN_OFF,
    '',
    '--',
    FOOTER,
    '',
  ].join('\n');

  const p = (t: string) => `<p style="margin:0 0 16px">${escapeHtml(t)}</p>`;
  const button = parts.link
    ? `<p style="margin:24px 0"><a href="${escapeHtml(parts.link.href)}" style="background:#1f5f8b;color:#ffffff;` +
      `padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block;font-weight:600">` +
      `${escapeHtml(parts.link.label)}</a></p>` +
      `<p style="margin:0 0 16px;font-size:14px;color:#555555">If the button does not work, copy this address ` +
      `into your browser:<br><span style="word-break:break-all">${escapeHtml(parts.link.href)}</span></p>`
    : '';
  const html = [
    '<!doctype html>',
    `<html lang="en-GB"><head><meta charset="utf-8"><title>${escapeHtml(parts.subject)}</title></head>`,
    '<body style="margin:0;padding:24px;background:#f6f5f2;font-family:Arial,Helvetica,sans-serif;color:#1d1d1b;' +
      'font-size:16px;line-height:1.5">',
    '<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:32px">',
    p(parts.greeting),
    ...parts.paragraphs.map(p),
    button,
    ...after.map(p),
    p(SIGN_OFF),
    `<p style="margin:24px 0 0;font-size:13px;color:#6b6b6b">${escapeHtml(FOOTER)}</p>`,
    '</div></body></html>',
  ].join('\n');
  return { subject: parts.subject, text, html };
}

/** A moment in words, the same for every reader: "Wednesday 9 December 2026 at 14:05 (UK time)". */
export function formatWhen(iso: string): string {
  const when = new Date(iso);
  const day = when.toLocaleDateString('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  });
  const time = when.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
  return `${day} at ${time} (UK time)`;
}
