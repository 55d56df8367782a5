import cronParser from 'cron-parser';

/**
 * Digest schedules are run by BullMQ's job schedulers, which read them with cron-parser (the version
 * BullMQ pins). Checking them here, with the same parser, turns a schedule that would never fire, or
 * fire every second, into a config error instead of a worker that starts and then does nothing.
 */

/** Why `tz` is not a time zone both the scheduler and the mail dates can use, or null when it is. */
export function timeZoneProblem(tz: string): string | null {
  const unknown = `unknown time zone "${tz}" (expected an IANA name such as "Europe/London" or "UTC")`;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    cronParser.parseExpression('0 0 * * *', { tz, currentDate: new Date() }).next();
    return null;
  } catch {
    return unknown;
  }
}

const FIVE_FIELDS = 'expected 5 fields (minute hour day month weekday), e.g. "0 7 * * *" for 07:00 every day';

/**
 * Why `pattern` is not a usable cron pattern, or null. Five fields (minute hour day month weekday);
 * six (seconds first) and "@daily"-style names are accepted too, as BullMQ does.
 */
export function cronProblem(pattern: string): string | null {
  const text = pattern.trim();
  const fields = text.split(/\s+/);
  if (!text.startsWith('@') && (fields.length < 5 || fields.length > 6)) return `${JSON.stringify(pattern)} is not a cron pattern: ${FIVE_FIELDS}`;
  try {
    cronParser.parseExpression(text, { currentDate: new Date() }).next();
    return null;
  } catch (error) {
    const reason = (error as Error).message.replace(/^Validation error, /, '');
    return `${JSON.stringify(pattern)} is not a valid cron pattern: ${reason} (5 fields: minute hour day month weekday, e.g. "0 7 * * *" for 07:00 every day)`;
  }
}

/** A six-field pattern whose seconds field holds more than one value fires several times a minute. */
export function firesEverySeconds(pattern: string): boolean {
  try {
    return cronParser.parseExpression(pattern.trim()).fields.second.length > 1;
  } catch {
    return false;
  }
}
