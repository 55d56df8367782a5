import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/** Paths pino blanks out wherever they appear in a log record: secrets never reach the logs. */
export const REDACTED_PATHS = [
  'password',
  'pass',
  'token',
  'secret',
  'authorization',
  '*.password',
  '*.pass',
  '*.token',
  '*.secret',
  '*.authorization',
  '*.*.password',
  '*.*.pass',
  'headers.authorization',
  'headers.cookie',
  'smtp.password',
  'auth.pass',
];

export interface LoggerOptions {
  level?: string;
  /** Human-readable lines instead of JSON; defaults to whether stderr is a terminal. */
  pretty?: boolean;
  /** Where JSON lines go; defaults to stderr so stdout stays clean for command output. */
  destination?: NodeJS.WritableStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.VIGIL_LOG_LEVEL ?? 'info';
  const redact = { paths: REDACTED_PATHS, censor: '[redacted]' };
  const pretty = options.pretty ?? (process.stderr.isTTY === true && !options.destination);
  if (pretty) {
    return pino({
      level,
      redact,
      // Colour only for a person at a terminal, and never when NO_COLOR is set (no-color.org).
      transport: { target: 'pino-pretty', options: { destination: 2, colorize: !process.env.NO_COLOR, ignore: 'pid,hostname' } },
    });
  }
  return pino({ level, redact }, (options.destination ?? process.stderr) as pino.DestinationStream);
}
