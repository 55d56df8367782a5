import { randomBytes } from 'node:crypto';
import { access, constants, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer, { type NodemailerError, type SendMailOptions } from 'nodemailer';
import type { MailConfig } from '../config/schema.ts';
import type { OutgoingMail, SendReceipt } from './types.ts';
import { slug } from '../text/slug.ts';
import { collapseWhitespace } from '../text/whitespace.ts';

/** A send or verify that failed, with one line saying what the server answered and what to check. Never holds the password. */
export class MailDeliveryError extends Error {
  override readonly name = 'MailDeliveryError';
  constructor(
    message: string,
    /** nodemailer's code (EAUTH, ESOCKET, EENVELOPE, EMESSAGE, ...), ECONFIG for our own checks, or a file-system code. */
    readonly code: string,
    /** Worth trying again later: a 4xx answer, a lost or refused connection, a full disk. */
    readonly retryable: boolean,
    readonly responseCode?: number,
  ) {
    super(message);
  }
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<SendReceipt>;
  /** Checks the transport can deliver (SMTP login, or a writable outbox) and says so in one line. */
  verify(): Promise<string>;
  close(): void;
}

const SMTP_TIMEOUTS = { connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 };

/** `<id@domain>`: the caller's stable id, bracketed, with the sender's domain when it has none. */
export function normaliseMessageId(messageId: string, from: string): string {
  const bare = messageId.replace(/[<>\s]/g, '');
  if (bare.length === 0) throw new MailDeliveryError('empty messageId: derive one from the digest or alert key', 'ECONFIG', false);
  if (bare.includes('@')) return `<${bare}>`;
  const domain = /@([^@>\s]+)>?\s*$/.exec(from)?.[1] ?? 'vigil.local';
  return `<${bare}@${domain}>`;
}

function messageOptions(mail: OutgoingMail): SendMailOptions & { messageId: string } {
  return {
    from: mail.from,
    to: mail.to,
    subject: collapseWhitespace(mail.subject),
    text: mail.text,
    html: mail.html,
    messageId: normaliseMessageId(mail.messageId, mail.from),
    date: new Date(),
    // Tells vacation responders and ticket systems not to answer an automated message (RFC 3834).
    headers: { 'Auto-Submitted': 'auto-generated', ...(mail.headers ?? {}) },
  };
}

/** Only strings go in; refusing file and URL access keeps a crafted field from making nodemailer read or fetch anything. */
const NO_EXTERNAL_ACCESS = { disableFileAccess: true, disableUrlAccess: true } as const;

function fileSlug(subject: string): string {
  return slug(subject, 60, 'message');
}

function fileTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace('.', '-');
}

function outboxError(error: unknown, dir: string): MailDeliveryError {
  const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
  const reason = collapseWhitespace(error instanceof Error ? error.message : String(error));
  const retryable = code === 'ENOSPC' || code === 'EMFILE' || code === 'EBUSY';
  return new MailDeliveryError(
    `cannot write to the outbox ${dir} (${reason}): check mail.outboxDir (or VIGIL_OUTBOX_DIR) points to a writable directory`,
    code,
    retryable,
  );
}

function createOutboxMailer(mail: MailConfig): Mailer {
  const dir = resolve(mail.outboxDir);
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows', ...NO_EXTERNAL_ACCESS });
  return {
    async send(outgoing) {
      const options = messageOptions(outgoing);
      const info = await composer.sendMail(options);
      if (!Buffer.isBuffer(info.message)) throw new MailDeliveryError('the outbox composer returned a stream instead of a buffer', 'ESTREAM', false);
      const base = `${fileTimestamp(new Date())}-${fileSlug(options.subject ?? '')}`;
      try {
        await mkdir(dir, { recursive: true });
        for (let attempt = 1; ; attempt++) {
          const stem = join(dir, attempt === 1 ? base : `${base}-${attempt}`);
          try {
            // "wx": two messages in the same millisecond with the same subject must not overwrite each other.
            await writeFile(`${stem}.eml`, info.message, { flag: 'wx' });
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 100) continue;
            throw error;
          }
          await writeFile(`${stem}.html`, outgoing.html, { flag: 'w' });
          const files = [`${stem}.eml`, `${stem}.html`];
          return { messageId: options.messageId, response: `wrote ${files.join(' and ')}`, files };
        }
      } catch (error) {
        throw outboxError(error, dir);
      }
    },
    async verify() {
      try {
        await mkdir(dir, { recursive: true });
        await access(dir, constants.W_OK);
      } catch (error) {
        throw outboxError(error, dir);
      }
      return `outbox ${dir} is writable (transport "outbox" writes .eml files and sends nothing; set mail.transport to "smtp" to deliver)`;
    },
    close() {
      composer.close();
    },
  };
}

/** Replaces anything that could reveal the password (as typed, or base64 as AUTH PLAIN/LOGIN send it) in server text. */
function redactor(user: string | undefined, password: string | undefined): (text: string) => string {
  if (!password) return (text) => text;
  const secrets = [
    password,
    Buffer.from(password).toString('base64'),
    Buffer.from(`\u0000${user ?? ''}\u0000${password}`).toString('base64'),
    Buffer.from(`${user ?? ''}\u0000${user ?? ''}\u0000${password}`).toString('base64'),
  ].filter((secret) => secret.length >= 3);
  return (text) => secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}

