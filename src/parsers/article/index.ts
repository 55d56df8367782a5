import type { ExtractedArticle } from '../types.ts';
import { collectBlocks } from './blocks.ts';
import { extractBody } from './body.ts';
import { loadPage } from './dom.ts';
import { notHtmlReason } from './input.ts';
import { extractMetadata } from './metadata.ts';
import { collapseWhitespace } from '../../text/whitespace.ts';

export { isTooThin, MIN_WORDS } from './thin.ts';
export { assertHtml, MAX_HTML_CHARS, NotHtmlError, notHtmlReason } from './input.ts';

/**
 * Extracts the article body (paragraphs, headings, lists and quotes of the main text, without
 * navigation, captions, bylines, share bars, related links or sign-up boxes) and the page's
 * metadata. `url` is the page's address, used to resolve relative links. Pure; never throws:
 * malformed HTML is read as a browser would, binary data (see `notHtmlReason`, or `assertHtml` to
 * refuse it with an error) gives an empty article. Check the result with `isTooThin` before
 * trusting the text.
 */
export function extractArticle(html: string, url: string): ExtractedArticle {
  const input = typeof html === 'string' ? html : '';
  const { $, doc } = loadPage(notHtmlReason(input) === null ? input : '');
  const page = collectBlocks(doc);
  const body = extractBody(page);
  const meta = extractMetadata($, page, url, body.start);
  const paragraphs = preferPublishedBody(body.paragraphs, meta.articleBody);
  return {
    text: paragraphs.join('\n\n'),
    paragraphs,
    title: meta.title,
    byline: meta.byline,
    published: meta.published,
    modified: meta.modified,
    canonicalUrl: meta.canonicalUrl,
    lang: meta.lang,
    description: meta.description,
    image: meta.image,
  };
}

/**
 * When the page publishes its body as schema.org articleBody and the markup yielded far less
 * (text rendered by scripts, odd markup), the published body is the better source.
 */
function preferPublishedBody(paragraphs: string[], articleBody: string | null): string[] {
  if (articleBody === null || articleBody.length < 500) return paragraphs;
  const extracted = paragraphs.reduce((n, p) => n + p.length, 0);
  if (extracted >= articleBody.length * 0.5) return paragraphs;
  const published = articleBody
    .split(/\n\s*\n|\r\n\s*\r\n|\n/)
    .map(collapseWhitespace)
    .filter((p) => p.length > 0);
  return published.length > 0 ? published : paragraphs;
}
