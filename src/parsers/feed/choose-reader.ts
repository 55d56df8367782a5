import { NS } from './namespaces.ts';
import { NAMESPACES, namesFor, READ_NAMES, textFieldPaths, type DocumentShape, type FieldScope } from './rss-parser-fields.ts';
import { scanXml, type ScanVisitor } from './xml-scan.ts';

/**
 * Which reader a feed document goes to, decided once, before reading it:
 * - `json-feed`: the document is JSON;
 * - `rss-parser`: well-formed RSS 0.9x/1.0/2.0 or Atom that rss-parser reads exactly as vigil
 *   needs (the project's reader of well-formed feeds);
 * - `tolerant`: everything else, with the reason (it becomes the feed's first warning).
 */
export type ReaderChoice =
  | { reader: 'json-feed'; reason: string }
  | { reader: 'rss-parser'; reason: string; shape: DocumentShape }
  | { reader: 'tolerant'; reason: string };

/**
 * Looks at a document in one strict scan (scanXml: no tree, no second look) and chooses its
 * reader. The tolerant reader gets, besides documents that are not well-formed XML, those
 * rss-parser would read differently from it:
 * - `xml:base`: rss-parser ignores it, so relative links would resolve against the feed URL;
 * - a prefixed Atom root (`<atom:feed>`), an `<rss>` without a version rss-parser knows, another root;
 * - a prefix bound to two namespaces, one namespace under two prefixes, or a prefix never declared
 *   (rss-parser finds elements by the name as written, the tolerant reader by namespace);
 * - a name the readers use written in another case (`<PubDate>`);
 * - an element the readers use that redeclares the default namespace (`<link xmlns="…Atom"/>`);
 * - an item or entry where rss-parser does not look (outside the first channel, say);
 * - an element read as text that holds elements (inline XHTML, raw HTML in a description), or an
 *   item with an inline XHTML body: xml2js cannot keep their order;
 * - what rss-parser's own code trips over: an Atom link without attributes, an Atom entry date
 *   JavaScript cannot parse, an RSS document without a channel.
 */
export function chooseReader(text: string): ReaderChoice {
  const first = text[0];
  if (first === '{' || first === '[') return { reader: 'json-feed', reason: 'the document is JSON' };
  const survey = new DocumentSurvey();
  const scan = scanXml(text, survey);
  if (scan.outcome === 'malformed') {
    return { reader: 'tolerant', reason: `not well-formed XML (${scan.problem}, line ${scan.line}, column ${scan.column}), which rss-parser rejects` };
  }
  const verdict = survey.verdict();
  if ('reason' in verdict) return { reader: 'tolerant', reason: verdict.reason };
  return { reader: 'rss-parser', reason: `well-formed ${verdict.root === 'feed' ? 'Atom' : 'RSS'}`, shape: verdict };
}

interface Frame {
  name: string;
  /** Set on the channel, item, feed and entry elements the reader takes fields from. */
  scope: FieldScope | null;
  /** The nearest enclosing scope and this element's path from it (null deeper than the reader looks). */
  within: FieldScope | null;
  path: string | null;
  pathDepth: number;
  holdsElements: boolean;
  /** Children named exactly `author` so far (rss-parser reads a later one only as text). */
  authors: number;
  authorNumber: number;
  /** The text of an Atom entry's published/updated, which rss-parser itself turns into a Date. */
  date: string | null;
}

/** The deepest path below a scope the reader looks into (`source>author>name`). */
const MAX_PATH_DEPTH = 3;

/** The default namespaces whose elements the tolerant reader takes for RSS's own (see rss.ts). */
const RSS_NAMESPACES = new Set(['', NS.rss1, NS.rss090, NS.rss2, NS.rss2alt]);

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** What the survey needs to know about an element name; names repeat, so it is worked out once per name. */
interface NameFacts {
  prefix: string | null;
  /** Local name in lower case. */
  lower: string;
  /** Why rss-parser would miss an element of this name, if it would. */
  misspelt: string | null;
  /** Whether the readers use elements of this (local) name. */
  read: boolean;
}

