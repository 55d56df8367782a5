import Parser from 'rss-parser';
import { atomNamespaceWarning, normaliseAtomEntry, normaliseAtomFeed, type AtomEntryFields, type AtomTextField } from './atom.ts';
import type { RawFeed, RawItem } from './raw-item.ts';
import { normaliseRssChannel, normaliseRssItem, rssFormat, type AtomLinkField, type RssItemFields, type RssLinkField } from './rss.ts';
import { collapse } from './text.ts';
import { escapeXmlText } from './xml-tree.ts';

/**
 * The first pass: rss-parser (xml2js over sax, strict XML) reads well-formed RSS 0.9x/1.0/2.0 and
 * Atom, and its output goes through the same normalisation as the tolerant reader's (rss.ts,
 * atom.ts). rss-parser copies only the fields it is told about, keyed by the element name *as
 * written*, so every element the normaliser needs is asked for as a custom field with all its
 * occurrences and attributes (`keepArray`).
 *
 * Where rss-parser would give a different answer from the tolerant reader, the document goes to
 * the tolerant reader instead: `documentShape` spots those documents before parsing, the parsed
 * result shows the rest, and either way `NeedsTolerantPass` says why.
 */

/** rss-parser cannot be trusted with this document; `reason` says why (it becomes a feed warning). */
export class NeedsTolerantPass extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'NeedsTolerantPass';
  }
}

/** xml2js's shape for one element: text alone, or `_` text, `$` attributes and child arrays. */
type Node = string | { [key: string]: unknown };

/** Namespaces whose elements the readers use, under the short names used below. */
const NAMESPACES = {
  atom: 'http://www.w3.org/2005/Atom',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  media: 'http://search.yahoo.com/mrss/',
  itunes: 'http://www.itunes.com/dtds/podcast-1.0.dtd',
  xhtml: 'http://www.w3.org/1999/xhtml',
} as const;
type Namespace = keyof typeof NAMESPACES;

/**
 * Element names the readers use, by lower case. The tolerant reader matches them in any case
 * (feeds write `pubdate`, `PubDate`); rss-parser only as spelled here.
 */
const READ_NAMES = new Map(
  [
    'rss', 'channel', 'item', 'title', 'link', 'description', 'guid', 'pubDate', 'author', 'encoded', 'creator', 'date',
    'issued', 'created', 'modified', 'published', 'updated', 'summary', 'subtitle', 'feed', 'entry', 'id', 'content', 'name',
    'source', 'group', 'body',
  ].map((name) => [name.toLowerCase(), name]),
);

/** What a cheap look at a document found: its root and the prefix each namespace is written with. */
export interface DocumentShape {
  root: string;
  version: string | undefined;
  defaultNamespace: string;
  /** Qualified name for an element of a namespace (`atom10:link`), or null when the document never declares it. */
  name(namespace: Namespace, local: string): string | null;
}

function attribute(attributes: string, name: string): string | undefined {
  return new RegExp(`\\s${name}\\s*=\\s*(["'])(.*?)\\1`).exec(attributes)?.[2];
}

/**
 * Looks at a document with one regular-expression scan (no parse) and returns its shape, or the
 * reason rss-parser would read it differently from the tolerant reader:
 * - `xml:base`: rss-parser ignores it, so relative links would resolve against the feed URL;
 * - a prefixed Atom root (`<atom:feed>`), an `<rss>` without a version, an un-prefixed `<RDF>`:
 *   rss-parser does not recognise them as feeds;
 * - a prefix bound to two namespaces, or one namespace under two prefixes, or a prefix used and
 *   never declared: rss-parser finds elements by the name as written, the tolerant reader by
 *   namespace (and warns about the undeclared prefix). One consistent prefix per namespace is
 *   fine: the custom fields are named with the prefix the document uses (`atom10:link`);
 * - a name the readers use written in another case (`<PubDate>`): rss-parser would miss it;
 * - an element the readers look at (or into) that redeclares the default namespace
 *   (`<link xmlns="…Atom"/>` is an Atom link to the tolerant reader, an RSS link to rss-parser);
 * - a root that is not <rss>, <rdf:RDF> or <feed>: only the tolerant reader explains what it is.
 */
