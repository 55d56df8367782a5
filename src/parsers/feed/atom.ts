import { NS } from './namespaces.ts';
import type { RawFeed, RawItem } from './raw-item.ts';
import { childNamed, childrenNamed, childText, firstDate, urlFrom } from './elements.ts';
import { absolutizeHtml, collapse, escapeHtml, htmlToText } from './text.ts';
import { attr, innerHtml, textOf, type XmlElement } from './xml-tree.ts';

interface AtomText {
  /** The construct as HTML (text constructs are escaped). */
  html: string;
  text: string;
}

/**
 * Atom text constructs: type="text" (default), "html" (escaped markup) or "xhtml" (inline markup
 * wrapped in a div); Atom 0.3 also says mode="escaped" / "xml" / "base64" with MIME types.
 */
function atomText(element: XmlElement): AtomText {
  const type = (attr(element, 'type') ?? 'text').trim().toLowerCase();
  const mode = (attr(element, 'mode') ?? '').trim().toLowerCase();
  if (mode === 'base64') {
    const decoded = Buffer.from(textOf(element).trim(), 'base64').toString('utf8');
    return type.includes('html') ? { html: decoded, text: htmlToText(decoded) } : { html: escapeHtml(decoded), text: collapse(decoded) };
  }
  if (type === 'xhtml' || type.includes('xhtml') || mode === 'xml') {
    const div = element.children.find((child): child is XmlElement => child.type === 'element' && child.local === 'div');
    const html = innerHtml(div ?? element).trim();
    return { html, text: htmlToText(html) };
  }
  if (type === 'html' || type === 'text/html' || mode === 'escaped') {
    const html = (element.children.some((child) => child.type === 'element') ? innerHtml(element) : textOf(element)).trim();
    return { html, text: htmlToText(html) };
  }
  const text = textOf(element);
  return { html: escapeHtml(text.trim()), text: collapse(text) };
}

/** rel="alternate" (or no rel), preferring HTML over other media types. */
function alternateLink(parent: XmlElement, atom: ReadonlySet<string>): string | null {
  let fallback: string | null = null;
  for (const link of childrenNamed(parent, atom, 'link')) {
    const rel = (attr(link, 'rel') ?? 'alternate').trim().toLowerCase();
    if (rel !== 'alternate' && rel !== 'http://www.iana.org/assignments/relation/alternate') continue;
    const url = urlFrom(attr(link, 'href'), link.base);
    if (!url) continue;
    const type = (attr(link, 'type') ?? 'text/html').toLowerCase();
    if (type.includes('html')) return url;
    fallback ??= url;
  }
  return fallback;
}

function personName(parent: XmlElement, atom: ReadonlySet<string>): string | null {
  for (const author of childrenNamed(parent, atom, 'author')) {
    const name = childText(author, atom, 'name');
    if (name) return collapse(name);
  }
  return null;
}

function readEntry(entry: XmlElement, atom: ReadonlySet<string>, feedAuthor: string | null): RawItem {
  const title = childNamed(entry, atom, 'title');
  const content = childNamed(entry, atom, 'content');
  // content with src= points elsewhere: there is nothing inline to keep.
  const inline = content && attr(content, 'src') === undefined ? atomText(content) : null;
  const summaryElement = childNamed(entry, atom, 'summary');
  let summary = summaryElement ? atomText(summaryElement).text : '';
  if (summary === '' && inline) summary = inline.text;
  if (summary === '') {
    const group = childNamed(entry, new Set([NS.media]), 'group');
    const description = childText(group ?? entry, new Set([NS.media]), 'description');
    if (description) summary = collapse(description);
  }
  const source = childNamed(entry, atom, 'source');
  const id = childText(entry, atom, 'id');
  return {
    guid: id,
    // No alternate link: an http(s) id is, in practice, the entry's permalink.
    url: alternateLink(entry, atom) ?? (id && /^https?:\/\//i.test(id) ? urlFrom(id, entry.base) : null),
    title: title ? atomText(title).text : '',
    summary,
    contentHtml: inline && content && inline.html !== '' ? absolutizeHtml(inline.html, content.base) : null,
    published: firstDate([
      childText(entry, atom, 'published'),
      childText(entry, atom, 'issued'),
      childText(entry, atom, 'created'),
      childText(entry, atom, 'updated'),
      childText(entry, atom, 'modified'),
    ]),
    author: personName(entry, atom) ?? (source ? personName(source, atom) : null) ?? feedAuthor,
  };
}

/** Atom 1.0 and 0.3. `root` is <feed>. */
export function readAtom(root: XmlElement): RawFeed {
  const warnings: string[] = [];
  // Namespace-less <feed> is not Atom, but it is always meant as Atom.
  if (root.ns !== NS.atom && root.ns !== NS.atom03) warnings.push(`<feed> is in namespace "${root.ns}", not Atom's; read as Atom`);
  const atom: ReadonlySet<string> = new Set([root.ns, NS.atom, NS.atom03]);
  const feedAuthor = personName(root, atom);
  const title = childNamed(root, atom, 'title');
  return {
    title: title ? atomText(title).text || null : null,
    siteUrl: alternateLink(root, atom),
    format: 'atom',
    items: childrenNamed(root, atom, 'entry').map((entry) => readEntry(entry, atom, feedAuthor)),
    warnings,
  };
}
