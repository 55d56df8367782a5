import { Parser } from 'htmlparser2';

/**
 * A forgiving XML reader for feeds. Real feeds are often not well-formed (unclosed or
 * mismatched tags, bare `&`, undeclared prefixes, truncated bodies); a strict parser would lose
 * the whole feed over one bad item. htmlparser2 in XML mode never gives up, so we build the tree
 * from its events, resolve namespaces and `xml:base` ourselves, and record every repair as an
 * issue with its line and column so the caller can warn (or explain a rejection).
 */

export interface XmlElement {
  type: 'element';
  /** Qualified name as written (`atom:link`). */
  name: string;
  /** Local part of the name (`link`). */
  local: string;
  /** Namespace URI ('' when none applies). */
  ns: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** Effective `xml:base` (resolved against the parent's), or the document URL. */
  base: string | null;
  /** Offset of the start tag in the source, for error messages. */
  offset: number;
}

export interface XmlText {
  type: 'text';
  text: string;
}

export type XmlNode = XmlElement | XmlText;

export interface XmlIssue {
  message: string;
  /** True for broken structure (unclosed or mismatched tags, junk after the root); false for namespace slips. */
  structural: boolean;
  line: number;
  column: number;
}

export interface XmlDocument {
  root: XmlElement | null;
  issues: XmlIssue[];
  /** Line and column of a source offset (1-based). */
  position(offset: number): { line: number; column: number };
}

/** Prefixes feeds use without declaring them; read as the namespace everyone means. */
const WELL_KNOWN_PREFIXES: Record<string, string> = {
  atom: 'http://www.w3.org/2005/Atom',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  media: 'http://search.yahoo.com/mrss/',
  itunes: 'http://www.itunes.com/dtds/podcast-1.0.dtd',
  feedburner: 'http://rssnamespace.org/feedburner/ext/1.0',
  xhtml: 'http://www.w3.org/1999/xhtml',
  xml: 'http://www.w3.org/XML/1998/namespace',
};

/**
 * htmlparser2 silently drops an end tag that matches no open element; feeds with such a tag are
 * not well-formed and the user should hear about it, so we look at end tags before it does.
 */
class EndTagCheckingParser extends Parser {
  strayEndTag: ((start: number, end: number) => void) | null = null;