export function documentShape(text: string): DocumentShape | { reason: string } {
  if (text.includes('xml:base')) return { reason: 'the feed uses xml:base, which rss-parser ignores' };
  const prefixOf = new Map<string, string>();
  const namespaceOf = new Map<string, string>();
  for (const match of text.matchAll(/\sxmlns:([A-Za-z_][\w.-]*)\s*=\s*(["'])(.*?)\2/g)) {
    const prefix = match[1] ?? '';
    const uri = (match[3] ?? '').trim();
    const known = namespaceOf.get(prefix);
    if (known !== undefined && known !== uri) return { reason: `prefix "${prefix}:" is bound to both ${known} and ${uri}` };
    const other = prefixOf.get(uri);
    if (other !== undefined && other !== prefix) return { reason: `namespace ${uri} is written with both "${other}:" and "${prefix}:"` };
    namespaceOf.set(prefix, uri);
    prefixOf.set(uri, prefix);
  }
  let root: { name: string; attributes: string } | null = null;
  // CDATA sections and comments hold HTML and prose, not feed elements.
  const tags = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<([A-Za-z_][\w.-]*)(?::([A-Za-z_][\w.-]*))?([^>]*)>/g;
  for (const match of text.matchAll(tags)) {
    const [, first, second, attributes = ''] = match;
    if (first === undefined) continue;
    const prefix = second === undefined ? null : first;
    const local = second ?? first;
    const written = prefix === null ? local : `${prefix}:${local}`;
    const spelled = READ_NAMES.get(local.toLowerCase());
    if (root === null) root = { name: written, attributes };
    else if (spelled !== undefined && /\sxmlns\s*=/.test(attributes)) return { reason: `<${written}> redeclares the default namespace` };
    if (prefix !== null && prefix !== 'xml' && !namespaceOf.has(prefix)) return { reason: `the namespace prefix "${prefix}:" is never declared` };
    if (spelled !== undefined && spelled !== local) return { reason: `<${written}> is not spelled <${spelled}>, and rss-parser matches names exactly` };
  }
  if (root === null) return { reason: 'no XML element found' };
  const version = attribute(root.attributes, 'version');
  if (root.name === 'rss') {
    if (version === undefined) return { reason: '<rss> has no version attribute, which rss-parser requires' };
    if (!/^2|^0\.9/.test(version.trim())) return { reason: `<rss version="${version}"> is not a version rss-parser reads` };
  } else if (/^[^:]+:feed$/.test(root.name)) {
    return { reason: `the Atom root is prefixed (<${root.name}>), which rss-parser does not recognise` };
  } else if (root.name !== 'feed' && root.name !== 'rdf:RDF') {
    return { reason: `the root element <${root.name}> is not one rss-parser reads` };
  }
  return {
    root: root.name,
    version,
    defaultNamespace: (attribute(root.attributes, 'xmlns') ?? '').trim(),
    name(namespace, local) {
      const prefix = prefixOf.get(NAMESPACES[namespace]);
      return prefix === undefined ? null : `${prefix}:${local}`;
    },
  };
}

/** The qualified names this document writes the elements the readers use with; null when its namespace is never declared. */
function namesFor(shape: DocumentShape) {
  const q = shape.name.bind(shape);
  return {
    dcTitle: q('dc', 'title'),
    dcDate: q('dc', 'date'),
    dcCreator: q('dc', 'creator'),
    dctermsDates: [q('dcterms', 'issued'), q('dcterms', 'created'), q('dcterms', 'modified')],
    atomLink: q('atom', 'link'),
    atomDates: [q('atom', 'published'), q('atom', 'updated')],
    atomAuthor: q('atom', 'author'),
    atomName: q('atom', 'name'),
    encoded: q('content', 'encoded'),
    xhtmlBody: q('xhtml', 'body'),
    itunesSummaries: [q('itunes', 'summary'), q('itunes', 'subtitle')],
    itunesAuthor: q('itunes', 'author'),
    mediaGroup: q('media', 'group'),
    mediaDescription: q('media', 'description'),
  };
}
type Names = ReturnType<typeof namesFor>;

function rssItemFieldNames(n: Names): (string | null)[] {
  return [
    'title', n.dcTitle, 'link', n.atomLink, 'guid', 'description', n.encoded, n.xhtmlBody, ...n.itunesSummaries, n.mediaDescription,
    'pubDate', n.dcDate, ...n.dctermsDates, ...n.atomDates, n.dcCreator, 'author', n.atomAuthor, n.itunesAuthor, '$',
  ];
}
const rssChannelFieldNames = (n: Names) => ['title', n.dcTitle, 'link', n.atomLink];
const atomEntryFieldNames = (n: Names) => [
  'id', 'link', 'title', 'summary', 'content', n.mediaGroup, n.mediaDescription, 'published', 'issued', 'created', 'updated',
  'modified', 'author', 'source',
];
const atomFeedFieldNames = ['title', 'link', 'author'];

/** Where a custom field lands in rss-parser's output, apart from its own fields; `keepArray` keeps every occurrence and its attributes. */
const raw = (name: string) => `raw ${name}`;
const asCustom = (names: readonly (string | null)[]) =>
  names.filter((name): name is string => name !== null).map((name) => [name, raw(name), { keepArray: true }]);

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
 * The text of an element that should hold only text. xml2js keeps an element's text apart from
 * its child elements and loses their order, so markup written inline (Atom type="xhtml", raw HTML
 * in a description) cannot be rebuilt from its output: those documents go to the tolerant reader.
 */
function textOfNode(node: Node, name: string): string {
  if (typeof node === 'string') return node;
  const child = childElementName(node);
  if (child !== undefined) throw new NeedsTolerantPass(`<${name}> holds markup as elements (<${child}>), which xml2js cannot keep in order`);
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
      const text = textOfNode(node, name).trim();
      if (text !== '') return text;
    }
  }
  return null;
}

/** Like firstText, for children of an element rss-parser handed over whole. */
function firstChildText(owner: Fields, ...names: (string | null)[]): string | null {
  for (const name of names) {
    for (const node of nodes(owner, name)) {
      const text = textOfNode(node, name ?? '').trim();
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
    const text = textOfNode(node, 'link').trim();
    return { text: text === '' ? null : text, href: attributes(node).href, base };
  });
}

/** <author> is an e-mail address by the spec, but feeds also nest Atom-style <name> in it. */
function rssAuthor(item: Fields, n: Names): string | null {
  const found = firstNode(item, 'author', n.atomAuthor);
  if (!found) return null;
  const { node } = found;
  if (typeof node !== 'string' && childElementName(node) !== undefined) return firstChildText(node, 'name', n.atomName);
  return firstText(item, 'author');
}

function rssItemFields(item: Fields, n: Names, base: string | null): RssItemFields {
  if (firstNode(item, n.xhtmlBody)) throw new NeedsTolerantPass('an item carries an inline XHTML <body>');
  const guid = firstNode(item, 'guid');
  const guidText = guid ? textOfNode(guid.node, 'guid').trim() : '';
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
    encoded: encoded ? { html: textOfNode(encoded.node, encoded.name), base } : null,
    descriptionHtml: description ? textOfNode(description.node, 'description') : null,
    fallbackSummaryHtml: fallback ? textOfNode(fallback.node, fallback.name) : null,
    titleHtml: title ? textOfNode(title.node, title.name) : '',
    dates: [firstText(item, 'pubDate'), firstText(item, n.dcDate), firstText(item, ...n.dctermsDates), firstText(item, ...n.atomDates)],
    authors: [firstText(item, n.dcCreator), rssAuthor(item, n), firstText(item, n.itunesAuthor)],
  };
}

