import { NS } from './namespaces.ts';

/**
 * What vigil asks rss-parser for, in one table shared by the reader (rss-parser-reader.ts) and
 * the route decision (choose-reader.ts). rss-parser copies only the fields it is told about,
 * keyed by the element name *as written*, so every element the normaliser needs is named here
 * with the prefix the document binds its namespace to (`atom10:link`). The elements read as text
 * are listed apart: xml2js keeps an element's text away from its child elements and loses their
 * order, so a document where one of them holds elements must go to the tolerant reader.
 */

/** Namespaces whose elements the readers use, under the short names used below. */
export const NAMESPACES = {
  atom: NS.atom,
  content: NS.content,
  dc: NS.dc,
  dcterms: NS.dcterms,
  media: NS.media,
  itunes: NS.itunes,
  xhtml: NS.xhtml,
} as const;
export type Namespace = keyof typeof NAMESPACES;

/**
 * Element names the readers use, by lower case. The tolerant reader matches them in any case
 * (feeds write `pubdate`, `PubDate`); rss-parser only as spelled here.
 */
export const READ_NAMES = new Map(
  [
    'rss',
    'channel',
    'item',
    'title',
    'link',
    'description',
    'guid',
    'pubDate',
    'author',
    'encoded',
    'creator',
    'date',
    'issued',
    'created',
    'modified',
    'published',
    'updated',
    'summary',
    'subtitle',
    'feed',
    'entry',
    'id',
    'content',
    'name',
    'source',
    'group',
    'body',
  ].map((name) => [name.toLowerCase(), name]),
);

/** A document rss-parser can read as vigil needs: its root and the prefix each namespace is written with. */
export interface DocumentShape {
  /** `rss`, `rdf:RDF` or `feed`. */
  root: string;
  version: string | undefined;
  defaultNamespace: string;
  /** Qualified name for an element of a namespace (`atom10:link`), or null when the document never declares it. */
  name(namespace: Namespace, local: string): string | null;
}

/** The qualified names this document writes the elements the readers use with; null when its namespace is never declared. */
export function namesFor(shape: DocumentShape) {
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
export type FieldNames = ReturnType<typeof namesFor>;

const present = (names: readonly (string | null)[]): string[] => names.filter((name): name is string => name !== null);

export const rssItemFieldNames = (n: FieldNames): string[] =>
  present([
    'title',
    n.dcTitle,
    'link',
    n.atomLink,
    'guid',
    'description',
    n.encoded,
    n.xhtmlBody,
    ...n.itunesSummaries,
    n.mediaDescription,
    'pubDate',
    n.dcDate,
    ...n.dctermsDates,
    ...n.atomDates,
    n.dcCreator,
    'author',
    n.atomAuthor,
    n.itunesAuthor,
    '$',
  ]);
export const rssChannelFieldNames = (n: FieldNames): string[] => present(['title', n.dcTitle, 'link', n.atomLink]);
export const atomEntryFieldNames = (n: FieldNames): string[] =>
  present([
    'id',
    'link',
    'title',
    'summary',
    'content',
    n.mediaGroup,
    n.mediaDescription,
    'published',
    'issued',
    'created',
    'updated',
    'modified',
    'author',
    'source',
  ]);
export const atomFeedFieldNames: string[] = ['title', 'link', 'author'];

/** Where the reader looks for text: the item, entry, channel or feed element, and below it. */
export type FieldScope = 'channel' | 'item' | 'feed' | 'entry';

/**
 * Paths (from the scope element, `>` between names) of the elements the reader takes text from.
 * Authors and media groups are read for the text of their children, links for their attributes.
 */
export function textFieldPaths(n: FieldNames): Record<FieldScope, Set<string>> {
  const authorNames = (author: string | null) => (author === null ? [] : present([`${author}>name`, n.atomName && `${author}>${n.atomName}`]));
  return {
    channel: new Set(present(['title', n.dcTitle, 'link'])),
    item: new Set([
      ...present([
        'title',
        n.dcTitle,
        'link',
        'guid',
        'description',
        n.encoded,
        ...n.itunesSummaries,
        n.mediaDescription,
        'pubDate',
        n.dcDate,
        ...n.dctermsDates,
        ...n.atomDates,
        n.dcCreator,
        n.itunesAuthor,
      ]),
      ...authorNames('author'),
      ...authorNames(n.atomAuthor),
    ]),
    feed: new Set(['title', 'author>name']),
    entry: new Set(
      present([
        'id',
        'title',
        'summary',
        'content',
        n.mediaDescription,
        'published',
        'issued',
        'created',
        'updated',
        'modified',
        'author>name',
        'source>author>name',
        n.mediaGroup && n.mediaDescription && `${n.mediaGroup}>${n.mediaDescription}`,
      ]),
    ),
  };
}
