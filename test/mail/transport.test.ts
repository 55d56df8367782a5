import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MailConfig } from '../../src/config/schema.ts';
import { createMailer, MailDeliveryError, type Mailer } from '../../src/mail/transport.ts';
import type { OutgoingMail } from '../../src/mail/types.ts';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.ts';

const PASSWORD = 'S3cret-Pa55word!';

const message: OutgoingMail = {
  from: 'vigil <vigil@example.org>',
  to: ['analysts@example.org', 'duty@example.org'],
  subject: 'vigil: 2 new — detainee escapes 2',
  html: '<!DOCTYPE html><html><body><p>Two <b>new</b> items: Évasion à Mongo</p></body></html>',
  text: 'Two new items: Évasion à Mongo',
  messageId: 'digest.sahel-desk.2025-03-04',
};

function smtpConfig(port: number, smtp: Partial<NonNullable<MailConfig['smtp']>> = {}): MailConfig {
  return {
    from: 'vigil <vigil@example.org>',
    transport: 'smtp',
    outboxDir: 'outbox',
    smtp: { host: '127.0.0.1', port, secure: false, passwordEnv: 'TEST_SMTP_PASSWORD', requireTLS: false, ...smtp },
  };
}

async function failure(promise: Promise<unknown>): Promise<MailDeliveryError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(MailDeliveryError);
    return error as MailDeliveryError;
  }
  throw new Error('expected the promise to reject');
}

function expectOneClearLine(error: MailDeliveryError): void {
  expect(error.message).not.toMatch(/[\r\n]/);
  expect(error.message).not.toContain(PASSWORD);
  expect(error.message).not.toContain(Buffer.from(PASSWORD).toString('base64'));
  expect(error.message).toMatch(/: check /);
}

describe('outbox transport', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-outbox-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a full .eml with both parts and the .html next to it', async () => {
    const outboxDir = join(dir, 'one');
    const mailer = createMailer({ from: message.from, transport: 'outbox', outboxDir }, {});
    const receipt = await mailer.send(message);
    mailer.close();

    expect(receipt.messageId).toBe('<digest.sahel-desk.2025-03-04@example.org>');
    expect(receipt.files).toHaveLength(2);
    const [eml, html] = receipt.files ?? [];
    expect(eml).toMatch(/[/\\]\d{8}T\d{6}-\d{3}Z-vigil-2-new-detainee-escapes-2\.eml$/);
    expect(html).toBe(eml?.replace(/\.eml$/, '.html'));
    expect((await readdir(outboxDir)).sort()).toHaveLength(2);

    const parsed = await simpleParser(await readFile(eml ?? ''));
    expect(parsed.subject).toBe(message.subject);
    expect(parsed.messageId).toBe('<digest.sahel-desk.2025-03-04@example.org>');
    expect(parsed.text?.trim()).toBe(message.text);
    expect(parsed.html).toContain('Two <b>new</b> items: Évasion à Mongo');
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    const to = parsed.to && !Array.isArray(parsed.to) ? parsed.to.value.map((address) => address.address) : [];
    expect(to).toEqual(message.to);
    expect(await readFile(html ?? '', 'utf8')).toBe(message.html);
    expect(receipt.response).toBe(`wrote ${eml} and ${html}`);
  });

  it('never overwrites: two messages with the same subject at once get separate files', async () => {
    const outboxDir = join(dir, 'two');
    const mailer = createMailer({ from: message.from, transport: 'outbox', outboxDir }, {});
    const receipts = await Promise.all([mailer.send(message), mailer.send({ ...message, messageId: 'other' })]);
    const files = receipts.flatMap((receipt) => receipt.files ?? []);
    expect(new Set(files).size).toBe(4);
    expect(await readdir(outboxDir)).toHaveLength(4);
  });

  it('says which directory it cannot write and what to check', async () => {
    const blocker = join(dir, 'a-file');
    await writeFile(blocker, 'not a directory');
    const mailer = createMailer({ from: message.from, transport: 'outbox', outboxDir: join(blocker, 'outbox') }, {});
    const error = await failure(mailer.send(message));
    expect(error.message).toContain(join(blocker, 'outbox'));
    expect(error.message).toContain('check mail.outboxDir');
    expect(error.message).not.toMatch(/[\r\n]/);
    const verifyError = await failure(mailer.verify());
    expect(verifyError.code).toBe('ENOTDIR');
  });

  it('verifies a writable outbox', async () => {
    const mailer = createMailer({ from: message.from, transport: 'outbox', outboxDir: join(dir, 'three') }, {});
    expect(await mailer.verify()).toContain('is writable');
  });
});

