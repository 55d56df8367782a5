import { createHash } from 'node:crypto';
import type { FeedItem, ParsedFeed } from './types.ts';
import { FeedParseError } from './feed/errors.ts';
import { readJsonFeed } from './feed/json-feed.ts';
import type { RawFeed, RawItem } from './feed/raw-item.ts';
import { chooseReader } from './feed/choose-reader.ts';
import { readWithRssParser } from './feed/rss-parser-reader.ts';
import { readTolerantly } from './feed/tolerant-reader.ts';

export { FeedParseError } from './feed/errors.ts';

/**
 * Parses a decoded feed document (RSS 0.9x/1.0/2.0, Atom 1.0/0.3, JSON Feed 1.0/1.1) into vigil's
 * normalised form. `feedUrl` is the URL the document was fetched from: relative links resolve
 * against it (or an `xml:base`), and errors name it.
 *
 * chooseReader (feed/choose-reader.ts) decides, in one strict scan of the document, which reader
 * reads it, and it is read once: JSON Feed by hand (feed/json-feed.ts), well-formed RSS and Atom by
 * rss-parser (feed/rss-parser-reader.ts), the rest by the tolerant htmlparser2 reader
 * (feed/tolerant-reader.ts): documents that are not well-formed, and those rss-parser would read
 * differently (xml:base, prefixed Atom, <rss> without a version, inline markup, ...). rss-parser
 * and the tolerant reader feed the same normalisation (feed/rss.ts, feed/atom.ts), so a document
 * gives the same result whichever reads it. When the tolerant reader is used, the first warning
 * says why, and each repair it made is a warning too.
 *
 * Throws FeedParseError when the document is empty, is not a feed (an HTML page, other XML, other
 * JSON; `notAFeed` is then true), or is too broken to find a feed in.
 */
export async function parseFeed(body: string, feedUrl: string): Promise<ParsedFeed> {
  const warnings: string[] = [];
  const text = prepare(body, warnings);
  if (text.trim() === '') throw new FeedParseError(feedUrl, 'the document is empty; the server sent no feed');
  const feed = await read(text, feedUrl, warnings);
  warnings.push(...feed.warnings);
  return {
    title: feed.title,
    siteUrl: feed.siteUrl,
    format: feed.format,
    items: finishItems(feed.items, warnings),
    warnings,
  };
}

export const TOLERANT_PASS_WARNING = 'read with the tolerant parser';

async function read(text: string, feedUrl: string, warnings: string[]): Promise<RawFeed> {
  const choice = chooseReader(text);
  if (choice.reader === 'json-feed') return readJsonFeed(text, feedUrl);
  if (choice.reader === 'rss-parser') {
    const feed = await readWithRssParser(text, feedUrl, choice.shape);
    if (!('rejected' in feed)) return feed;
    // Not expected (the choice checks what rss-parser checks); the tolerant reader loses nothing.
    warnings.push(`${TOLERANT_PASS_WARNING}: rss-parser rejected a document that looked well-formed (${feed.rejected})`);
    return readTolerantly(text, feedUrl);
  }
  warnings.push(`${TOLERANT_PASS_WARNING}: ${choice.reason}`);
  return readTolerantly(text, feedUrl);
}

/** XML 1.0 forbids these; feeds carry them as debris from databases and bad encoders. */
const INVALID_XML_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function prepare(body: string, warnings: string[]): string {
  let text = body;
  const invalid = text.match(INVALID_XML_CHARS);
  if (invalid) {
    warnings.push(`removed ${invalid.length} control character(s) that XML does not allow`);
    text = text.replace(INVALID_XML_CHARS, '');
  }
  // BOMs, zero-width characters and blank lines before `<?xml` make strict parsers refuse the
  // document ("XML declaration not at start"); they carry no content.
  const lead = /^(?:\s|\ufeff|\u200b|\u200c|\u200d|\u2060)+/.exec(text);
  if (lead) {
    if (/[^\ufeff]/.test(lead[0]) && /^\s*<\?xml/.test(text.slice(lead[0].length))) {
      warnings.push('ignored whitespace before the XML declaration');
    }
    text = text.slice(lead[0].length);
  }
  // Server-side notices ("Warning: ... in feed.php") printed before the document.
  if (text !== '' && text[0] !== '<' && text[0] !== '{' && text[0] !== '[') {
    const start = text.search(/<(?:\?xml|rss|feed|rdf:RDF|RDF)[\s>]/);
    if (start > 0) {
      warnings.push(`ignored ${start} character(s) of text before the feed: ${JSON.stringify(text.slice(0, 60))}`);
      text = text.slice(start);
    }
  }
  const replacement = text.indexOf('\ufffd');
  if (replacement !== -1) {
    const count = text.split('\ufffd').length - 1;
    warnings.push(
      `${count} undecodable byte(s) shown as U+FFFD (first near ${JSON.stringify(text.slice(Math.max(0, replacement - 30), replacement + 10))}): the feed's bytes do not match its charset`,
    );
  }
  const bare = bareAmpersands(text);
  if (bare > 0) warnings.push(`read ${bare} unescaped "&" as literal text (should be &amp;)`);
  return text;
}

/** `&` that starts no entity or character reference, outside CDATA sections. */
function bareAmpersands(text: string): number {
  if (!text.includes('&')) return 0;
  let count = 0;
  const pattern = /<!\[CDATA\[[\s\S]*?\]\]>|&(?!(?:[A-Za-z][A-Za-z0-9._-]*|#[0-9]+|#x[0-9A-Fa-f]+);)/g;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match[0] === '&') count += 1;
  }
  return count;
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** Identity, in the order the FeedItem contract gives: guid/id, canonical URL, hash of title+content. */
function finishItems(raw: RawItem[], warnings: string[]): FeedItem[] {
  const seen = new Map<string, number>();
  const duplicates = new Set<string>();
  const items = raw.map((item): FeedItem => {
    const content = item.contentHtml ?? item.summary;
    let guid = item.guid?.trim() || null;
    if (guid === null && item.url) {
      guid = item.url;
      // Items whose links differ only by fragment (one page, many anchors) must stay distinct.
      if (seen.has(guid)) guid = `${item.url}#${shortHash(`${item.title}\n${content}`).slice(0, 12)}`;
    }
    guid ??= `sha256:${shortHash(`${item.title}\n${content}`)}`;
    const count = seen.get(guid) ?? 0;
    if (count > 0) duplicates.add(guid);
    seen.set(guid, count + 1);
    return { ...item, guid };
  });
  if (duplicates.size > 0) {
    const [first] = duplicates;
    warnings.push(
      `${duplicates.size} guid(s) used by more than one item (e.g. ${JSON.stringify(first)}); later items with the same guid count as already seen`,
    );
  }
  const untitled = items.filter((item) => item.title === '').length;
  if (untitled > 0) warnings.push(`${untitled} item(s) have no title`);
  return items;
}
