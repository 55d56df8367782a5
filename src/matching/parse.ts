/**
 * Parser of the topic query language (docs/query-language.md).
 *
 * Precedence, loosest first: OR, AND (also implied between adjacent terms), NOT, NEAR/n and
 * BEFORE/n, then MENTIONS/n, field scopes and parentheses. Operators are exact upper-case tokens only, so "or", "not" and
 * "NEARLY" are ordinary words, and a lower-case "near/5" earns a warning.
 */
import {
  proximityOperator,
  type FieldNode,
  type MentionsNode,
  type NearNode,
  type QueryNode,
  type QueryScope,
  type Reach,
  type TermNode,
  type WordPattern,
} from './query-ast.ts';
import { QueryError, queryWarning, type QueryField, type QueryWarning } from './query-error.ts';
import type { Analyzer } from './analysis/analyzer.ts';
import { latinAnalyzer } from './analysis/latin-analyzer.ts';
const SCOPES: readonly QueryScope[] = ['title', 'summary', 'body', 'lead'];
const MAX_NEAR_DISTANCE = 100;
const MAX_MENTIONS = 100;
const OPERATOR = /^(NEAR|BEFORE|MENTIONS)(?:\/(.*))?$/;
const LOWER_CASE_OPERATOR = /^(near|before|mentions)\/(\d+|sentence|paragraph)$/i;
/** Parentheses, NOTs, NEARs and field scopes inside one another; real queries stay far below. */
export const MAX_NESTING = 100;
const TERM_EXPECTED = 'a term, "phrase", @synonym, NOT or "("';
const FIELD_NAME = /^[A-Za-z]+$/;

