import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface TestSmtpOptions {
  /** Require this login. Without it the server takes mail without AUTH. */
  auth?: { user: string; password: string };
  /** The text of the 535 answer to a wrong login (default "Invalid username or password"). */
  authFailureText?: (given: { user: string; password: string }) => string;
  /**
   * Runs once a message has fully arrived and before the server answers 250: a crash test uses it
   * to kill the sender after the mail was taken but before the sender hears so.
   */
  beforeAccept?: (message: ParsedMail) => Promise<void> | void;
}

export interface TestSmtp {
  port: number;
  /** Every accepted message, parsed, in arrival order. */
  messages: ParsedMail[];
  /** SMTP envelopes of the accepted messages. */
  envelopes: { from: string; to: string[] }[];
  /** Refuses the next `count` messages at DATA with `code` (4xx temporary, 5xx permanent). */
  rejectNext(count: number, code?: number): void;
  close(): Promise<void>;
}

class SmtpReply extends Error {
  constructor(
    message: string,
    readonly responseCode: number,
  ) {
    super(message);
  }
}

/** A real SMTP server on 127.0.0.1 and a spare port, without TLS, collecting what it receives. */
export async function startTestSmtp(options: TestSmtpOptions = {}): Promise<TestSmtp> {
  const messages: ParsedMail[] = [];
  const envelopes: { from: string; to: string[] }[] = [];
  let rejecting = 0;
  let rejectCode = 550;
  const { auth } = options;

  const server = new SMTPServer({
    secure: false,
    disabledCommands: auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !auth,
    allowInsecureAuth: true,
    logger: false,
    socketTimeout: 10_000,
    closeTimeout: 1_000,
    onAuth(given, _session, callback) {
      const user = given.username ?? '';
      const password = given.password ?? '';
      if (auth && user === auth.user && password === auth.password) {
        callback(null, { user });
        return;
      }
      const text = options.authFailureText?.({ user, password }) ?? 'Invalid username or password';
      callback(new SmtpReply(text, 535));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error: Error) => callback(error));
      stream.on('end', () => {
        if (rejecting > 0) {
          rejecting--;
          const text = rejectCode < 500 ? 'Temporary local problem, try again later' : 'Message refused by policy';
          callback(new SmtpReply(text, rejectCode));
          return;
        }
        simpleParser(Buffer.concat(chunks))
          .then(async (parsed) => {
            await options.beforeAccept?.(parsed);
            messages.push(parsed);
            const from = session.envelope.mailFrom;
            envelopes.push({
              from: from === false ? '' : from.address,
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            });
            callback(null, 'Queued for the test');
          })
          .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
      });
    },
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  const address = server.server.address() as AddressInfo;

  return {
    port: address.port,
    messages,
    envelopes,
    rejectNext(count, code = 550) {
      rejecting = count;
      rejectCode = code;
    },
    close: () => new Promise<void>((resolvePromise) => server.close(() => resolvePromise())),
  };
}
