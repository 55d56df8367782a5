import { parseXml, type XmlElement } from '../parsers/feed/xml-tree.ts';
import { canonicalUrl } from '../parsers/urls.ts';
import { slug } from '../text/slug.ts';

/**
 * OPML 1.0/2.0 subscription lists, as feed readers import and export them: pure parse and
 * serialise, plus the plan for adding an OPML's feeds to a configured feed list.
 */

export interface OpmlFeed {
  /** `title`, else `text`, else the URL. */
  title: string;
  xmlUrl: string;
  htmlUrl: string | null;
  /** Enclosing folder outlines, outermost first (folders are flattened; this is for display). */
  folders: string[];
}

export interface OpmlDocument {
  title: string | null;
  feeds: OpmlFeed[];
  /** Outlines with an xmlUrl that is not an absolute http(s) URL. */
  invalid: { title: string; xmlUrl: string }[];
}

/** The file is not OPML vigil can read; the message says where and what to do. */
export class OpmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OpmlError';
  }
}

/** Attribute by name, ignoring case: exporters write `xmlUrl`, `xmlurl` and `XMLURL`. */
function attribute(element: XmlElement, name: string): string | null {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(element.attrs)) if (key.toLowerCase() === lower && value.trim() !== '') return value.trim();
  return null;
}

function elementChildren(element: XmlElement, local: string): XmlElement[] {
  return element.children.filter((child): child is XmlElement => child.type === 'element' && child.local.toLowerCase() === local);
}

export function parseOpml(text: string, source = 'OPML file'): OpmlDocument {
  const document = parseXml(text.replace(/^[\s\ufeff]+/, ''), null);
  const broken = document.issues.find((issue) => issue.structural);
  if (broken) {
    throw new OpmlError(`${source}: not well-formed XML: ${broken.message} (line ${broken.line}, column ${broken.column}); fix the file or export it again`);
  }
  const { root } = document;
  if (root?.local.toLowerCase() !== 'opml') {
    throw new OpmlError(`${source}: not OPML: the root element is ${root ? `<${root.name}>` : 'missing'}, expected <opml>`);
  }
  const [body] = elementChildren(root, 'body');
  if (!body) throw new OpmlError(`${source}: the OPML has no <body>, so it lists no feeds`);
  const [head] = elementChildren(root, 'head');
  const [titleElement] = head ? elementChildren(head, 'title') : [];
  const title = titleElement
    ? titleElement.children
        .map((child) => (child.type === 'text' ? child.text : ''))
        .join('')
        .trim() || null
    : null;

  const feeds: OpmlFeed[] = [];
  const invalid: OpmlDocument['invalid'] = [];
  const visit = (parent: XmlElement, folders: string[]) => {
    for (const outline of elementChildren(parent, 'outline')) {
      const label = attribute(outline, 'title') ?? attribute(outline, 'text');
      const xmlUrl = attribute(outline, 'xmlUrl');
      if (xmlUrl !== null) {
        const name = label ?? xmlUrl;
        if (canonicalUrl(xmlUrl) === null) invalid.push({ title: name, xmlUrl });
        else feeds.push({ title: name, xmlUrl, htmlUrl: attribute(outline, 'htmlUrl'), folders });
      }
      visit(outline, label !== null && xmlUrl === null ? [...folders, label] : folders);
    }
  };
  visit(body, []);
  return { title, feeds, invalid };
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, '&#10;');
}

/** OPML 2.0 with one flat outline per feed. */
export function serialiseOpml(title: string, feeds: { title: string; xmlUrl: string; htmlUrl?: string | null }[], created = new Date()): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeAttribute(title)}</title>`,
    `    <dateCreated>${created.toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
    ...feeds.map((feed) => {
      const html = feed.htmlUrl ? ` htmlUrl="${escapeAttribute(feed.htmlUrl)}"` : '';
      return `    <outline type="rss" text="${escapeAttribute(feed.title)}" title="${escapeAttribute(feed.title)}" xmlUrl="${escapeAttribute(feed.xmlUrl)}"${html}/>`;
    }),
    '  </body>',
    '</opml>',
  ];
  return `${lines.join('\n')}\n`;
}

/** A config id from a title: lower-case ASCII letters, digits and dashes. */
export function slugify(title: string): string {
  return slug(title, 48, 'feed');
}

export interface ImportPlan {
  add: { id: string; name: string; url: string }[];
  skipped: { title: string; url: string; reason: string }[];
}

/**
 * Which OPML feeds to add to a feed list: each gets an id from its title, unique among the
 * existing ids and the new ones; a feed whose canonical URL is already configured (or appears
 * earlier in the OPML) is skipped.
 */
export function planImport(existing: { id: string; url: string }[], opml: OpmlDocument): ImportPlan {
  const ids = new Set(existing.map((feed) => feed.id));
  const urls = new Map<string, string>();
  for (const feed of existing) urls.set(canonicalUrl(feed.url) ?? feed.url, `already configured as "${feed.id}"`);
  const plan: ImportPlan = { add: [], skipped: opml.invalid.map((feed) => ({ title: feed.title, url: feed.xmlUrl, reason: 'not an absolute http(s) URL' })) };
  for (const feed of opml.feeds) {
    const canonical = canonicalUrl(feed.xmlUrl) ?? feed.xmlUrl;
    const known = urls.get(canonical);
    if (known !== undefined) {
      plan.skipped.push({ title: feed.title, url: feed.xmlUrl, reason: known });
      continue;
    }
    const base = slugify(feed.title);
    let id = base;
    for (let n = 2; ids.has(id); n += 1) id = `${base}-${n}`;
    ids.add(id);
    urls.set(canonical, `listed twice in the OPML (added as "${id}")`);
    plan.add.push({ id, name: feed.title, url: feed.xmlUrl });
  }
  return plan;
}
