/**
 * Parser of the topic query language (docs/query-language.md).
 *
 * Precedence, loosest first: OR, AND (also implied between adjacent terms), NOT, NEAR/n, then
 * field scopes and parentheses. Operators are exact upper-case tokens only, so "or", "not" and
 * "NEARLY" are ordinary words, and a lower-case "near/5" earns a warning.
 */
import type { FieldNode, NearNode, QueryNode, TermNode, WordPattern } from './query-ast.ts';
import { QueryError, queryWarning, type QueryField, type QueryWarning } from './query-error.ts';
import type { Analyzer } from './analysis/analyzer.ts';
import { latinAnalyzer } from './analysis/latin-analyzer.ts';
import type { MatchField } from './types.ts';

const FIELDS: readonly MatchField[] = ['title', 'summary', 'body'];
const MAX_NEAR_DISTANCE = 100;
/** Parentheses, NOTs, NEARs and field scopes inside one another; real queries stay far below. */
export const MAX_NESTING = 100;
const TERM_EXPECTED = 'a term, "phrase", @synonym, NOT or "("';
const FIELD_NAME = /^[A-Za-z]+$/;

type Lexeme =
  | { type: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'end'; position: number }
  | { type: 'near'; position: number; distance: number }
  | { type: 'field'; position: number; field: MatchField }
  | { type: 'term'; position: number; term: TermNode }
  | { type: 'synonym'; position: number; name: string };

export interface ParseContext {
  topicId?: string;
  field?: QueryField;
  /** Folds query words; must be the analyzer that tokenises the items (default: Latin). */
  analyzer?: Analyzer;
  /** Receives what parses but probably is not what was meant (default: ignored). */
  warn?: (warning: QueryWarning) => void;
}

