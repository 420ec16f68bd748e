/**
 * The words of reminder emails: who, what kind of thing, when (in the person's
 * own time zone), and a link. Nothing from the notes, the goal or the step is
 * ever passed in, so none can be written out.
 */
import { formatCalendarDate, formatMeetingTime } from '../../../shared/schedule.js';
import type { ReminderDelivery } from '../../domain/schedule/reminderJob.js';
import type { MailMessage } from '../mailer.js';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function compose(to: string, subject: string, paragraphs: string[], link: string, settingsLink: string): MailMessage {
  const footer = `You can switch these reminders off on your account page: ${settingsLink}`;
  const text = [...paragraphs, `Open Tandem: ${link}`, footer].join('\n\n') + '\n';
  const html = [
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    `<p><a href="${escapeHtml(link)}">Open Tandem</a></p>`,
    `<p style="color:#555">You can switch these reminders off on <a href="${escapeHtml(settingsLink)}">your account page</a>.</p>`,
  ].join('\n');
  return { to, subject, text, html };
}

export function reminderMail(d: ReminderDelivery): MailMessage {
  const hello = `Hello ${d.name},`;
  if (d.kind === 'meeting_day_before') {
    const when = formatMeetingTime(d.about, { timeZone: d.timeZone });
    return compose(
      d.to,
      `Coaching meeting with ${d.partnerName} tomorrow`,
      [hello, `A reminder that you are meeting ${d.partnerName} for coaching tomorrow: ${when} (${d.timeZone} time).`],
      d.link,
      d.settingsLink,
    );
  }
  return compose(
    d.to,
    `Check back on your action step with ${d.partnerName} today`,
    [
      hello,
      `Today, ${formatCalendarDate(d.about)}, is the day you and ${d.partnerName} chose to check back on your action step.`,
    ],
    d.link,
    d.settingsLink,
  );
}
