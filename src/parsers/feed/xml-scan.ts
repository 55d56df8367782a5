/**
 * A strict, single-pass XML scanner: it walks a document once, reports start tags, text and end
 * tags to a visitor, and stops at the first thing a strict XML parser (sax in strict mode, which
 * rss-parser uses through xml2js) would reject. It builds no tree and resolves no namespaces.
 *
 * It is deliberately at least as strict as sax: where sax tolerates something XML forbids
 * (whitespace after `<`, `&AMP;`, a second root element, an internal DTD subset), the scanner
 * calls the document malformed, and the caller reads it with the tolerant reader instead.
 */

export interface ScanVisitor {
  /** A start tag (also for `<empty/>`, followed at once by `close`). Return false to stop the scan. */
  open(name: string, attributes: ReadonlyMap<string, string>): boolean;
  /** Whether the visitor wants the character data at this point (decoding it costs time). */
  wantsText(): boolean;
  /** Character data inside the root element, entities decoded (text and CDATA alike), when wanted. */
  text(text: string): void;
  close(name: string): void;
}

export type ScanResult = { outcome: 'well-formed' } | { outcome: 'stopped' } | { outcome: 'malformed'; problem: string; line: number; column: number };

// XML name characters as sax accepts them (the Basic Multilingual Plane only).
const NAME_START =
  ':_A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
