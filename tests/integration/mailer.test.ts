import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/logger.js';
import { createMailer } from '../../server/mail/mailer.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtpServer.js';

describe('mailer', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp.stop();
  });

  it('sends plain text and HTML through a real SMTP server', async () => {
    const mailer = createMailer(
      { smtpUrl: smtp.url, from: 'Tandem <tandem@school.test>', outboxDir: '/nonexistent' },
      createLogger('silent', false),
    );
    await mailer.send({
      to: 'Sam@School.test',
      subject: 'Hello',
      text: 'Follow http://tandem.test/x',
      html: '<p>Follow <a href="http://tandem.test/x">this</a></p>',
    });
    const mail = await smtp.next('sam@school.test');
    expect(mail.subject).toBe('Hello');
    expect(mail.from).toBe('tandem@school.test');
    expect(mail.text.trim()).toBe('Follow http://tandem.test/x');
    expect(mail.html).toContain('<a href="http://tandem.test/x">');
    await mailer.close();
  });

  it('without SMTP, writes each message to the outbox and the log, readable by its owner only', async () => {
    const outboxDir = path.join(mkdtempSync(path.join(tmpdir(), 'tandem-outbox-')), 'outbox');
    const lines: string[] = [];
    const mailer = createMailer(
      { smtpUrl: undefined, from: 'Tandem <tandem@localhost>', outboxDir },
      createLogger('info', false, (line) => lines.push(line) > 0),
    );
    await mailer.send({ to: 'sam@school.test', subject: 'Reset', text: 'Link: http://x/reset/abc', html: '' });
    const files = readdirSync(outboxDir);
    expect(files).toHaveLength(1);
    const file = path.join(outboxDir, files[0]!);
    expect(readFileSync(file, 'utf8')).toContain('Link: http://x/reset/abc');
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(lines.join('\n')).toContain('http://x/reset/abc');
  });
});
