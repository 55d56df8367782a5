import { cleanLine } from '../text/untrusted.ts';

/**
 * Everything a digest shows comes from feeds and pages we do not control. Source HTML is never embedded:
 * text goes through `escapeHtml`, links through `safeHttpUrl`, and single-line fields through `cleanText`.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an HTML element body or a double- or single-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/** Untrusted text on one line: controls and bidi controls dropped, whitespace runs collapsed. */
export function cleanText(text: string): string {
  return cleanLine(text);
}

const MAX_URL_LENGTH = 4096;

/**
 * The URL if it is an absolute http(s) URL a reader can safely click, else null.
 * Credentials in a link (`https://bank.example@evil.example/`) only serve to mislead, so they are refused too.
 */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || !url.hostname) return null;
  return url.href;
}

/** `text` linked to `url` when the URL is safe, else the escaped text alone. `style` is ours, never a source's. */
export function linkHtml(text: string, url: string | null | undefined, style: string): string {
  const href = safeHttpUrl(url);
  const label = escapeHtml(text);
  return href ? `<a href="${escapeHtml(href)}" style="${escapeHtml(style)}">${label}</a>` : label;
}