function nameFacts(name: string): NameFacts {
  const colon = name.indexOf(':');
  const local = name.slice(colon + 1);
  const lower = local.toLowerCase();
  const spelled = READ_NAMES.get(lower);
  return {
    prefix: colon === -1 ? null : name.slice(0, colon),
    lower,
    misspelt: spelled !== undefined && spelled !== local ? `<${name}> is not spelled <${spelled}>, and rss-parser matches names exactly` : null,
    read: spelled !== undefined,
  };
}

/** Collects, during the scan, what decides the reader; stops at the first reason for the tolerant one. */
class DocumentSurvey implements ScanVisitor {
  private readonly stack: Frame[] = [];
  private reason: string | null = null;
  private root: { name: string; attributes: ReadonlyMap<string, string> } | null = null;
  private format: 'rss' | 'rdf' | 'atom' | null = null;
  private channels = 0;
  private readonly prefixNamespace = new Map<string, string>();
  private readonly namespacePrefix = new Map<string, string>();
  private readonly usedPrefixes = new Set<string>();
  /** `scope:path` of every element below a scope that holds child elements. */
  private readonly holdingElements = new Set<string>();
  private readonly itemChildren = new Set<string>();
  private readonly names = new Map<string, NameFacts>();

  open(name: string, attributes: ReadonlyMap<string, string>): boolean {
    const parent = this.stack.at(-1);
    if (parent) parent.holdsElements = true;
    let facts = this.names.get(name);
    if (facts === undefined) {
      facts = nameFacts(name);
      this.names.set(name, facts);
      if (facts.prefix !== null && facts.prefix !== 'xml') this.usedPrefixes.add(facts.prefix);
    }
    if (attributes.size > 0) this.reason ??= this.declarations(attributes);
    this.reason ??= facts.misspelt;
    if (facts.read && parent !== undefined && attributes.has('xmlns')) this.reason ??= `<${name}> redeclares the default namespace`;
    const frame: Frame = { name, scope: null, within: null, path: null, pathDepth: 0, holdsElements: false, authors: 0, authorNumber: 0, date: null };
    if (parent === undefined) {
      this.root = { name, attributes };
      this.reason ??= this.rootProblem(name, attributes);
      if (this.format === 'atom') frame.scope = 'feed';
    } else {
      this.reason ??= this.placeElement(frame, facts.lower, parent, attributes);
    }
    this.stack.push(frame);
    return this.reason === null;
  }

  wantsText(): boolean {
    const frame = this.stack.at(-1);
    return frame !== undefined && frame.date !== null;
  }

  text(text: string): void {
    const frame = this.stack.at(-1);
    if (frame && frame.date !== null) frame.date += text;
  }

  close(): void {
    const frame = this.stack.pop();
    if (!frame) return;
    if (frame.holdsElements && frame.within !== null && frame.path !== null) this.holdingElements.add(`${frame.within}:${frame.path}`);
    if (frame.holdsElements && frame.authorNumber > 1) this.reason ??= 'an item has an <author> with elements after its first <author>';
    if (frame.date !== null && frame.date !== '' && Number.isNaN(new Date(frame.date).getTime())) {
      this.reason ??= `an entry's <${frame.name}> ${JSON.stringify(frame.date.slice(0, 40))} is not a date rss-parser can read`;
    }
  }

  /** The document's shape when rss-parser may read it, or why not; called after a complete scan. */
  verdict(): DocumentShape | { reason: string } {
    if (this.reason !== null) return { reason: this.reason };
    const root = this.root;
    if (root === null) return { reason: 'no XML element found' };
    if (this.format !== 'atom' && this.channels === 0) return { reason: `<${root.name}> has no <channel>` };
    for (const prefix of this.usedPrefixes) {
      if (!this.prefixNamespace.has(prefix)) return { reason: `the namespace prefix "${prefix}:" is never declared` };
    }
    const namespacePrefix = this.namespacePrefix;
    const shape: DocumentShape = {
      root: root.name,
      version: root.attributes.get('version'),
      defaultNamespace: (root.attributes.get('xmlns') ?? '').trim(),
      name(namespace, local) {
        const prefix = namespacePrefix.get(NAMESPACES[namespace]);
        return prefix === undefined ? null : `${prefix}:${local}`;
      },
    };
    const names = namesFor(shape);
    if (names.xhtmlBody !== null && this.itemChildren.has(names.xhtmlBody)) return { reason: 'an item carries an inline XHTML <body>' };
    const textFields = textFieldPaths(names);
    for (const held of this.holdingElements) {
      const [scope, path] = held.split(/:(.*)/s) as [FieldScope, string];
      if (textFields[scope].has(path)) return { reason: `<${path.split('>').at(-1)}> holds markup as elements, which rss-parser cannot keep in order` };
    }
    return shape;
  }

