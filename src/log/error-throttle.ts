import type { Logger } from 'pino';
import { redactText } from './redact.ts';

/**
 * Logs a repeating error (Redis refusing a rotated password, a lost connection) once, then at
 * most once per interval with the count of repeats, instead of a line per retry.
 */
export function throttledErrorLog(logger: Logger, intervalMs = 30_000): (source: string, error: Error) => void {
  const last = new Map<string, { at: number; repeats: number }>();
  return (source, error) => {
    const message = redactText(error.message);
    const key = `${source}\u0000${message}`;
    const now = Date.now();
    const seen = last.get(key);
    if (seen && now - seen.at < intervalMs) {
      seen.repeats += 1;
      return;
    }
    logger.error({ source, err: message, ...(seen ? { repeatsSinceLastLine: seen.repeats } : {}) }, `${source} error`);
    last.set(key, { at: now, repeats: 0 });
  };
}