type Lexeme =
  | { type: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'end'; position: number }
  | { type: 'near'; position: number; reach: Reach; ordered: boolean }
  | { type: 'mentions'; position: number; count: number }
  | { type: 'field'; position: number; field: QueryScope }
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
        index += this.pushSynonym(out, text.slice(index), index);
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
    const operator = OPERATOR.exec(word);
    if (operator) return void out.push(this.operator(operator[1] as string, operator[2], word, position));
    if (LOWER_CASE_OPERATOR.test(word)) {
      this.warn(position, `${JSON.stringify(word)} is read as the words "${word.replace('/', ' ')}"; operators are upper case: write ${word.toUpperCase()}`);
    }
    const colon = word.indexOf(':');
    if (colon >= 0 && FIELD_NAME.test(word.slice(0, colon))) {
      const name = word.slice(0, colon);
      if (!(SCOPES as readonly string[]).includes(name)) {
        this.fail(position, 'a field scope title:, summary:, body: or lead:', `but found ${JSON.stringify(`${name}:`)}`);
      }
      out.push({ type: 'field', position, field: name as QueryScope });
      // `title:escape` arrives as one bare word: lex what follows the scope on its own.
      const rest = word.slice(colon + 1);
      const restStart = position + colon + 1;
      if (rest.startsWith('@')) {
        const length = this.pushSynonym(out, rest, restStart);
        if (length < rest.length) this.pushWord(out, rest.slice(length), restStart + length);
      } else if (rest !== '') {
        this.pushWord(out, rest, restStart);
      }
      return;
    }
    const caseSensitive = word.startsWith('=');
    const body = caseSensitive ? word.slice(1) : word;
    const term = this.term(body, word, position, caseSensitive ? position + 1 : position, caseSensitive);
    out.push({ type: 'term', position, term });
  }

  /** `@name` at the start of `text`: pushes the synonym reference and returns its length. */
  private pushSynonym(out: Lexeme[], text: string, position: number): number {
    const match = /^@([a-z0-9][a-z0-9._-]*)/.exec(text);
    if (!match) this.fail(position + 1, 'a synonym list name after "@" (lower-case letters, digits, ".", "_" or "-")');
    out.push({ type: 'synonym', position, name: match[1] as string });
    return match[0].length;
  }

  /** NEAR/8, NEAR/SENTENCE, BEFORE/8, MENTIONS/3: the operator, or what a well-formed one looks like. */
  private operator(name: string, suffix: string | undefined, word: string, position: number): Lexeme {
    const found = `but found ${JSON.stringify(word)}`;
    if (name === 'MENTIONS') {
      const count = suffix !== undefined && /^\d+$/.test(suffix) ? Number(suffix) : Number.NaN;
      if (!(count >= 1 && count <= MAX_MENTIONS)) this.fail(position, `a count from 1 to ${MAX_MENTIONS} written as MENTIONS/2`, found);
      return { type: 'mentions', position, count };
    }
    const ordered = name === 'BEFORE';
    if (suffix === 'SENTENCE' || suffix === 'PARAGRAPH') return { type: 'near', position, reach: suffix, ordered };
    const distance = suffix !== undefined && /^\d+$/.test(suffix) ? Number(suffix) : Number.NaN;
    if (!(distance >= 1 && distance <= MAX_NEAR_DISTANCE)) {
      this.fail(position, `a distance from 1 to ${MAX_NEAR_DISTANCE} written as ${name}/8, or ${name}/SENTENCE or ${name}/PARAGRAPH`, found);
    }
    return { type: 'near', position, reach: distance, ordered };
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
      this.fail(
        position,
        `nesting at most ${MAX_NESTING} deep (parentheses, NOT, NEAR/n and field scopes inside one another)`,
        'but the query goes deeper here: simplify it',
      );
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
      } else if (['term', 'synonym', 'lparen', 'not', 'field', 'mentions'].includes(lexeme.type)) {
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
      const written = proximityOperator(operator);
      this.enter(operator.position);
      this.requirePositional(left, start, `on each side of ${written}`);
      const following = this.peek();
      if (following.type === 'not') {
        const near = this.text.slice(start, operator.position).trim();
        const after = this.lexemes[this.index + 1];
        const absent = after?.type === 'term' ? after.term.source : after?.type === 'synonym' ? `@${after.name}` : '…';
        this.fail(
          following.position,
          `a term, "phrase", @synonym or a (… OR …) group of them after ${written}`,
          `but found NOT: ${written.split('/')[0]} cannot take NOT. For ${near} without ${absent} nearby, write ${near} AND NOT (${near} ${written} ${absent})`,
        );
      }
      const right = this.parsePrimary();
      this.requirePositional(right, following.position, `on each side of ${written}`);
      const near: NearNode = { kind: 'near', reach: operator.reach, ordered: operator.ordered, left, right, position: operator.position };
      left = near;
    }
    this.depth = depth;
    return left;
  }

  /** NEAR, BEFORE and MENTIONS look at word positions, so what they take must be words: terms, synonyms, or OR-groups of them. */
  private requirePositional(node: QueryNode, position: number, where: string): void {
    if (!isPositional(node)) {
      this.fail(position, `a term, "phrase", @synonym or a (… OR …) group of them ${where}`, 'but found AND or NOT');
    }
  }

  private parsePrimary(): QueryNode {
    const lexeme = this.next();
    switch (lexeme.type) {
      case 'term':
        return lexeme.term;
      case 'synonym':
        return { kind: 'synonym', name: lexeme.name, position: lexeme.position };
      case 'mentions': {
        const following = this.peek();
        if (!['term', 'synonym', 'lparen', 'field'].includes(following.type)) {
          this.fail(
            following.position,
            `a term, "phrase", @synonym or "(" after MENTIONS/${lexeme.count}`,
            following.type === 'end' ? '' : `but found ${describe(following)}`,
          );
        }
        this.enter(lexeme.position);
        const child = this.parsePrimary();
        this.requirePositional(child, following.position, `after MENTIONS/${lexeme.count}`);
        this.depth -= 1;
        const mentions: MentionsNode = { kind: 'mentions', count: lexeme.count, child, position: lexeme.position };
        return mentions;
      }
      case 'field': {
        const following = this.peek();
        if (!['term', 'synonym', 'lparen', 'field'].includes(following.type)) {
          this.fail(
            following.position,
            `a term, "phrase", @synonym or "(" after ${lexeme.field}:`,
            following.type === 'end' ? '' : `but found ${describe(following)}`,
          );
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
      return proximityOperator(lexeme);
    case 'mentions':
      return `MENTIONS/${lexeme.count}`;
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
    case 'mentions':
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
