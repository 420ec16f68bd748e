/**
 * Sending email. One interface, two implementations: SMTP (`SMTP_URL`) through
 * Nodemailer, and, without it, the development outbox, which writes each message
 * to the log and to `DATA_DIR/outbox/` so that a person trying Tandem can follow
 * every link. Messages never carry coaching notes: only who, what kind of thing,
 * and a link (the templates in `templates/` are the only place they are written).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from '../logger.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  /** Sends one message; rejects when the mail server refuses it or cannot be reached. */
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}

export interface MailSettings {
  /** smtp://user:pass@host:port or smtps://…; without it, mail goes to the outbox. */
  smtpUrl: string | undefined;
  /** The From address, e.g. `Tandem <tandem@school.example>`. */
  from: string;
  /** Where the development outbox writes (`DATA_DIR/outbox`). */
  outboxDir: string;
}

export function createMailer(settings: MailSettings, logger: Logger): Mailer {
  return settings.smtpUrl
    ? smtpMailer(settings.smtpUrl, settings.from)
    : outboxMailer(settings.outboxDir, settings.from, logger);
}

function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
    async close() {
      transport.close();
    },
  };
}

function outboxMailer(dir: string, from: string, logger: Logger): Mailer {
  let written = 0;
  return {
    async send(message) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = path.join(dir, `${stamp}-${++written}.eml.txt`);
      const body = [`From: ${from}`, `To: ${message.to}`, `Subject: ${message.subject}`, '', message.text].join('\n');
      writeFileSync(file, body, { mode: 0o600 });
      logger.info('mail', `no SMTP_URL: mail to ${message.to} written to ${file}`, { subject: message.subject });
      logger.info('mail', message.text);
    },
    async close() {},
  };
}
