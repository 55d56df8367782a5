import { NS } from './namespaces.ts';
import type { RawFeed, RawItem } from './raw-item.ts';
import {
  authorName,
  childNamed,
  childrenNamed,
  childText,
  elementHtml,
  elementTitle,
  firstDate,
  urlFrom,
} from './elements.ts';
import { absolutizeHtml, htmlToText } from './text.ts';
import { attr, type XmlElement } from './xml-tree.ts';

/** Namespaces RSS core elements appear in: none (0.9x/2.0), RSS 1.0, RSS 0.90, and the rare RSS 2 namespaces. */
const CORE = new Set(['', NS.rss1, NS.rss090, NS.rss2, NS.rss2alt]);
const ATOM = new Set([NS.atom]);
const DC = new Set([NS.dc]);
const DCTERMS = new Set([NS.dcterms]);
const CONTENT = new Set([NS.content]);
const XHTML = new Set([NS.xhtml]);
const ITUNES = new Set([NS.itunes]);
const MEDIA = new Set([NS.media]);

function alternateAtomLink(parent: XmlElement): string | null {
  for (const link of childrenNamed(parent, ATOM, 'link')) {
    const rel = attr(link, 'rel') ?? 'alternate';
    const href = attr(link, 'href');
    if (rel === 'alternate' && href) {
      const url = urlFrom(href, link.base);
      if (url) return url;
    }
  }
  return null;
}

/** The item's <link>: text as RSS says, or an href attribute as some feeds write it. */
function rssLink(parent: XmlElement): string | null {
  for (const link of childrenNamed(parent, CORE, 'link')) {
    const url = urlFrom(childTextOf(link) ?? attr(link, 'href'), link.base);
    if (url) return url;
  }
  return null;
}

function childTextOf(element: XmlElement): string | null {
  const text = element.children.map((child) => (child.type === 'text' ? child.text : '')).join('').trim();
  return text === '' ? null : text;
}

/** <author> is an e-mail address by the spec, but feeds also nest Atom-style <name>/<title> in it. */
function rssAuthor(item: XmlElement): string | null {
  const author = childNamed(item, new Set([...CORE, NS.atom]), 'author');
  if (!author) return null;
  const nested = author.children.some((child) => child.type === 'element');
  return nested ? childText(author, new Set([...CORE, NS.atom, author.ns]), 'name') : childText(item, CORE, 'author');
}

function readItem(item: XmlElement): RawItem {
  const guidElement = childNamed(item, CORE, 'guid');
  const guidText = guidElement ? childTextOf(guidElement) : null;
  const about = attr(item, 'about') ?? null;
  const guidIsLink = guidElement !== null && (attr(guidElement, 'isPermaLink') ?? 'true').trim().toLowerCase() !== 'false';
  const url =
    rssLink(item) ??
    alternateAtomLink(item) ??
    // A permalink guid is the article URL; only trust it when it looks like one (absolute or rooted).
    (guidIsLink && guidText && /^(https?:\/\/|\/[^/])/i.test(guidText) ? urlFrom(guidText, guidElement.base) : null) ??
    urlFrom(about, item.base);

  const encoded = childNamed(item, CONTENT, 'encoded') ?? childNamed(item, XHTML, 'body');
  const contentHtml = encoded ? absolutizeHtml(elementHtml(encoded).trim(), encoded.base) || null : null;
  const description = childNamed(item, CORE, 'description');
  let summary = description ? htmlToText(elementHtml(description)) : '';
  if (summary === '') {
    const fallback = childNamed(item, ITUNES, 'summary', 'subtitle') ?? childNamed(item, MEDIA, 'description');
    summary = fallback ? htmlToText(elementHtml(fallback)) : contentHtml ? htmlToText(contentHtml) : '';
  }

  return {
    guid: guidText ?? about,
    url,
    title: elementTitle(childNamed(item, CORE, 'title') ?? childNamed(item, DC, 'title')),
    summary,
    contentHtml,
    published: firstDate([
      childText(item, CORE, 'pubDate'),
      childText(item, DC, 'date'),
      childText(item, DCTERMS, 'issued', 'created', 'modified'),
      childText(item, ATOM, 'published', 'updated'),
    ]),
    author: authorName(childText(item, DC, 'creator') ?? rssAuthor(item) ?? childText(item, ITUNES, 'author')),
  };
}

/** RSS 0.9x, 1.0 (RDF) and 2.0. `root` is <rss> or <rdf:RDF>. */
export function readRss(root: XmlElement): RawFeed {
  const warnings: string[] = [];
  const isRdf = root.local === 'RDF';
  const channel = childNamed(root, CORE, 'channel');
  let format: RawFeed['format'] = 'rss2';
  if (isRdf) format = 'rss1';
  else {
    const version = (attr(root, 'version') ?? '').trim();
    if (/^0\.9/.test(version)) format = 'rss091';
  }

  // RSS 1.0 puts items beside the channel; broken 2.0 feeds sometimes do the same.
  const items = [
    ...(channel ? childrenNamed(channel, CORE, 'item') : []),
    ...childrenNamed(root, CORE, 'item'),
  ];
  if (!channel) warnings.push('the feed has no <channel> element');

  return {
    title: channel ? elementTitle(childNamed(channel, CORE, 'title') ?? childNamed(channel, DC, 'title')) || null : null,
    siteUrl: channel ? (rssLink(channel) ?? alternateAtomLink(channel)) : null,
    format,
    items: items.map(readItem),
    warnings,
  };
}
