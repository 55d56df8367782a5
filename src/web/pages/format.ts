import { safeHttpUrl } from '../../mail/escape.ts';
import { formatDateTime } from '../../mail/format-date.ts';
import { cleanLine, MAX_TITLE_LENGTH, truncateAtWord } from '../../text/untrusted.ts';
import { html, join, type SafeHtml } from '../html.ts';

/** Pages show times in UTC, named as such: one clock for every reader of a shared console. */
export function when(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '—' : formatDateTime(date, 'UTC');
}

/** "12 min ago", "3 h ago", "2 d ago", or "never". */
export function ago(value: string | null | undefined, now: Date): string {
  if (!value) return 'never';
  const ms = now.getTime() - Date.parse(value);
  if (Number.isNaN(ms)) return 'never';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 120) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} d ago`;
}

/** "in 12 min", "in 3 h", or the time itself further out. */
export function until(value: string | null | undefined, now: Date): string {
  if (!value) return '—';
  const ms = Date.parse(value) - now.getTime();
  if (Number.isNaN(ms)) return '—';
  if (ms <= 0) return when(value);
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `in ${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `in ${hours} h` : `in ${Math.round(hours / 24)} d`;
}

/** A title or name from a source on one line, cut to a sane length. */
export function sourceLine(text: string, max = MAX_TITLE_LENGTH): string {
  return truncateAtWord(cleanLine(text), max);
}

/**
 * A link to a source page: only absolute http(s) URLs without credentials, opened in a new tab that
 * cannot reach back to the console and tells the source nothing about it.
 */
export function sourceLink(text: string, url: string | null | undefined, className = ''): SafeHtml {
  const href = safeHttpUrl(url);
  if (!href) return html`<span class="${className}">${text}</span>`;
  return html`<a class="${className}" href="${href}" rel="noopener noreferrer nofollow" target="_blank">${text}</a>`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Text with the matched texts wrapped in <mark>, everything escaped. The matcher reports each hit as the
 * item spells it, so the marking is exact: a case-sensitive "IS" marks "IS", never the verb "is".
 */
export function highlighted(text: string, terms: readonly string[]): SafeHtml {
  const distinct = [...new Set(terms.map((term) => cleanLine(term)).filter((term) => term.length > 0))].sort((a, b) => b.length - a.length);
  if (distinct.length === 0 || text.length === 0) return html`${text}`;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${distinct.map((term) => escapeRegExp(term).replace(/\s+/g, '\\s+')).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  const parts: SafeHtml[] = [];
  let last = 0;
  for (const found of text.matchAll(pattern)) {
    if (found.index > last) parts.push(html`${text.slice(last, found.index)}`);
    parts.push(html`<mark>${found[0]}</mark>`);
    last = found.index + found[0].length;
  }
  if (last < text.length) parts.push(html`${text.slice(last)}`);
  return join(parts);
}

/** A feed's last error as stored ("<ISO time> <message>"), split for display. */
export function splitLastError(lastError: string): { at: string | null; message: string } {
  const found = /^(\d{4}-\d{2}-\d{2}T\S+) ([\s\S]*)$/.exec(lastError);
  return found?.[1] && found[2] !== undefined ? { at: found[1], message: found[2] } : { at: null, message: lastError };
}

/** A query string from the set parameters only. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