function smtpError(error: unknown, where: string, user: string | undefined, passwordEnv: string, redact: (text: string) => string): MailDeliveryError {
  const failure = (error instanceof Error ? error : new Error(String(error))) as NodemailerError;
  const code = failure.code ?? 'ESMTP';
  const responseCode = failure.responseCode;
  const answer = redact(collapseWhitespace(failure.response ?? failure.message));
  const transient = responseCode !== undefined ? failure.permanent === false || (responseCode >= 400 && responseCode < 500) : true;
  const detail = failure.originalCode && !answer.includes(failure.originalCode) ? `${failure.originalCode}: ${answer}` : answer;
  let message: string;
  let retryable = transient;
  switch (code) {
    case 'EAUTH':
      message = `SMTP server ${where} refused the login as "${user ?? ''}" (${detail}): check mail.smtp.user and the password in ${passwordEnv}`;
      retryable = responseCode !== undefined && responseCode >= 400 && responseCode < 500;
      break;
    case 'ENOAUTH':
      message = `SMTP server ${where} asked for a login but none is configured (${detail}): set mail.smtp.user and the password in ${passwordEnv}`;
      retryable = false;
      break;
    case 'ETLS':
    case 'EREQUIRETLS':
      message = `TLS with SMTP server ${where} failed (${detail}): check mail.smtp.secure (true only for implicit TLS, usually port 465) and mail.smtp.requireTLS`;
      retryable = false;
      break;
    case 'EENVELOPE':
      message = `SMTP server ${where} refused the sender or recipients (${detail}): check mail.from may send through this server and the group's "to" addresses`;
      break;
    case 'EMESSAGE':
      message = `SMTP server ${where} refused the message (${detail}): ${transient ? 'a temporary refusal, try again later' : "check mail.from, the recipients and the server's size or content limits"}`;
      break;
    case 'ETIMEDOUT':
      message = `SMTP server ${where} did not answer in time (${detail}): check mail.smtp.host and mail.smtp.port, that the server is reachable from here, and mail.smtp.secure (true only for port 465)`;
      retryable = true;
      break;
    case 'ESOCKET':
    case 'ECONNECTION':
    case 'EDNS':
      message = `cannot connect to SMTP server ${where} (${detail}): check mail.smtp.host and mail.smtp.port, that the server is reachable from here, and mail.smtp.secure (true only for port 465)`;
      retryable = true;
      break;
    default:
      message = `sending through SMTP server ${where} failed (${code}: ${detail}): check the mail.smtp settings`;
  }
  return new MailDeliveryError(redact(message), code, retryable, responseCode);
}

function createSmtpMailer(mail: MailConfig, env: NodeJS.ProcessEnv): Mailer {
  const smtp = mail.smtp;
  if (!smtp) throw new MailDeliveryError('mail.transport is "smtp" but there is no mail.smtp section: add host and port', 'ECONFIG', false);
  const user = smtp.user?.trim() || undefined;
  const password = user ? env[smtp.passwordEnv] : undefined;
  if (user && !password) {
    throw new MailDeliveryError(
      `mail.smtp.user is "${user}" but the environment variable ${smtp.passwordEnv} is empty or not set: set it to the SMTP password (or remove mail.smtp.user if the server needs no login)`,
      'ECONFIG',
      false,
    );
  }
  const where = `${smtp.host}:${smtp.port}`;
  const redact = redactor(user, password);
  const transporter = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: smtp.requireTLS,
    auth: user && password ? { user, pass: password } : undefined,
    logger: false,
    debug: false,
    ...SMTP_TIMEOUTS,
    ...NO_EXTERNAL_ACCESS,
  });
  return {
    async send(outgoing) {
      const options = messageOptions(outgoing);
      try {
        const info = await transporter.sendMail(options);
        const rejected = info.rejected.length > 0 ? `; refused recipients: ${info.rejected.join(', ')}` : '';
        return { messageId: options.messageId, response: redact(collapseWhitespace(`${where} answered ${info.response}${rejected}`)) };
      } catch (error) {
        throw smtpError(error, where, user, smtp.passwordEnv, redact);
      }
    },
    async verify() {
      try {
        await transporter.verify();
      } catch (error) {
        throw smtpError(error, where, user, smtp.passwordEnv, redact);
      }
      return `SMTP server ${where} accepted the connection${user ? ` and the login as "${user}"` : ''}`;
    },
    close() {
      transporter.close();
    },
  };
}

/** The transport the config asks for: files in the outbox (default), or SMTP with the password from `env[passwordEnv]`. */
export function createMailer(mail: MailConfig, env: NodeJS.ProcessEnv): Mailer {
  return mail.transport === 'smtp' ? createSmtpMailer(mail, env) : createOutboxMailer(mail);
}

/** A unique id for messages that have no natural key (test mails). */
export function randomMessageId(prefix: string): string {
  return `${prefix}.${Date.now().toString(36)}.${randomBytes(6).toString('hex')}`;
}
