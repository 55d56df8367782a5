import { createHash } from 'node:crypto';
import type { FeedItem, ParsedFeed } from './types.ts';
import { readAtom } from './feed/atom.ts';
import { FeedParseError } from './feed/errors.ts';
import { readJsonFeed } from './feed/json-feed.ts';
import type { RawFeed, RawItem } from './feed/raw-item.ts';
import { readRss } from './feed/rss.ts';
import { attr, parseXml, type XmlDocument, type XmlElement } from './feed/xml-tree.ts';
import { canonicalUrl } from './urls.ts';

export { FeedParseError } from './feed/errors.ts';

/**
 * Parses a decoded feed document (RSS 0.9x/1.0/2.0, Atom 1.0/0.3, JSON Feed 1.0/1.1) into vigil's
 * normalised form. `feedUrl` is the URL the document was fetched from: relative links resolve
 * against it (or an `xml:base`), and errors name it.
 *
 * Broken XML is read tolerantly (see feed/xml-tree.ts); each repair becomes a warning. Throws
 * FeedParseError when the document is empty, is not a feed (an HTML page, other XML, other
 * JSON), or is too broken to find a feed in.
 *
 * Async so that a worker-thread or streaming implementation can replace it without changing callers.
 */
export async function parseFeed(body: string, feedUrl: string): Promise<ParsedFeed> {
  return parseFeedSync(body, feedUrl);
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
  const lead = /^[\s\ufeff\u200b\u200c\u200d\u2060]+/.exec(text);
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
    warnings.push(`${count} undecodable byte(s) shown as U+FFFD (first near ${JSON.stringify(text.slice(Math.max(0, replacement - 30), replacement + 10))}): the feed's bytes do not match its charset`);
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

/** Feed links an HTML page advertises, to make "this is a web page" actionable. */
function advertisedFeeds(root: XmlElement, base: string): string[] {
  const found: string[] = [];
  const visit = (element: XmlElement) => {
    if (found.length >= 3) return;
    if (element.local.toLowerCase() === 'link') {
      const rel = (attr(element, 'rel') ?? '').toLowerCase();
      const type = (attr(element, 'type') ?? '').toLowerCase();
      const href = attr(element, 'href');
      if (rel.includes('alternate') && /(rss|atom|feed)\+?(xml|json)/.test(type) && href) {
        const url = canonicalUrl(href, base);
        if (url) found.push(url);
      }
    }
    for (const child of element.children) if (child.type === 'element') visit(child);
  };
  visit(root);
  return found;
}

function firstIssue(document: XmlDocument): { line: number; column: number } | undefined {
  const [issue] = document.issues;
  return issue ? { line: issue.line, column: issue.column } : undefined;
}

function readXml(text: string, feedUrl: string): RawFeed & { xmlWarnings: string[] } {
  const document = parseXml(text, /^https?:/i.test(feedUrl) ? feedUrl : null);
  const { root } = document;
  const xmlWarnings = document.issues.map((issue) => `malformed XML repaired: ${issue.message} (line ${issue.line}, column ${issue.column})`);
  if (!root) {
    throw new FeedParseError(feedUrl, `no XML element found; the document starts with ${JSON.stringify(text.slice(0, 60))}`, firstIssue(document));
  }
  const local = root.local;
  const lower = local.toLowerCase();
  let feed: RawFeed;
  if (lower === 'rss' || (local === 'RDF' && (root.ns === 'http://www.w3.org/1999/02/22-rdf-syntax-ns#' || root.name === 'rdf:RDF'))) {
    feed = readRss(root);
  } else if (local === 'feed') {
    feed = readAtom(root);
  } else if (lower === 'html' || lower === 'body' || lower === 'head') {
    const base = /^https?:/i.test(feedUrl) ? feedUrl : 'http://invalid.invalid/';
    const links = advertisedFeeds(root, base);
    const hint = links.length > 0 ? `; the page advertises: ${links.join(', ')}` : '; find the feed link on the site and use that';
    throw new FeedParseError(feedUrl, `this is an HTML page, not a feed${hint}`);
  } else {
    throw new FeedParseError(feedUrl, `the root element is <${root.name}>, not <rss>, <rdf:RDF> or <feed>: not a feed`, document.position(root.offset));
  }
  const structural = document.issues.find((issue) => issue.structural);
  if (structural && feed.items.length === 0 && feed.title === null) {
    throw new FeedParseError(feedUrl, `XML too broken to read (${structural.message}); no title or items found`, {
      line: structural.line,
      column: structural.column,
    });
  }
  return { ...feed, xmlWarnings };
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
    warnings.push(`${duplicates.size} guid(s) used by more than one item (e.g. ${JSON.stringify(first)}); later items with the same guid count as already seen`);
  }
  const untitled = items.filter((item) => item.title === '').length;
  if (untitled > 0) warnings.push(`${untitled} item(s) have no title`);
  return items;
}

function parseFeedSync(body: string, feedUrl: string): ParsedFeed {
  const warnings: string[] = [];
  const text = prepare(body, warnings);
  if (text.trim() === '') throw new FeedParseError(feedUrl, 'the document is empty; the server sent no feed');
  let feed: RawFeed;
  if (text[0] === '{' || text[0] === '[') {
    feed = readJsonFeed(text, feedUrl);
  } else {
    const xml = readXml(text, feedUrl);
    warnings.push(...xml.xmlWarnings);
    feed = xml;
  }
  warnings.push(...feed.warnings);
  return {
    title: feed.title,
    siteUrl: feed.siteUrl,
    format: feed.format,
    items: finishItems(feed.items, warnings),
    warnings,
  };
}
