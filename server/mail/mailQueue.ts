/**
 * Mail sent after answering. A route hands over a job (which may look things
 * up, and resolves with the messages to send, perhaps none); the job runs once
 * the answer is on its way, so what it finds (an account, or none) never shows
 * in the answer or its timing, and a slow mail server never holds a request.
 * Failures are logged without the message, which may hold a link.
 */
import type { Logger } from '../logger.js';
import type { MailMessage, Mailer } from './mailer.js';

export type MailJob = () => Promise<MailMessage | MailMessage[] | null>;

export interface MailQueue {
  /** Runs `job` on a later turn and sends what it returns. `what` names it in the log. */
  later(what: string, job: MailJob): void;
  /** Resolves once every job handed over so far has finished (sent or failed). */
  idle(): Promise<void>;
}

export function createMailQueue(mailer: Mailer, logger: Logger): MailQueue {
  const running = new Set<Promise<void>>();
  return {
    later(what, job) {
      const done = new Promise<void>((resolve) => setImmediate(resolve))
        .then(job)
        .then(async (found) => {
          const messages = found === null ? [] : Array.isArray(found) ? found : [found];
          for (const message of messages) await mailer.send(message);
        })
        .catch((err: unknown) => logger.error('mail', `could not send ${what}`, { err }))
        .finally(() => running.delete(done));
      running.add(done);
    },
    async idle() {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
