import { Parser } from 'htmlparser2';
import { collapseWhitespace } from '../../text/whitespace.ts';

/** Elements after which a reader sees a break; we turn them into a space so words do not glue. */
const BREAKING = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'td',
  'th',
  'tr',
  'ul',
  'img',
]);
const INVISIBLE = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'head', 'title']);

/** Plain text of an HTML fragment: tags dropped, entities decoded, whitespace collapsed. */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return collapse(html);
  let out = '';
  let hidden = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (INVISIBLE.has(name)) hidden += 1;
        else if (BREAKING.has(name)) out += ' ';
      },
      onclosetag(name) {
        if (INVISIBLE.has(name)) hidden = Math.max(0, hidden - 1);
        else if (BREAKING.has(name)) out += ' ';
      },
      ontext(text) {
        if (hidden === 0) out += text;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.end(html);
  return collapse(out);
}

/** Characters XML 1.0 forbids and controls that only ever appear as encoding debris. */
const INVALID_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g;

export function collapse(text: string): string {
  return collapseWhitespace(text.replace(INVALID_CHARS, ''));
}

/**
 * A title as a reader should see it. Feeds disagree on whether titles are text or HTML (RSS never
 * said), so both escaped markup (`&lt;b&gt;`) and double-escaped entities (`&amp;amp;`) show up;
 * one HTML decoding pass fixes both without harming plain titles.
 */
export function plainTitle(text: string): string {
  return htmlToText(text);
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Makes href/src URLs in feed HTML absolute against the element's base (xml:base or the feed
 * URL), so content shown in a digest or handed to the extractor keeps working links and images.
 */
export function absolutizeHtml(html: string, base: string | null): string {
  if (!base || !/^https?:/i.test(base)) return html;
  return html.replace(/(\s(?:href|src)\s*=\s*)(["'])([^"']*)\2/gi, (whole, prefix: string, quote: string, value: string) => {
    const trimmed = value.trim();
    if (trimmed === '' || /^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('#')) return whole;
    const absolute = URL.parse(trimmed.replace(/&amp;/g, '&'), base);
    return absolute === null ? whole : `${prefix}${quote}${absolute.href.replace(/&/g, '&amp;')}${quote}`;
  });
}
