import { NS } from './namespaces.ts';
import type { RawFeed, RawItem } from './raw-item.ts';
import { authorName, childNamed, childrenNamed, childText, elementHtml, firstDate, urlFrom } from './elements.ts';
import { absolutizeHtml, htmlToText } from './text.ts';
import { attr, type XmlElement } from './xml-tree.ts';

/**
 * RSS 0.9x, 1.0 (RDF) and 2.0 in two halves: what an item says (RssItemFields, read either from
 * the tolerant XML tree here or from rss-parser's output in rss-parser-reader.ts) and the one
 * normalisation both readers share (normaliseRssItem / normaliseRssChannel).
 */

/** A link element: RSS writes the URL as text, some feeds as an href attribute. */
export interface RssLinkField {
  text: string | null;
  href: string | undefined;
  base: string | null;
}

/** An <atom:link> (or Atom <link>) element's attributes. */
export interface AtomLinkField {
  rel: string | undefined;
  href: string | undefined;
  type: string | undefined;
  base: string | null;
}

export interface RssItemFields {
  guid: { text: string | null; isPermaLink: string | undefined; base: string | null } | null;
  /** rdf:about (RSS 1.0). */
  about: string | null;
  base: string | null;
  links: RssLinkField[];
  atomLinks: AtomLinkField[];
  /** content:encoded or xhtml:body, as HTML. */
  encoded: { html: string; base: string | null } | null;
  /** <description> as HTML, or null when there is none. */
  descriptionHtml: string | null;
  /** itunes:summary/subtitle or media:description as HTML, used when the description is empty. */
  fallbackSummaryHtml: string | null;
  /** <title> (or dc:title) as HTML: text, or the markup of a title with child elements. */
  titleHtml: string;
  /** Date candidates in order of preference: pubDate, dc:date, dcterms:issued/created/modified, atom:published/updated. */
  dates: (string | null)[];
  /** dc:creator, then <author> (its nested <name> if it has one), then itunes:author. */
  authors: (string | null)[];
}

export interface RssChannelFields {
  titleHtml: string | null;
  links: RssLinkField[];
  atomLinks: AtomLinkField[];
}

/** The first rel="alternate" (or no rel) atom:link with an href. */
function alternateAtomLink(links: AtomLinkField[]): string | null {
  for (const link of links) {
    if ((link.rel ?? 'alternate') === 'alternate' && link.href) {
      const url = urlFrom(link.href, link.base);
      if (url) return url;
    }
  }
  return null;
}

function rssLink(links: RssLinkField[]): string | null {
  for (const link of links) {
    const url = urlFrom(link.text ?? link.href, link.base);
    if (url) return url;
  }
  return null;
}

export function normaliseRssItem(fields: RssItemFields): RawItem {
  const { guid } = fields;
  const guidText = guid?.text ?? null;
  const guidIsLink = guid !== null && (guid.isPermaLink ?? 'true').trim().toLowerCase() !== 'false';
  const url =
    rssLink(fields.links) ??
    alternateAtomLink(fields.atomLinks) ??
    // A permalink guid is the article URL; only trust it when it looks like one (absolute or rooted).
    (guid && guidIsLink && guidText && /^(https?:\/\/|\/[^/])/i.test(guidText) ? urlFrom(guidText, guid.base) : null) ??
    urlFrom(fields.about, fields.base);

  const contentHtml = fields.encoded ? absolutizeHtml(fields.encoded.html.trim(), fields.encoded.base) || null : null;
  let summary = fields.descriptionHtml !== null ? htmlToText(fields.descriptionHtml) : '';
  if (summary === '') {
    summary = fields.fallbackSummaryHtml !== null ? htmlToText(fields.fallbackSummaryHtml) : contentHtml ? htmlToText(contentHtml) : '';
  }
  const author = fields.authors.find((candidate): candidate is string => candidate !== null && candidate !== '') ?? null;
  return {
    guid: guidText ?? fields.about,
    url,
    title: htmlToText(fields.titleHtml),
    summary,
    contentHtml,
    published: firstDate(fields.dates),
    author: authorName(author),
  };
}

export function normaliseRssChannel(fields: RssChannelFields): Pick<RawFeed, 'title' | 'siteUrl'> {
  return {
    title: fields.titleHtml !== null ? htmlToText(fields.titleHtml) || null : null,
    siteUrl: rssLink(fields.links) ?? alternateAtomLink(fields.atomLinks),
  };
}

