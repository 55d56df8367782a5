import { canonicalUrl } from '../urls.ts';
import { readAtom } from './atom.ts';
import { FeedParseError } from './errors.ts';
import type { RawFeed } from './raw-item.ts';
import { readRss } from './rss.ts';
import { attr, parseXml, type XmlDocument, type XmlElement } from './xml-tree.ts';

/**
 * The tolerant reader: builds a tree with htmlparser2 (see xml-tree.ts), repairing what it must,
 * and reads RSS or Atom from it. parseFeed uses it for every document chooseReader does not give
 * to rss-parser (choose-reader.ts).
 */

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

/** Reads RSS or Atom tolerantly; every repair becomes a warning in the result. */
export function readTolerantly(text: string, feedUrl: string): RawFeed {
  const document = parseXml(text, /^https?:/i.test(feedUrl) ? feedUrl : null);
  const { root } = document;
  const xmlWarnings = document.issues.map((issue) => `malformed XML repaired: ${issue.message} (line ${issue.line}, column ${issue.column})`);
  if (!root) {
    throw new FeedParseError(feedUrl, `no XML element found; the document starts with ${JSON.stringify(text.slice(0, 60))}`, {
      position: firstIssue(document),
    });
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
    throw new FeedParseError(feedUrl, `this is an HTML page, not a feed${hint}`, { notAFeed: true });
  } else {
    throw new FeedParseError(feedUrl, `the root element is <${root.name}>, not <rss>, <rdf:RDF> or <feed>: not a feed`, {
      position: document.position(root.offset),
      notAFeed: true,
    });
  }
  const structural = document.issues.find((issue) => issue.structural);
  if (structural && feed.items.length === 0 && feed.title === null) {
    throw new FeedParseError(feedUrl, `XML too broken to read (${structural.message}); no title or items found`, {
      position: { line: structural.line, column: structural.column },
    });
  }
  return { ...feed, warnings: [...xmlWarnings, ...feed.warnings] };
}