describe('smtp transport', () => {
  let open: TestSmtp;
  let secured: TestSmtp;
  const mailers: Mailer[] = [];
  const mailer = (config: MailConfig, env: NodeJS.ProcessEnv = {}) => {
    const created = createMailer(config, env);
    mailers.push(created);
    return created;
  };

  beforeAll(async () => {
    open = await startTestSmtp();
    secured = await startTestSmtp({ auth: { user: 'vigil', password: PASSWORD } });
  });
  afterEach(() => {
    for (const created of mailers.splice(0)) created.close();
  });
  afterAll(async () => {
    await Promise.all([open.close(), secured.close()]);
  });

  it('delivers both parts with the caller Message-ID', async () => {
    const receipt = await mailer(smtpConfig(open.port)).send(message);
    expect(receipt.response).toMatch(new RegExp(`^127\\.0\\.0\\.1:${open.port} answered 250 .*Queued for the test`));
    const parsed = open.messages.at(-1);
    expect(parsed?.messageId).toBe('<digest.sahel-desk.2025-03-04@example.org>');
    expect(parsed?.subject).toBe(message.subject);
    expect(parsed?.text?.trim()).toBe(message.text);
    expect(parsed?.html).toContain('Évasion à Mongo');
    expect(open.envelopes.at(-1)).toEqual({ from: 'vigil@example.org', to: message.to });
  });

  it('logs in with the password from the named environment variable', async () => {
    const before = secured.messages.length;
    await mailer(smtpConfig(secured.port, { user: 'vigil' }), { TEST_SMTP_PASSWORD: PASSWORD }).send(message);
    expect(secured.messages).toHaveLength(before + 1);
    expect(await mailer(smtpConfig(secured.port, { user: 'vigil' }), { TEST_SMTP_PASSWORD: PASSWORD }).verify()).toBe(
      `SMTP server 127.0.0.1:${secured.port} accepted the connection and the login as "vigil"`,
    );
  });

  it('reports a refused login with the server answer, the variable to check, and no password', async () => {
    const wrong = `${PASSWORD}-old`;
    const error = await failure(mailer(smtpConfig(secured.port, { user: 'vigil' }), { TEST_SMTP_PASSWORD: wrong }).send(message));
    expect(error.code).toBe('EAUTH');
    expect(error.responseCode).toBe(535);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(`SMTP server 127.0.0.1:${secured.port} refused the login as "vigil" (535`);
    expect(error.message).toContain('Invalid username or password');
    expect(error.message).toContain('check mail.smtp.user and the password in TEST_SMTP_PASSWORD');
    expectOneClearLine(error);
    expect(error.message).not.toContain(wrong);
    expect(JSON.stringify(error)).not.toContain(wrong);
  });

  it('redacts the password when a server echoes it back', async () => {
    const echoing = await startTestSmtp({
      auth: { user: 'vigil', password: 'something-else' },
      authFailureText: (given) => `Rejected ${given.user}/${given.password} (${Buffer.from(given.password).toString('base64')})`,
    });
    try {
      const error = await failure(mailer(smtpConfig(echoing.port, { user: 'vigil' }), { TEST_SMTP_PASSWORD: PASSWORD }).send(message));
      expect(error.message).toContain('Rejected vigil/[redacted]');
      expectOneClearLine(error);
    } finally {
      await echoing.close();
    }
  });

  it('names the missing password variable before trying to connect', () => {
    expect(() => createMailer(smtpConfig(secured.port, { user: 'vigil' }), {})).toThrow(
      'mail.smtp.user is "vigil" but the environment variable TEST_SMTP_PASSWORD is empty or not set',
    );
  });

  it('reports a refused connection with host, port and what to check', async () => {
    const spare = createServer();
    await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve));
    const port = (spare.address() as AddressInfo).port;
    await new Promise<void>((resolve) => spare.close(() => resolve()));

    const error = await failure(mailer(smtpConfig(port, { user: 'vigil' }), { TEST_SMTP_PASSWORD: PASSWORD }).send(message));
    expect(error.message).toContain(`cannot connect to SMTP server 127.0.0.1:${port} (connect ECONNREFUSED`);
    expect(error.message).toContain('check mail.smtp.host and mail.smtp.port');
    expect(error.retryable).toBe(true);
    expectOneClearLine(error);
    const verifyError = await failure(mailer(smtpConfig(port)).verify());
    expect(verifyError.message).toContain('ECONNREFUSED');
  });

  it('marks a 4xx refusal as retryable and a 5xx refusal as final, quoting the server', async () => {
    open.rejectNext(1, 451);
    const temporary = await failure(mailer(smtpConfig(open.port)).send(message));
    expect(temporary.code).toBe('EMESSAGE');
    expect(temporary.responseCode).toBe(451);
    expect(temporary.retryable).toBe(true);
    expect(temporary.message).toContain('(451 Temporary local problem, try again later)');

    open.rejectNext(1, 554);
    const final = await failure(mailer(smtpConfig(open.port)).send(message));
    expect(final.responseCode).toBe(554);
    expect(final.retryable).toBe(false);
    expect(final.message).toContain('(554 Message refused by policy): check mail.from');

    const before = open.messages.length;
    await mailer(smtpConfig(open.port)).send(message);
    expect(open.messages).toHaveLength(before + 1);
  });
});