  override onclosetag(start: number, endIndex: number): void {
    this.strayEndTag?.(start, endIndex);
    super.onclosetag(start, endIndex);
  }
}

function resolveBase(href: string, parent: string | null): string | null {
  const resolved = parent ? URL.parse(href.trim(), parent) : URL.parse(href.trim());
  return resolved === null ? parent : resolved.href;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

export function parseXml(source: string, documentUrl: string | null): XmlDocument {
  const starts = lineStarts(source);
  const position = (offset: number) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
  };
  const issues: XmlIssue[] = [];
  const issue = (message: string, offset: number, structural = true) => {
    // One broken feed can repeat the same fault thousands of times; keep the report readable.
    if (issues.length < 20) issues.push({ message, structural, ...position(offset) });
  };

  let root: XmlElement | null = null;
  const stack: XmlElement[] = [];
  /** End offset of each open element's start tag, to recognise `<x/>` (reported as an implied close). */
  const openTagEnds: number[] = [];
  const scopes: Map<string, string>[] = [new Map()];
  const warnedPrefixes = new Set<string>();

  const parser = new EndTagCheckingParser(
    {
      onopentag(name, attrs) {
        const offset = parser.startIndex;
        const scope = new Map(scopes[scopes.length - 1]);
        for (const [attr, value] of Object.entries(attrs)) {
          if (attr === 'xmlns') scope.set('', value.trim());
          else if (attr.startsWith('xmlns:')) scope.set(attr.slice(6), value.trim());
        }
        scopes.push(scope);
        const colon = name.indexOf(':');
        const prefix = colon === -1 ? '' : name.slice(0, colon);
        const local = colon === -1 ? name : name.slice(colon + 1);
        let ns = scope.get(prefix);
        if (ns === undefined) {
          ns = prefix === '' ? '' : (WELL_KNOWN_PREFIXES[prefix.toLowerCase()] ?? `urn:undeclared-prefix:${prefix}`);
          if (prefix !== '' && !warnedPrefixes.has(prefix)) {
            warnedPrefixes.add(prefix);
            issue(`undeclared namespace prefix "${prefix}"`, offset, false);
          }
        }
        const parent = stack[stack.length - 1];
        const parentBase = parent ? parent.base : documentUrl;
        const xmlBase = attrs['xml:base'];
        const element: XmlElement = {
          type: 'element',
          name,
          local,
          ns,
          attrs,
          children: [],
          base: xmlBase !== undefined ? resolveBase(xmlBase, parentBase) : parentBase,
          offset,
        };
        if (parent) parent.children.push(element);
        else if (root === null) root = element;
        else issue(`content after the root element: <${name}>`, offset);
        stack.push(element);
        openTagEnds.push(parser.endIndex);
      },
      onclosetag(name, isImplied) {
        const element = stack.pop();
        const openTagEnd = openTagEnds.pop();
        scopes.pop();
        const selfClosing = openTagEnd !== undefined && parser.endIndex === openTagEnd && source[openTagEnd - 1] === '/';
        if (isImplied && element && !selfClosing) {
          const atEnd = parser.endIndex >= source.length - 1;
          issue(
            atEnd ? `<${name}> is never closed (document ends early)` : `<${name}> is not closed before a later end tag`,
            atEnd ? parser.endIndex : parser.startIndex,
          );
        }
      },
      ontext(text) {
        const parent = stack[stack.length - 1];
        if (!parent) {
          if (text.trim() !== '' && root !== null) issue('text after the root element', parser.startIndex);
          return;
        }
        const last = parent.children[parent.children.length - 1];
        if (last && last.type === 'text') last.text += text;
        else parent.children.push({ type: 'text', text });
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeCDATA: true, recognizeSelfClosing: true },
  );
  parser.strayEndTag = (start, end) => {
    const name = source.slice(start, end);
    if (!stack.some((element) => element.name === name)) issue(`stray end tag </${name}> ignored`, Math.max(0, start - 2));
  };
  parser.end(source);
  return { root, issues, position };
}

/** Text content of an element and its descendants. */
export function textOf(node: XmlNode): string {
  if (node.type === 'text') return node.text;
  let out = '';
  for (const child of node.children) out += textOf(child);
  return out;
}

export function hasElementChildren(element: XmlElement): boolean {
  return element.children.some((child) => child.type === 'element');
}

export function escapeXmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** Serialises the children of an element as HTML (namespace prefixes and declarations dropped). */
export function innerHtml(element: XmlElement): string {
  let out = '';
  for (const child of element.children) {
    if (child.type === 'text') {
      out += escapeXmlText(child.text);
      continue;
    }
    const attrs = Object.entries(child.attrs)
      .filter(([name]) => name !== 'xmlns' && !name.startsWith('xmlns:') && !name.startsWith('xml:'))
      .map(([name, value]) => ` ${name}="${escapeAttr(value)}"`)
      .join('');
    out +=
      child.children.length === 0 && VOID_ELEMENTS.has(child.local.toLowerCase())
        ? `<${child.local}${attrs}>`
        : `<${child.local}${attrs}>${innerHtml(child)}</${child.local}>`;
  }
  return out;
}

const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** Attribute by local name, whatever its prefix (`rdf:about` / `about`). */
export function attr(element: XmlElement, local: string): string | undefined {
  const direct = element.attrs[local];
  if (direct !== undefined) return direct;
  for (const [name, value] of Object.entries(element.attrs)) {
    const colon = name.indexOf(':');
    if (colon !== -1 && name.slice(colon + 1) === local && !name.startsWith('xmlns')) return value;
  }
  return undefined;
}
