import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendTestMail } from '../../src/mail/test-message.ts';
import { parseConfig } from '../../src/config/load.ts';
import { MailDeliveryError } from '../../src/mail/transport.ts';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.ts';

function config(mail: Record<string, unknown>) {
  return parseConfig(
    {
      topics: [{ id: 'escapes', name: 'Detainee escapes', query: 'escape*' }],
      groups: [
        { id: 'sahel', name: 'Sahel desk', to: ['sahel@example.org'], schedule: { tz: 'Africa/Ndjamena' } },
        { id: 'duty', to: ['duty@example.org', 'lead@example.org'] },
      ],
      mail,
    },
    'test',
    {},
  );
}

describe('sendTestMail', () => {
  let smtp: TestSmtp;
  let dir: string;
  beforeAll(async () => {
    smtp = await startTestSmtp({ auth: { user: 'vigil', password: 'pw-123456' } });
    dir = await mkdtemp(join(tmpdir(), 'vigil-mail-test-'));
  });
  afterAll(async () => {
    await smtp.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('sends to the first group through SMTP and returns the server answer', async () => {
    const line = await sendTestMail(config({ transport: 'smtp', smtp: { host: '127.0.0.1', port: smtp.port, user: 'vigil' } }), undefined, {
      VIGIL_SMTP_PASSWORD: 'pw-123456',
    });
    expect(line).toMatch(new RegExp(`^sent to sahel@example\\.org: 127\\.0\\.0\\.1:${smtp.port} answered 250 .*Queued for the test$`));
    const received = smtp.messages.at(-1);
    expect(received?.subject).toBe('vigil: test message for Sahel desk');
    expect(received?.text).toContain('digests and alerts for this group will reach: sahel@example.org');
    expect(received?.html).toContain('Sahel desk');
  });

  it('sends to the named group', async () => {
    await sendTestMail(config({ transport: 'smtp', smtp: { host: '127.0.0.1', port: smtp.port, user: 'vigil' } }), 'duty', {
      VIGIL_SMTP_PASSWORD: 'pw-123456',
    });
    expect(smtp.envelopes.at(-1)?.to).toEqual(['duty@example.org', 'lead@example.org']);
  });

  it('says what the outbox wrote and that nothing was sent', async () => {
    const line = await sendTestMail(config({ outboxDir: dir }), 'duty', {});
    expect(line).toMatch(/^transport "outbox": nothing was sent; wrote .*\.eml and .*\.html \(set mail\.transport to "smtp"/);
    const eml = /wrote (\S+\.eml)/.exec(line)?.[1] ?? '';
    expect((await simpleParser(await readFile(eml))).subject).toBe('vigil: test message for duty');
  });

  it('fails with one line for an unknown group or a refused login', async () => {
    await expect(sendTestMail(config({ outboxDir: dir }), 'nope', {})).rejects.toThrow('unknown group "nope" (known: sahel, duty)');
    const attempt = sendTestMail(config({ transport: 'smtp', smtp: { host: '127.0.0.1', port: smtp.port, user: 'vigil' } }), undefined, {
      VIGIL_SMTP_PASSWORD: 'wrong-pw-999',
    });
    await expect(attempt).rejects.toBeInstanceOf(MailDeliveryError);
    await expect(attempt).rejects.toThrow(/refused the login as "vigil" \(535 .*check mail\.smtp\.user and the password in VIGIL_SMTP_PASSWORD$/);
  });
});