const NAME_BODY = `${NAME_START}\\u00B7\\u0300-\\u036F\\u203F-\\u2040.\\d-`;
const NAME = new RegExp(`[${NAME_START}][${NAME_BODY}]*`, 'y');
/** Character data up to the next "<", through well-formed references (numeric ones still need isXmlChar). */
const TEXT_RUN = /(?:[^<&]+|&(?:#[0-9]+|#x[0-9A-Fa-f]+|amp|lt|gt|quot|apos);)*/y;
const NUMERIC_REFERENCE = /&#(?:([0-9]+)|x([0-9A-Fa-f]+));/g;
const REFERENCE = /&(?:#([0-9]+)|#x([0-9A-Fa-f]+)|(amp|lt|gt|quot|apos));/y;
const AMPERSAND = 0x26;
const REFERENCES = new RegExp(REFERENCE.source, 'g');
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

class Malformed {
  constructor(
    readonly problem: string,
    readonly offset: number,
  ) {}
}

/** Checks the reference that starts at `raw[at]` ("&"); returns where it ends, or what is wrong with it. */
function checkReference(raw: string, at: number, offset: number): number | Malformed {
  REFERENCE.lastIndex = at;
  const match = REFERENCE.exec(raw);
  if (!match) return new Malformed(`"&" starts no character or entity reference XML knows (${JSON.stringify(raw.slice(at, at + 12))})`, offset + at);
  const [whole, decimal, hex] = match;
  if (decimal !== undefined || hex !== undefined) {
    const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16);
    if (!isXmlChar(code)) return new Malformed(`${whole} is not a character XML allows`, offset + at);
  }
  return REFERENCE.lastIndex;
}

/** Replaces the references in `raw`, which checkReference found sound. */
function decodeReferences(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(REFERENCES, (_whole, decimal: string | undefined, hex: string | undefined, named: string | undefined) => {
    if (named !== undefined) return PREDEFINED[named] ?? '';
    return String.fromCodePoint(decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16));
  });
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line += 1;
    lineStart = at + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Walks one document; see the module comment. */
export function scanXml(text: string, visitor: ScanVisitor): ScanResult {
  const outcome = new XmlScanner(text, visitor).run();
  if (outcome instanceof Malformed) return { outcome: 'malformed', problem: outcome.problem, ...lineAndColumn(text, outcome.offset) };
  return { outcome };
}

class XmlScanner {
  private at = 0;
  private readonly open: string[] = [];

  constructor(
    private readonly text: string,
    private readonly visitor: ScanVisitor,
  ) {}

  run(): 'well-formed' | 'stopped' | Malformed {
    const prolog = this.misc(true);
    if (prolog) return prolog;
    if (this.at >= this.text.length) return new Malformed('no root element', this.at);
    NAME.lastIndex = this.at + 1;
    if (this.text[this.at] !== '<' || !NAME.test(this.text)) return new Malformed('text or markup before the root element', this.at);
    for (;;) {
      const step = this.markup();
      if (step !== null) return step;
      if (this.open.length === 0) break;
      const content = this.characterData();
      if (content) return content;
      if (this.at >= this.text.length) return new Malformed(`the document ends inside <${this.open.at(-1)}>`, this.at);
    }
    const epilog = this.misc(false);
    if (epilog) return epilog;
    if (this.at < this.text.length) return new Malformed('content after the root element', this.at);
    return 'well-formed';
  }

  private skipWhitespace(): void {
    const text = this.text;
    let at = this.at;
    for (let code = text.charCodeAt(at); code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d; code = text.charCodeAt(at)) at += 1;
    this.at = at;
  }

  private name(): string | null {
    NAME.lastIndex = this.at;
    const match = NAME.exec(this.text);
    if (!match) return null;
    this.at = NAME.lastIndex;
    return match[0];
  }

  /** Whitespace, comments, processing instructions and (before the root) one DOCTYPE, around the root element. */
  private misc(beforeRoot: boolean): Malformed | null {
    let doctypeSeen = false;
    for (;;) {
      this.skipWhitespace();
      let problem: Malformed | null;
      if (this.text.startsWith('<!--', this.at)) problem = this.comment();
      else if (this.text.startsWith('<?', this.at)) problem = this.processingInstruction();
      else if (beforeRoot && !doctypeSeen && this.text.startsWith('<!DOCTYPE', this.at)) {
        problem = this.doctype();
        doctypeSeen = true;
      } else return null;
      if (problem) return problem;
    }
  }

  private comment(): Malformed | null {
    const start = this.at;
    const end = this.text.indexOf('-->', start + 4);
    if (end === -1) return new Malformed('a comment is never closed', start);
    const body = this.text.slice(start + 4, end);
    if (body.includes('--') || body.endsWith('-')) return new Malformed('"--" inside a comment', start);
    this.at = end + 3;
    return null;
  }

  /** `<?name …?>`; a ">" or "<" inside would end or start markup for lenient parsers, so it is refused too. */
  private processingInstruction(): Malformed | null {
    const start = this.at;
    this.at += 2;
    const name = this.name();
    const end = this.text.indexOf('?>', this.at);
    if (name === null || end === -1) return new Malformed('a processing instruction without a name or an end', start);
    const body = this.text.slice(this.at, end);
    if ((body !== '' && !/^[ \t\r\n]/.test(body)) || /[<>]/.test(body)) return new Malformed(`a malformed processing instruction <?${name}`, start);
    this.at = end + 2;
    return null;
  }

  /**
   * `<!DOCTYPE rss PUBLIC "…" "…">`. An internal subset (`[ … ]`) can declare entities, which
   * strict parsers do not expand, and a quoted ">" ends the declaration early for lenient ones.
   */
  private doctype(): Malformed | null {
    const start = this.at;
    const end = this.text.indexOf('>', start);
    if (end === -1) return new Malformed('the DOCTYPE is never closed', start);
    const declaration = this.text.slice(start, end);
    if (declaration.includes('[')) return new Malformed('the DOCTYPE has an internal subset', start);
    if ((declaration.split('"').length - 1) % 2 !== 0 || (declaration.split("'").length - 1) % 2 !== 0) {
      return new Malformed('the DOCTYPE has an unbalanced quote', start);
    }
    this.at = end + 1;
    return null;
  }

  /** One piece of markup inside (or starting) the root element: a tag, comment, CDATA section or processing instruction. */
  private markup(): 'stopped' | Malformed | null {
    const start = this.at;
    const text = this.text;
    const next = text[start + 1];
    if (next === '/') return this.endTag();
    if (next === '?') return this.processingInstruction();
    if (next !== '!') return this.startTag();
    if (text.startsWith('<!--', start)) return this.comment();
    if (text.startsWith('<![CDATA[', start)) {
      const end = text.indexOf(']]>', start + 9);
      if (end === -1) return new Malformed('a CDATA section is never closed', start);
      if (end > start + 9 && this.visitor.wantsText()) this.visitor.text(text.slice(start + 9, end));
      this.at = end + 3;
      return null;
    }
    return new Malformed('a declaration inside the document', start);
  }

  private startTag(): 'stopped' | Malformed | null {
    const start = this.at;
    this.at += 1;
    const name = this.name();
    if (name === null) return new Malformed('"<" starts no tag (write it as &lt;)', start);
    const attributes = new Map<string, string>();
    for (;;) {
      const beforeSpace = this.at;
      this.skipWhitespace();
      const text = this.text;
      if (text.startsWith('/>', this.at) || text[this.at] === '>') {
        const empty = text[this.at] === '/';
        this.at += empty ? 2 : 1;
        if (!this.visitor.open(name, attributes)) return 'stopped';
        if (empty) this.visitor.close(name);
        else this.open.push(name);
        return null;
      }
      if (this.at === beforeSpace) return new Malformed(`<${name}>: expected whitespace, ">" or "/>"`, this.at);
      const attributeStart = this.at;
      const attribute = this.name();
      if (attribute === null) return new Malformed(`<${name}>: an invalid attribute name`, attributeStart);
      this.skipWhitespace();
      if (text[this.at] !== '=') return new Malformed(`<${name}>: attribute ${attribute} has no value`, attributeStart);
      this.at += 1;
      this.skipWhitespace();
      const quote = text[this.at];
      if (quote !== '"' && quote !== "'") return new Malformed(`<${name}>: the value of ${attribute} is not quoted`, attributeStart);
      const end = text.indexOf(quote, this.at + 1);
      if (end === -1) return new Malformed(`<${name}>: the value of ${attribute} is never closed`, attributeStart);
      const raw = text.slice(this.at + 1, end);
      for (let at = raw.indexOf('&'); at !== -1; ) {
        const after = checkReference(raw, at, this.at + 1);
        if (after instanceof Malformed) return after;
        at = raw.indexOf('&', after);
      }
      const value = decodeReferences(raw);
      if (attributes.has(attribute)) return new Malformed(`<${name}>: attribute ${attribute} is given twice`, attributeStart);
      attributes.set(attribute, value);
      this.at = end + 1;
    }
  }

  private endTag(): Malformed | null {
    const start = this.at;
    this.at += 2;
    const name = this.name();
    this.skipWhitespace();
    if (name === null || this.text[this.at] !== '>') return new Malformed('a malformed end tag', start);
    this.at += 1;
    const expected = this.open.pop();
    if (expected !== name) {
      return new Malformed(expected === undefined ? `</${name}> closes nothing` : `</${name}> where </${expected}> was expected`, start);
    }
    this.visitor.close(name);
    return null;
  }

  /** Text up to the next "<", with references checked (and decoded when the visitor wants the text). */
  private characterData(): Malformed | null {
    const text = this.text;
    TEXT_RUN.lastIndex = this.at;
    TEXT_RUN.exec(text);
    const end = TEXT_RUN.lastIndex;
    if (text.charCodeAt(end) === AMPERSAND) {
      const problem = checkReference(text, end, 0);
      if (problem instanceof Malformed) return problem;
    }
    if (end === this.at) return null;
    const run = text.slice(this.at, end);
    if (run.includes('&#')) {
      for (const match of run.matchAll(NUMERIC_REFERENCE)) {
        const problem = checkReference(run, match.index, this.at);
        if (problem instanceof Malformed) return problem;
      }
    }
    if (this.visitor.wantsText()) this.visitor.text(decodeReferences(run));
    this.at = end;
    return null;
  }
}
