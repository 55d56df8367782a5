import { NS } from './namespaces.ts';
import type { RawFeed, RawItem } from './raw-item.ts';
import type { AtomLinkField } from './rss.ts';
import { childNamed, childrenNamed, childText, firstDate, urlFrom } from './elements.ts';
import { absolutizeHtml, collapse, escapeHtml, htmlToText } from './text.ts';
import { attr, escapeXmlText, hasElementChildren, innerHtml, textOf, type XmlElement } from './xml-tree.ts';

/**
 * Atom 1.0 and 0.3 in two halves, like rss.ts: what an entry says (AtomEntryFields, from the
 * tolerant tree here or from rss-parser's output) and the normalisation both readers share.
 */

/** An Atom text construct (title, summary, content) as found. */
export interface AtomTextField {
  type: string | undefined;
  /** Atom 0.3's mode="escaped" / "xml" / "base64". */
  mode: string | undefined;
  /** All text inside the element, its descendants' included. */
  text: string;
  /**
   * The construct's content serialised as HTML when it has child elements (for type="xhtml",
   * always, from inside its <div>); null when it holds text only and is not XHTML.
   */
  markup: string | null;
  base: string | null;
}

export interface AtomEntryFields {
  id: string | null;
  base: string | null;
  links: AtomLinkField[];
  title: AtomTextField | null;
  summary: AtomTextField | null;
  /** <content>, unless it points elsewhere with src=. */
  content: AtomTextField | null;
  /** media:description (in or outside a media:group). */
  mediaDescription: string | null;
  /** published, issued, created, updated, modified: in order of preference. */
  dates: (string | null)[];
  /** The first author name in the entry, then in its <source>. */
  authors: (string | null)[];
}

export interface AtomFeedFields {
  title: AtomTextField | null;
  links: AtomLinkField[];
  author: string | null;
}

interface AtomText {
  /** The construct as HTML (text constructs are escaped). */
  html: string;
  text: string;
}

/**
 * Atom text constructs: type="text" (default), "html" (escaped markup) or "xhtml" (inline markup
 * wrapped in a div); Atom 0.3 also says mode="escaped" / "xml" / "base64" with MIME types.
 */
function atomText(field: AtomTextField): AtomText {
  const type = (field.type ?? 'text').trim().toLowerCase();
  const mode = (field.mode ?? '').trim().toLowerCase();
  if (mode === 'base64') {
    const decoded = Buffer.from(field.text.trim(), 'base64').toString('utf8');
    return type.includes('html') ? { html: decoded, text: htmlToText(decoded) } : { html: escapeHtml(decoded), text: collapse(decoded) };
  }
  if (type === 'xhtml' || type.includes('xhtml') || mode === 'xml') {
    const html = (field.markup ?? escapeXmlText(field.text)).trim();
    return { html, text: htmlToText(html) };
  }
  if (type === 'html' || type === 'text/html' || mode === 'escaped') {
    const html = (field.markup ?? field.text).trim();
    return { html, text: htmlToText(html) };
  }
  return { html: escapeHtml(field.text.trim()), text: collapse(field.text) };
}

/** rel="alternate" (or no rel), preferring HTML over other media types. */
export function atomAlternateLink(links: AtomLinkField[]): string | null {
  let fallback: string | null = null;
  for (const link of links) {
    const rel = (link.rel ?? 'alternate').trim().toLowerCase();
    if (rel !== 'alternate' && rel !== 'http://www.iana.org/assignments/relation/alternate') continue;
    const url = urlFrom(link.href, link.base);
    if (!url) continue;
    const type = (link.type ?? 'text/html').toLowerCase();
    if (type.includes('html')) return url;
    fallback ??= url;
  }
  return fallback;
}

