/**
 * What the extractor accepts as a page: text that is HTML (not a binary file that happens to be
 * called .html), cut to a size real articles fit in.
 */

/**
 * Pages past this size are cut before parsing: real articles fit well inside it, and it
 * bounds the work a hostile or broken page (multi-megabyte inline state, endless markup) can cause.
 */
export const MAX_HTML_CHARS = 3_000_000;

/** How much of the start of a page the binary check reads. */
const SNIFF_CHARS = 8192;

/** Thrown for input that is not an HTML page at all (images, archives, PDFs saved as .html). */
export class NotHtmlError extends Error {
  constructor(reason: string) {
    super(`not an HTML page: ${reason}; check that the file or response really is a web page (its content type, or whether it is compressed)`);
    this.name = 'NotHtmlError';
  }
}

/** Signatures of common binary formats, as their bytes decode to text. */
const BINARY_MAGIC: readonly [RegExp, string][] = [
  [/^%PDF-/, 'a PDF document'],
  [/^\u0089PNG|^\ufffdPNG/, 'a PNG image'],
  [/^GIF8[79]a/, 'a GIF image'],
  [/^(?:\u00ff\u00d8\u00ff|\ufffd\ufffd\ufffd)/, 'a JPEG image'],
  [/^PK\u0003\u0004/, 'a ZIP archive (or an office document)'],
  [/^\u001f(?:\u008b|\ufffd)/, 'gzip-compressed data'],
];

/**
 * Why this text cannot be an HTML page, or null when it can. Binary data shows itself by its
 * file signature, NUL characters, or many control or undecodable characters near the start.
 */
export function notHtmlReason(text: string): string | null {
  const head = text.slice(0, SNIFF_CHARS);
  for (const [magic, what] of BINARY_MAGIC) if (magic.test(head)) return `the data is ${what}`;
  const nul = head.indexOf('\u0000');
  if (nul >= 0) return `it holds binary data (a NUL character at offset ${nul})`;
  let odd = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f || c === 0xfffd) odd++;
  }
  if (head.length >= 64 && odd > head.length * 0.1)
    return `it holds binary data (${Math.round((odd / head.length) * 100)} % control or undecodable characters)`;
  return null;
}

/** Throws NotHtmlError when the text is binary data rather than a page. */
export function assertHtml(text: string): void {
  const reason = notHtmlReason(text);
  if (reason !== null) throw new NotHtmlError(reason);
}

/** The part of a page the extractor reads. */
export function cutPage(html: string): string {
  return html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html;
}