/** The format an <rss> root's version attribute names; rdf:RDF is RSS 1.0. */
export function rssFormat(isRdf: boolean, version: string | undefined): RawFeed['format'] {
  if (isRdf) return 'rss1';
  return /^0\.9/.test((version ?? '').trim()) ? 'rss091' : 'rss2';
}

// ---- the tolerant reader's front: fields from the XML tree ----

/** Namespaces RSS core elements appear in: none (0.9x/2.0), RSS 1.0, RSS 0.90, and the rare RSS 2 namespaces. */
const CORE = new Set(['', NS.rss1, NS.rss090, NS.rss2, NS.rss2alt]);
const ATOM = new Set([NS.atom]);
const DC = new Set([NS.dc]);
const DCTERMS = new Set([NS.dcterms]);
const CONTENT = new Set([NS.content]);
const XHTML = new Set([NS.xhtml]);
const ITUNES = new Set([NS.itunes]);
const MEDIA = new Set([NS.media]);

function linkFields(parent: XmlElement): RssLinkField[] {
  return childrenNamed(parent, CORE, 'link').map((link) => ({ text: childTextOf(link), href: attr(link, 'href'), base: link.base }));
}

function atomLinkFields(parent: XmlElement): AtomLinkField[] {
  return childrenNamed(parent, ATOM, 'link').map((link) => ({
    rel: attr(link, 'rel'),
    href: attr(link, 'href'),
    type: attr(link, 'type'),
    base: link.base,
  }));
}

function childTextOf(element: XmlElement): string | null {
  const text = element.children
    .map((child) => (child.type === 'text' ? child.text : ''))
    .join('')
    .trim();
  return text === '' ? null : text;
}

/** <author> is an e-mail address by the spec, but feeds also nest Atom-style <name>/<title> in it. */
function rssAuthor(item: XmlElement): string | null {
  const author = childNamed(item, new Set([...CORE, NS.atom]), 'author');
  if (!author) return null;
  const nested = author.children.some((child) => child.type === 'element');
  return nested ? childText(author, new Set([...CORE, NS.atom, author.ns]), 'name') : childText(item, CORE, 'author');
}

function itemFields(item: XmlElement): RssItemFields {
  const guidElement = childNamed(item, CORE, 'guid');
  const title = childNamed(item, CORE, 'title') ?? childNamed(item, DC, 'title');
  const encoded = childNamed(item, CONTENT, 'encoded') ?? childNamed(item, XHTML, 'body');
  const description = childNamed(item, CORE, 'description');
  const fallback = childNamed(item, ITUNES, 'summary', 'subtitle') ?? childNamed(item, MEDIA, 'description');
  return {
    guid: guidElement ? { text: childTextOf(guidElement), isPermaLink: attr(guidElement, 'isPermaLink'), base: guidElement.base } : null,
    about: attr(item, 'about') ?? null,
    base: item.base,
    links: linkFields(item),
    atomLinks: atomLinkFields(item),
    encoded: encoded ? { html: elementHtml(encoded), base: encoded.base } : null,
    descriptionHtml: description ? elementHtml(description) : null,
    fallbackSummaryHtml: fallback ? elementHtml(fallback) : null,
    titleHtml: title ? elementHtml(title) : '',
    dates: [
      childText(item, CORE, 'pubDate'),
      childText(item, DC, 'date'),
      childText(item, DCTERMS, 'issued', 'created', 'modified'),
      childText(item, ATOM, 'published', 'updated'),
    ],
    authors: [childText(item, DC, 'creator'), rssAuthor(item), childText(item, ITUNES, 'author')],
  };
}

/** RSS 0.9x, 1.0 (RDF) and 2.0 from the tolerant tree. `root` is <rss> or <rdf:RDF>. */
export function readRss(root: XmlElement): RawFeed {
  const warnings: string[] = [];
  const channel = childNamed(root, CORE, 'channel');
  // RSS 1.0 puts items beside the channel; broken 2.0 feeds sometimes do the same.
  const items = [...(channel ? childrenNamed(channel, CORE, 'item') : []), ...childrenNamed(root, CORE, 'item')];
  if (!channel) warnings.push('the feed has no <channel> element');
  const titleElement = channel ? (childNamed(channel, CORE, 'title') ?? childNamed(channel, DC, 'title')) : null;
  const head = channel
    ? normaliseRssChannel({ titleHtml: titleElement ? elementHtml(titleElement) : null, links: linkFields(channel), atomLinks: atomLinkFields(channel) })
    : { title: null, siteUrl: null };
  return {
    ...head,
    format: rssFormat(root.local === 'RDF', attr(root, 'version')),
    items: items.map((item) => normaliseRssItem(itemFields(item))),
    warnings,
  };
}
