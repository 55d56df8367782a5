const formatters = new Map<string, Intl.DateTimeFormat>();

/** The formatter for an IANA zone; an unknown zone falls back to UTC so a typo never stops a digest, and the label says UTC. */
function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    const options: Intl.DateTimeFormatOptions = {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    };
    try {
      formatter = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: timezone });
    } catch {
      formatter = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' });
    }
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** "4 Mar 2025, 00:30 CET": the instant in the reader's zone, with the zone named. */
export function formatDateTime(date: Date, timezone: string): string {
  return formatterFor(timezone).format(date);
}

/** A published date from a feed or page (ISO 8601), or "date unknown" when missing or unreadable. */
export function formatPublished(iso: string | null, timezone: string): string {
  if (!iso) return 'date unknown';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? 'date unknown' : formatDateTime(date, timezone);
}