  private declarations(attributes: ReadonlyMap<string, string>): string | null {
    for (const [attribute, value] of attributes) {
      if (attribute === 'xml:base') return 'the feed uses xml:base, which rss-parser ignores';
      if (!attribute.startsWith('xmlns:')) continue;
      const prefix = attribute.slice(6);
      const uri = value.trim();
      const known = this.prefixNamespace.get(prefix);
      if (known !== undefined && known !== uri) return `prefix "${prefix}:" is bound to both ${known} and ${uri}`;
      const other = this.namespacePrefix.get(uri);
      if (other !== undefined && other !== prefix) return `namespace ${uri} is written with both "${other}:" and "${prefix}:"`;
      this.prefixNamespace.set(prefix, uri);
      this.namespacePrefix.set(uri, prefix);
    }
    return null;
  }

  private rootProblem(name: string, attributes: ReadonlyMap<string, string>): string | null {
    if (name === 'feed') {
      this.format = 'atom';
      // rss-parser takes an Atom root with no attributes and no content for no feed at all.
      return attributes.size === 0 ? '<feed> declares no namespace' : null;
    }
    if (name !== 'rss' && name !== 'rdf:RDF') {
      if (localName(name) === 'feed') return `the Atom root is prefixed (<${name}>), which rss-parser does not recognise`;
      return `the root element <${name}> is not one rss-parser reads`;
    }
    // rss-parser finds RSS elements by name in any namespace, the tolerant reader only in RSS's.
    const namespace = attributes.get('xmlns') ?? '';
    if (!RSS_NAMESPACES.has(namespace)) return `<${name}> puts its elements in namespace "${namespace}", which is not RSS's`;
    if (name === 'rdf:RDF') {
      this.format = 'rdf';
      return null;
    }
    this.format = 'rss';
    const version = attributes.get('version');
    if (version === undefined) return '<rss> has no version attribute, which rss-parser requires';
    if (!/^(?:2|0\.9)/.test(version)) return `<rss version="${version}"> is not a version rss-parser reads`;
    return null;
  }

  /** Finds an element's scope and path, and checks what rss-parser expects of its place. */
  private placeElement(frame: Frame, local: string, parent: Frame, attributes: ReadonlyMap<string, string>): string | null {
    const { name } = frame;
    const depth = this.stack.length;
    if (name === 'channel' && depth === 1 && this.format !== 'atom') {
      this.channels += 1;
      if (this.channels === 1) frame.scope = 'channel';
    }
    const itemWord = this.format === 'atom' ? 'entry' : 'item';
    if (local === itemWord) {
      const readHere = name === itemWord && ((this.format === 'rss' && depth === 2 && parent.scope === 'channel') || (this.format !== 'rss' && depth === 1));
      if (!readHere) return `an <${name}> sits where rss-parser does not look for ${itemWord === 'item' ? 'items' : 'entries'}`;
      frame.scope = itemWord;
    }
    if (frame.scope !== null) return null;
    if (parent.scope !== null) {
      frame.within = parent.scope;
      frame.path = name;
      frame.pathDepth = 1;
    } else if (parent.within !== null && parent.path !== null && parent.pathDepth < MAX_PATH_DEPTH) {
      frame.within = parent.within;
      frame.path = `${parent.path}>${name}`;
      frame.pathDepth = parent.pathDepth + 1;
    }
    if (parent.scope === 'item') {
      this.itemChildren.add(name);
      if (name === 'author') frame.authorNumber = ++parent.authors;
    }
    if (this.format === 'atom' && (parent.scope === 'feed' || parent.scope === 'entry') && name === 'link' && attributes.size === 0) {
      return 'an Atom <link> has no attributes, which rss-parser cannot read';
    }
    if (parent.scope === 'entry' && (name === 'published' || name === 'updated')) frame.date = '';
    return null;
  }
}
