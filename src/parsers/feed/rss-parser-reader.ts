import Parser from 'rss-parser';
import { atomNamespaceWarning, normaliseAtomEntry, normaliseAtomFeed, type AtomEntryFields, type AtomTextField } from './atom.ts';
import type { RawFeed, RawItem } from './raw-item.ts';
import {
  atomEntryFieldNames,
  atomFeedFieldNames,
  namesFor,
  rssChannelFieldNames,
  rssItemFieldNames,
  type DocumentShape,
  type FieldNames,
} from './rss-parser-fields.ts';
import { normaliseRssChannel, normaliseRssItem, rssFormat, type AtomLinkField, type RssItemFields, type RssLinkField } from './rss.ts';
import { collapse } from './text.ts';
import { escapeXmlText } from './xml-tree.ts';

/**
 * The reader of well-formed RSS 0.9x/1.0/2.0 and Atom: rss-parser (xml2js over sax, strict XML),
 * its output put through the same normalisation as the tolerant reader's (rss.ts, atom.ts). It
 * reads only documents chooseReader (choose-reader.ts) gave it, whose shape says which prefix
 * each namespace is written with; every element the normaliser needs is asked for as a custom
 * field with all its occurrences and attributes (`keepArray`), see rss-parser-fields.ts.
 */

/** xml2js's shape for one element: text alone, or `_` text, `$` attributes and child arrays. */
type Node = string | { [key: string]: unknown };

/** Where a custom field lands in rss-parser's output, apart from its own fields; `keepArray` keeps every occurrence and its attributes. */
const raw = (name: string) => `raw ${name}`;
const asCustom = (names: readonly string[]) => names.map((name) => [name, raw(name), { keepArray: true }]);

type Fields = { [key: string]: unknown };

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNode(value: unknown): value is Node {
  return typeof value === 'string' || isRecord(value);
}

function nodes(owner: Fields, key: string | null): Node[] {
  if (key === null) return [];
  const value = owner[key];
  if (Array.isArray(value)) return value.filter(isNode);
  return isNode(value) ? [value] : [];
}

function attributes(node: Node): Record<string, string> {
  if (typeof node === 'string' || !isRecord(node.$)) return {};
  const found: Record<string, string> = {};
  for (const [name, value] of Object.entries(node.$)) if (typeof value === 'string') found[name] = value;
  return found;
}

function childElementName(node: Node): string | undefined {
  return typeof node === 'string' ? undefined : Object.keys(node).find((key) => key !== '_' && key !== '$');
}

/**
 * The text of an element read as text. xml2js keeps an element's text apart from its child
 * elements and loses their order, so chooseReader sends documents where such an element holds
 * elements (inline XHTML, raw HTML in a description) to the tolerant reader: here it holds text.
 */
function textOfNode(node: Node): string {
  if (typeof node === 'string') return node;
  return typeof node._ === 'string' ? node._ : '';
}

/** The first element found under the first of the names that has one (the tolerant reader's childNamed). */
function firstNode(owner: Fields, ...names: (string | null)[]): { node: Node; name: string } | null {
  for (const name of names) {
    if (name === null) continue;
    const [node] = nodes(owner, raw(name));
    if (node !== undefined) return { node, name };
  }
  return null;
}

/** First non-empty trimmed text among the elements (the tolerant reader's childText). */
function firstText(owner: Fields, ...names: (string | null)[]): string | null {
  for (const name of names) {
    if (name === null) continue;
    for (const node of nodes(owner, raw(name))) {
      const text = textOfNode(node).trim();
      if (text !== '') return text;
    }
  }
  return null;
}

/** Like firstText, for children of an element rss-parser handed over whole. */
function firstChildText(owner: Fields, ...names: (string | null)[]): string | null {
  for (const name of names) {
    for (const node of nodes(owner, name)) {
      const text = textOfNode(node).trim();
      if (text !== '') return text;
    }
  }
  return null;
}

function atomLinks(owner: Fields, name: string | null, base: string | null): AtomLinkField[] {
  if (name === null) return [];
  return nodes(owner, raw(name)).map((node) => {
    const { rel, href, type } = attributes(node);
    return { rel, href, type, base };
  });
}

function rssLinks(owner: Fields, base: string | null): RssLinkField[] {
  return nodes(owner, raw('link')).map((node) => {
    const text = textOfNode(node).trim();
    return { text: text === '' ? null : text, href: attributes(node).href, base };
  });
}

/** <author> is an e-mail address by the spec, but feeds also nest Atom-style <name> in it. */
function rssAuthor(item: Fields, n: FieldNames): string | null {
  const found = firstNode(item, 'author', n.atomAuthor);
  if (!found) return null;
  const { node } = found;
  if (typeof node !== 'string' && childElementName(node) !== undefined) return firstChildText(node, 'name', n.atomName);
  return firstText(item, 'author');
}