class Parser {
  private readonly lexemes: Lexeme[];
  private index = 0;
  /** How deep the construct being parsed sits (parentheses, NOT, NEAR, field scopes). */
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly context: Required<ParseContext>,
  ) {
    this.lexemes = this.lex();
  }

  fail(position: number, expected: string, detail?: string): never {
    throw new QueryError({
      topicId: this.context.topicId,
      field: this.context.field,
      position,
      expected,
      detail: detail === undefined ? this.after(position) : detail || undefined,
    });
  }

  /** `after "…"`: the text just before the error, so the message reads without counting characters. */
  private after(position: number): string | undefined {
    const before = this.text.slice(0, position).trimEnd();
    if (!before) return undefined;
    const excerpt = before.length > 30 ? `…${before.slice(-30)}` : before;
    return `after ${JSON.stringify(excerpt)}`;
  }

  private lex(): Lexeme[] {
    const { text } = this;
    const out: Lexeme[] = [];
    let index = 0;
    while (index < text.length) {
      const char = text[index] as string;
      if (/\s/.test(char)) {
        index += 1;
      } else if (char === '(') {
        out.push({ type: 'lparen', position: index });
        index += 1;
      } else if (char === ')') {
        out.push({ type: 'rparen', position: index });
        index += 1;
      } else if (char === '@') {
        const match = /^@([a-z0-9][a-z0-9._-]*)/.exec(text.slice(index));
        if (!match) this.fail(index + 1, 'a synonym list name after "@" (lower-case letters, digits, ".", "_" or "-")');
        out.push({ type: 'synonym', position: index, name: match[1] as string });
        index += match[0].length;
      } else if (char === '"' || (char === '=' && text[index + 1] === '"')) {
        const caseSensitive = char === '=';
        const open = caseSensitive ? index + 1 : index;
        let cursor = open + 1;
        let content = '';
        while (cursor < text.length && text[cursor] !== '"') {
          if (text[cursor] === '\\' && (text[cursor + 1] === '"' || text[cursor + 1] === '\\')) cursor += 1;
          content += text[cursor];
          cursor += 1;
        }
        if (cursor >= text.length) this.fail(text.length, `a closing '"' for the phrase opened at position ${open}`);
        const source = text.slice(index, cursor + 1);
        out.push({ type: 'term', position: index, term: this.term(content, source, index, open + 1, caseSensitive) });
        index = cursor + 1;
      } else {
        let cursor = index;
        while (cursor < text.length && !/[\s()"]/.test(text[cursor] as string)) cursor += 1;
        this.pushWord(out, text.slice(index, cursor), index);
        index = cursor;
      }
    }
    out.push({ type: 'end', position: text.length });
    return out;
  }

  private pushWord(out: Lexeme[], word: string, position: number): void {
    if (word === 'AND') return void out.push({ type: 'and', position });
    if (word === 'OR') return void out.push({ type: 'or', position });
    if (word === 'NOT') return void out.push({ type: 'not', position });
    if (word === 'NEAR' || word.startsWith('NEAR/')) {
      const match = /^NEAR\/(\d+)$/.exec(word);
      const distance = match ? Number(match[1]) : Number.NaN;
      if (!(distance >= 1 && distance <= MAX_NEAR_DISTANCE)) {
        this.fail(position, `a distance from 1 to ${MAX_NEAR_DISTANCE} written as NEAR/8`, `but found ${JSON.stringify(word)}`);
      }
      return void out.push({ type: 'near', position, distance });
    }
    if (/^near\/\d+$/i.test(word)) {
      this.warn(position, `${JSON.stringify(word)} is read as the words "${word.replace('/', ' ')}"; operators are upper case: write ${word.toUpperCase()}`);
    }
    const colon = word.indexOf(':');
    if (colon >= 0 && FIELD_NAME.test(word.slice(0, colon))) {
      const name = word.slice(0, colon);
      if (!(FIELDS as readonly string[]).includes(name)) {
        this.fail(position, 'a field scope title:, summary: or body:', `but found ${JSON.stringify(`${name}:`)}`);
      }
      out.push({ type: 'field', position, field: name as MatchField });
      // `title:escape` arrives as one bare word: lex what follows the scope on its own.
      const rest = word.slice(colon + 1);
      if (rest !== '') this.pushWord(out, rest, position + colon + 1);
      return;
    }
    const caseSensitive = word.startsWith('=');
    const body = caseSensitive ? word.slice(1) : word;
    const term = this.term(body, word, position, caseSensitive ? position + 1 : position, caseSensitive);
    out.push({ type: 'term', position, term });
  }

  private warn(position: number, problem: string): void {
    this.context.warn(queryWarning({ topicId: this.context.topicId, field: this.context.field, position, problem }));
  }

  /**
   * Builds a term from a bare word or the inside of a phrase; `*` marks a prefix, at word ends only.
   * A compound in it (al-Hol, alHol) gives the term a second spelling with the compound the other way.
   */
  private term(content: string, source: string, position: number, contentStart: number, caseSensitive: boolean): TermNode {
    const parts = content.split(/\s+/).filter((part) => part !== '');
    const words: WordPattern[] = [];
    const otherSpelling: WordPattern[] = [];
    let compound = false;
    let offset = 0;
    for (const part of parts) {
      const partStart = contentStart + content.indexOf(part, offset);
      offset = partStart - contentStart + part.length;
      const star = part.indexOf('*');
      if (star >= 0 && star !== part.length - 1) this.fail(partStart + star, '"*" only at the end of a word (prefix wildcard)');
      const prefix = star >= 0;
      const stem = prefix ? part.slice(0, -1) : part;
      const forms = this.context.analyzer.queryWords(stem, caseSensitive);
      if (forms.words.length === 0) this.fail(partStart, 'a word with letters or digits', `but found ${JSON.stringify(part)}`);
      const patterns = (texts: string[]): WordPattern[] =>
        texts.map((text, wordIndex) => {
          const last = wordIndex === texts.length - 1;
          if (prefix && last && text.length < 2) this.fail(partStart, 'at least 2 letters before "*"');
          return { text, prefix: prefix && last, caseSensitive };
        });
      words.push(...patterns(forms.words));
      otherSpelling.push(...patterns(forms.otherSpelling ?? forms.words));
      if (forms.otherSpelling) compound = true;
    }
    if (words.length === 0) this.fail(contentStart, 'a word with letters or digits', `but found ${JSON.stringify(source)}`);
    return { kind: 'term', words, otherSpellings: compound ? [otherSpelling] : [], source, position };
  }

  /** Counts one more level of nesting at `position`; fails past MAX_NESTING, before the stack would. */
  private enter(position: number): void {
    this.depth += 1;
    if (this.depth > MAX_NESTING) {
      this.fail(position, `nesting at most ${MAX_NESTING} deep (parentheses, NOT, NEAR/n and field scopes inside one another)`, 'but the query goes deeper here: simplify it');
    }
  }

  private peek(): Lexeme {
    return this.lexemes[this.index] as Lexeme;
  }

  private next(): Lexeme {
    const lexeme = this.lexemes[this.index] as Lexeme;
    if (lexeme.type !== 'end') this.index += 1;
    return lexeme;
  }

  parse(): QueryNode {
    if (this.peek().type === 'end') this.fail(0, TERM_EXPECTED, 'but the query is empty');
    const node = this.parseOr();
    const rest = this.peek();
    if (rest.type === 'rparen') this.fail(rest.position, 'an operator or a term', 'but found ")" without a matching "("');
    if (rest.type !== 'end') this.fail(rest.position, 'the end of the query');
    return node;
  }

  private parseOr(): QueryNode {
    const children = [this.parseAnd()];
    while (this.peek().type === 'or') {
      this.next();
      children.push(this.parseAnd());
    }
    return children.length === 1 ? (children[0] as QueryNode) : { kind: 'or', children };
  }

  private parseAnd(): QueryNode {
    const children = [this.parseNot()];
    for (;;) {
      const lexeme = this.peek();
      if (lexeme.type === 'and') {
        this.next();
        children.push(this.parseNot());
      } else if (['term', 'synonym', 'lparen', 'not', 'field'].includes(lexeme.type)) {
        children.push(this.parseNot());
      } else {
        break;
      }
    }
    return children.length === 1 ? (children[0] as QueryNode) : { kind: 'and', children };
  }

  private parseNot(): QueryNode {
    if (this.peek().type === 'not') {
      const { position } = this.next();
      this.enter(position);
      const child = this.parseNot();
      this.depth -= 1;
      return { kind: 'not', child, position };
    }
    return this.parseNear();
  }

  private parseNear(): QueryNode {
    const start = this.peek().position;
    const depth = this.depth;
    let left = this.parsePrimary();
    while (this.peek().type === 'near') {
      const operator = this.next() as Extract<Lexeme, { type: 'near' }>;
      this.enter(operator.position);
      this.requirePositional(left, start, operator.distance);
      const following = this.peek();
      if (following.type === 'not') {
        const near = this.text.slice(start, operator.position).trim();
        const after = this.lexemes[this.index + 1];
        const absent = after?.type === 'term' ? after.term.source : after?.type === 'synonym' ? `@${after.name}` : '…';
        this.fail(
          following.position,
          `a term, "phrase", @synonym or a (… OR …) group of them after NEAR/${operator.distance}`,
          `but found NOT: NEAR cannot take NOT. For ${near} without ${absent} nearby, write ${near} AND NOT (${near} NEAR/${operator.distance} ${absent})`,
        );
      }
      const right = this.parsePrimary();
      this.requirePositional(right, following.position, operator.distance);
      const near: NearNode = { kind: 'near', distance: operator.distance, left, right, position: operator.position };
      left = near;
    }
    this.depth = depth;
    return left;
  }

  /** NEAR compares word positions, so each side must be words: terms, synonyms, or OR-groups of them. */
  private requirePositional(node: QueryNode, position: number, distance: number): void {
    if (!isPositional(node)) {
      this.fail(position, `a term, "phrase", @synonym or a (… OR …) group of them on each side of NEAR/${distance}`, 'but found AND or NOT');
    }
  }

  private parsePrimary(): QueryNode {
    const lexeme = this.next();
    switch (lexeme.type) {
      case 'term':
        return lexeme.term;
      case 'synonym':
        return { kind: 'synonym', name: lexeme.name, position: lexeme.position };
      case 'field': {
        const following = this.peek();
        if (!['term', 'synonym', 'lparen'].includes(following.type)) {
          this.fail(following.position, `a term, "phrase", @synonym or "(" after ${lexeme.field}:`, following.type === 'end' ? '' : `but found ${describe(following)}`);
        }
        this.enter(lexeme.position);
        const field: FieldNode = { kind: 'field', field: lexeme.field, child: this.parsePrimary(), position: lexeme.position };
        this.depth -= 1;
        return field;
      }
      case 'lparen': {
        if (this.peek().type === 'rparen') this.fail(this.peek().position, TERM_EXPECTED, 'inside "()"');
        this.enter(lexeme.position);
        const inner = this.parseOr();
        this.depth -= 1;
        const close = this.peek();
        if (close.type !== 'rparen') {
          this.fail(close.position, '")"', `${this.after(close.position) ?? ''} to close the "(" at position ${lexeme.position}`.trim());
        }
        this.next();
        return inner;
      }
      case 'end':
        return this.fail(lexeme.position, TERM_EXPECTED);
      default:
        return this.fail(lexeme.position, TERM_EXPECTED, `but found ${describe(lexeme)}`);
    }
  }
}

function describe(lexeme: Lexeme): string {
  switch (lexeme.type) {
    case 'rparen':
      return '")"';
    case 'and':
      return 'AND';
    case 'or':
      return 'OR';
    case 'near':
      return `NEAR/${lexeme.distance}`;
    case 'not':
      return 'NOT';
    case 'end':
      return 'the end of the query';
    case 'term':
      return JSON.stringify(lexeme.term.source);
    case 'synonym':
      return `@${lexeme.name}`;
    default:
      return lexeme.type;
  }
}

function isPositional(node: QueryNode): boolean {
  switch (node.kind) {
    case 'term':
    case 'synonym':
      return true;
    case 'or':
      return node.children.every(isPositional);
    case 'near':
      return isPositional(node.left) && isPositional(node.right);
    case 'field':
      return isPositional(node.child);
    default:
      return false;
  }
}

/** Parses one query; throws QueryError with the 0-based position and what was expected there. */
export function parseQuery(text: string, context: ParseContext = {}): QueryNode {
  return new Parser(text, {
    topicId: context.topicId ?? '',
    field: context.field ?? 'query',
    analyzer: context.analyzer ?? latinAnalyzer,
    warn: context.warn ?? (() => undefined),
  }).parse();
}
