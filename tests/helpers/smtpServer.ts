/**
 * A real SMTP server on port 0 (the `smtp-server` package) that keeps every
 * message it receives, parsed. Tests point `SMTP_URL` at it and read the mail a
 * person would get, links and all.
 */
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
}

export interface TestSmtpServer {
  /** smtp://127.0.0.1:<port>, for `SMTP_URL`. */
  url: string;
  received: ReceivedMail[];
  /** Resolves with the first message (already received or still to come) to `to` that matches. */
  next(to: string, match?: (mail: ReceivedMail) => boolean): Promise<ReceivedMail>;
  stop(): Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const waiters: Array<{ to: string; match: (m: ReceivedMail) => boolean; resolve: (m: ReceivedMail) => void }> = [];
  const taken = new Set<ReceivedMail>();
  const matches = (mail: ReceivedMail, to: string, match: (m: ReceivedMail) => boolean) =>
    !taken.has(mail) && mail.to.includes(to.toLowerCase()) && match(mail);

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const mail: ReceivedMail = {
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
          };
          received.push(mail);
          for (const waiter of [...waiters]) {
            if (matches(mail, waiter.to, waiter.match)) {
              taken.add(mail);
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve(mail);
              break;
            }
          }
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    next(to, match = () => true) {
      const already = received.find((m) => matches(m, to, match));
      if (already) {
        taken.add(already);
        return Promise.resolve(already);
      }
      return new Promise((resolve) => waiters.push({ to, match, resolve }));
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a mail's text that starts with `base`. */
export function linkIn(mail: ReceivedMail, base: string): string {
  const found = mail.text.split(/\s+/).find((word) => word.startsWith(base));
  if (!found) throw new Error(`no link to ${base} in mail "${mail.subject}":\n${mail.text}`);
  return found;
}