function rssItemFields(item: Fields, n: FieldNames, base: string | null): RssItemFields {
  const guid = firstNode(item, 'guid');
  const guidText = guid ? textOfNode(guid.node).trim() : '';
  const encoded = firstNode(item, n.encoded);
  const description = firstNode(item, 'description');
  const fallback = firstNode(item, ...n.itunesSummaries, n.mediaDescription);
  const title = firstNode(item, 'title', n.dcTitle);
  const [itemAttributes] = nodes(item, raw('$'));
  const about = itemAttributes !== undefined && typeof itemAttributes !== 'string' ? itemAttributes['rdf:about'] : undefined;
  return {
    guid: guid ? { text: guidText === '' ? null : guidText, isPermaLink: attributes(guid.node).isPermaLink, base } : null,
    about: typeof about === 'string' ? about : null,
    base,
    links: rssLinks(item, base),
    atomLinks: atomLinks(item, n.atomLink, base),
    encoded: encoded ? { html: textOfNode(encoded.node), base } : null,
    descriptionHtml: description ? textOfNode(description.node) : null,
    fallbackSummaryHtml: fallback ? textOfNode(fallback.node) : null,
    titleHtml: title ? textOfNode(title.node) : '',
    dates: [firstText(item, 'pubDate'), firstText(item, n.dcDate), firstText(item, ...n.dctermsDates), firstText(item, ...n.atomDates)],
    authors: [firstText(item, n.dcCreator), rssAuthor(item, n), firstText(item, n.itunesAuthor)],
  };
}

function atomTextField(owner: Fields, name: string, base: string | null): AtomTextField | null {
  const found = firstNode(owner, name);
  if (!found) return null;
  const { type, mode } = attributes(found.node);
  const text = textOfNode(found.node);
  const xhtml = (type ?? '').toLowerCase().includes('xhtml') || (mode ?? '').trim().toLowerCase() === 'xml';
  return { type, mode, text, markup: xhtml ? escapeXmlText(text) : null, base };
}

/** The first <author> with a non-empty <name>. */
function personName(authors: Node[]): string | null {
  for (const author of authors) {
    if (typeof author === 'string') continue;
    const name = firstChildText(author, 'name');
    if (name !== null) return collapse(name);
  }
  return null;
}

function atomEntryFields(entry: Fields, n: FieldNames, base: string | null): AtomEntryFields {
  const content = firstNode(entry, 'content');
  const [group] = nodes(entry, n.mediaGroup === null ? null : raw(n.mediaGroup));
  const mediaDescription =
    group !== undefined ? (typeof group === 'string' ? null : firstChildText(group, n.mediaDescription)) : firstText(entry, n.mediaDescription);
  const [source] = nodes(entry, raw('source'));
  return {
    id: firstText(entry, 'id'),
    base,
    links: atomLinks(entry, 'link', base),
    title: atomTextField(entry, 'title', base),
    summary: atomTextField(entry, 'summary', base),
    // content with src= points elsewhere: there is nothing inline to keep.
    content: content && attributes(content.node).src === undefined ? atomTextField(entry, 'content', base) : null,
    mediaDescription,
    dates: ['published', 'issued', 'created', 'updated', 'modified'].map((name) => firstText(entry, name)),
    authors: [personName(nodes(entry, raw('author'))), source !== undefined && typeof source !== 'string' ? personName(nodes(source, 'author')) : null],
  };
}

function records(value: unknown): Fields[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** rss-parser refused a document chooseReader gave it (a gap in the choice); `reason` quotes rss-parser. */
export interface RssParserRejection {
  rejected: string;
}

/**
 * Reads a document chooseReader gave to rss-parser, in the shape it found. rss-parser's own
 * rejection comes back as a value: the choice is meant to make it impossible, and the caller
 * decides what to do if it happens anyway.
 */
export async function readWithRssParser(text: string, feedUrl: string, shape: DocumentShape): Promise<RawFeed | RssParserRejection> {
  const n = namesFor(shape);
  const isAtom = shape.root === 'feed';
  // rss-parser's typings allow only plain names for feed-level custom fields; the library takes
  // the same [from, to, options] tuples there as for items.
  const options = {
    customFields: {
      feed: asCustom(isAtom ? atomFeedFieldNames : rssChannelFieldNames(n)),
      item: asCustom(isAtom ? atomEntryFieldNames(n) : rssItemFieldNames(n)),
    },
  } as unknown as Parser.ParserOptions<Fields, Fields>;
  // A parser per document: xml2js keeps state between calls, and a failed parse can leave it dirty.
  const parser = new Parser<Fields, Fields>(options);
  const outcome = await parser.parseString(text).then(
    (feed: unknown) => ({ feed }),
    (error: unknown): RssParserRejection => ({ rejected: (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '' }),
  );
  if ('rejected' in outcome) return outcome;
  const output = outcome.feed;
  if (!isRecord(output)) return { rejected: 'it returned nothing' };
  const items = records(output.items);
  const base = /^https?:/i.test(feedUrl) ? feedUrl : null;

  if (isAtom) {
    const warning = atomNamespaceWarning(shape.defaultNamespace);
    const feedAuthor = personName(nodes(output, raw('author')));
    const head = normaliseAtomFeed({ title: atomTextField(output, 'title', base), links: atomLinks(output, 'link', base), author: feedAuthor });
    return {
      ...head,
      format: 'atom',
      items: items.map((entry): RawItem => normaliseAtomEntry(atomEntryFields(entry, n, base), feedAuthor)),
      warnings: warning ? [warning] : [],
    };
  }
  const title = firstNode(output, 'title', n.dcTitle);
  const head = normaliseRssChannel({
    titleHtml: title ? textOfNode(title.node) : null,
    links: rssLinks(output, base),
    atomLinks: atomLinks(output, n.atomLink, base),
  });
  return {
    ...head,
    format: rssFormat(shape.root === 'rdf:RDF', shape.version),
    items: items.map((item) => normaliseRssItem(rssItemFields(item, n, base))),
    warnings: [],
  };
}