export function normaliseAtomEntry(fields: AtomEntryFields, feedAuthor: string | null): RawItem {
  const inline = fields.content ? atomText(fields.content) : null;
  let summary = fields.summary ? atomText(fields.summary).text : '';
  if (summary === '' && inline) summary = inline.text;
  if (summary === '' && fields.mediaDescription) summary = collapse(fields.mediaDescription);
  const { id } = fields;
  const author = fields.authors.find((name): name is string => name !== null && name !== '');
  return {
    guid: id,
    // No alternate link: an http(s) id is, in practice, the entry's permalink.
    url: atomAlternateLink(fields.links) ?? (id && /^https?:\/\//i.test(id) ? urlFrom(id, fields.base) : null),
    title: fields.title ? atomText(fields.title).text : '',
    summary,
    contentHtml: inline && fields.content && inline.html !== '' ? absolutizeHtml(inline.html, fields.content.base) : null,
    published: firstDate(fields.dates),
    author: author !== undefined ? collapse(author) : feedAuthor,
  };
}

export function normaliseAtomFeed(fields: AtomFeedFields): Pick<RawFeed, 'title' | 'siteUrl'> {
  return {
    title: fields.title ? atomText(fields.title).text || null : null,
    siteUrl: atomAlternateLink(fields.links),
  };
}

/** Warning for a <feed> outside Atom's namespaces. Namespace-less <feed> is not Atom, but it is always meant as Atom. */
export function atomNamespaceWarning(ns: string): string | null {
  return ns !== NS.atom && ns !== NS.atom03 ? `<feed> is in namespace "${ns}", not Atom's; read as Atom` : null;
}

// ---- the tolerant reader's front: fields from the XML tree ----

function textField(element: XmlElement | null): AtomTextField | null {
  if (!element) return null;
  const type = attr(element, 'type');
  const mode = attr(element, 'mode');
  const xhtml = (type ?? '').toLowerCase().includes('xhtml') || (mode ?? '').trim().toLowerCase() === 'xml';
  let markup: string | null = null;
  if (xhtml) {
    const div = element.children.find((child): child is XmlElement => child.type === 'element' && child.local === 'div');
    markup = innerHtml(div ?? element);
  } else if (hasElementChildren(element)) {
    markup = innerHtml(element);
  }
  return { type, mode, text: textOf(element), markup, base: element.base };
}

function linkFields(parent: XmlElement, atom: ReadonlySet<string>): AtomLinkField[] {
  return childrenNamed(parent, atom, 'link').map((link) => ({
    rel: attr(link, 'rel'),
    href: attr(link, 'href'),
    type: attr(link, 'type'),
    base: link.base,
  }));
}

function personName(parent: XmlElement, atom: ReadonlySet<string>): string | null {
  for (const author of childrenNamed(parent, atom, 'author')) {
    const name = childText(author, atom, 'name');
    if (name) return collapse(name);
  }
  return null;
}

function entryFields(entry: XmlElement, atom: ReadonlySet<string>): AtomEntryFields {
  const content = childNamed(entry, atom, 'content');
  const media = new Set([NS.media]);
  const group = childNamed(entry, media, 'group');
  const source = childNamed(entry, atom, 'source');
  return {
    id: childText(entry, atom, 'id'),
    base: entry.base,
    links: linkFields(entry, atom),
    title: textField(childNamed(entry, atom, 'title')),
    summary: textField(childNamed(entry, atom, 'summary')),
    // content with src= points elsewhere: there is nothing inline to keep.
    content: content && attr(content, 'src') === undefined ? textField(content) : null,
    mediaDescription: childText(group ?? entry, media, 'description'),
    dates: ['published', 'issued', 'created', 'updated', 'modified'].map((name) => childText(entry, atom, name)),
    authors: [personName(entry, atom), source ? personName(source, atom) : null],
  };
}

/** Atom 1.0 and 0.3 from the tolerant tree. `root` is <feed>. */
export function readAtom(root: XmlElement): RawFeed {
  const warning = atomNamespaceWarning(root.ns);
  const atom: ReadonlySet<string> = new Set([root.ns, NS.atom, NS.atom03]);
  const feedAuthor = personName(root, atom);
  return {
    ...normaliseAtomFeed({ title: textField(childNamed(root, atom, 'title')), links: linkFields(root, atom), author: feedAuthor }),
    format: 'atom',
    items: childrenNamed(root, atom, 'entry').map((entry) => normaliseAtomEntry(entryFields(entry, atom), feedAuthor)),
    warnings: warning ? [warning] : [],
  };
}