function atomTextField(owner: Fields, name: string, base: string | null): AtomTextField | null {
  const found = firstNode(owner, name);
  if (!found) return null;
  const { type, mode } = attributes(found.node);
  const text = textOfNode(found.node, name);
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

function atomEntryFields(entry: Fields, n: Names, base: string | null): AtomEntryFields {
  const content = firstNode(entry, 'content');
  const [group] = nodes(entry, n.mediaGroup === null ? null : raw(n.mediaGroup));
  const mediaDescription = group !== undefined ? (typeof group === 'string' ? null : firstChildText(group, n.mediaDescription)) : firstText(entry, n.mediaDescription);
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

/** rss-parser must have returned every item the document has; otherwise some sat where it does not look. */
function checkCount(text: string, element: 'item' | 'entry', found: number): void {
  const outsideCdata = text.replace(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g, '');
  const written = outsideCdata.match(new RegExp(`<(?:[\\w.-]+:)?${element}[\\s/>]`, 'gi'))?.length ?? 0;
  if (written !== found) throw new NeedsTolerantPass(`rss-parser found ${found} of the ${written} <${element}> elements`);
}

function records(value: unknown): Fields[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/**
 * Reads a well-formed RSS or Atom document with rss-parser. Throws NeedsTolerantPass when the
 * document is one rss-parser reads differently (see documentShape), when rss-parser rejects it,
 * or when its output shows something it would lose.
 */
export async function readWithRssParser(text: string, feedUrl: string): Promise<RawFeed> {
  const shape = documentShape(text);
  if ('reason' in shape) throw new NeedsTolerantPass(shape.reason);
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
  let output: unknown;
  try {
    output = await parser.parseString(text);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    throw new NeedsTolerantPass(`rss-parser rejected it (${message})`);
  }
  if (!isRecord(output)) throw new NeedsTolerantPass('rss-parser returned nothing');
  const items = records(output.items);
  checkCount(text, isAtom ? 'entry' : 'item', items.length);
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
    titleHtml: title ? textOfNode(title.node, title.name) : null,
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
