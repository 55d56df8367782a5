/**
 * Compiles every topic into one shared term index, so matching an article tokenises it once, looks
 * each distinct word up once, and then evaluates only the topics whose terms fired.
 *
 * Layers, from text to topics:
 *   words   – one id per distinct word pattern over all topics (exact in a hash map; prefixes in a
 *             map keyed by prefix, probed once per distinct prefix length);
 *   leaves  – one id per distinct word sequence (a word or a phrase), found from the positions of
 *             their first word;
 *   topics  – a boolean tree over leaves (with field masks and NEAR), evaluated only when one of
 *             its leaves fired (or when it can match with no term at all, such as `NOT x`).
 */
import type { TopicConfig } from '../config/schema.ts';
import type { QueryNode, WordPattern } from './query-ast.ts';
import { QueryError, type QueryField } from './query-error.ts';
import { parseQuery } from './parse.ts';
import { TermTrie } from './term-trie.ts';
import { hasLowerCase, tokenize, type Token } from './tokenize.ts';
import type { MatchField, MatchHit, MatchInput, TopicMatch } from './types.ts';

export const FIELD_ORDER: readonly MatchField[] = ['title', 'summary', 'body'];
/** Score of one hit by field: a term in the headline says more about the item than one in the body. */
export const FIELD_WEIGHTS: Readonly<Record<MatchField, number>> = { title: 3, summary: 2, body: 1 };
/** Repeats of one term in one field stop adding to the score after this many. */
export const MAX_HITS_PER_TERM_AND_FIELD = 3;
const SNIPPET_LENGTH = 120;
const ALL_FIELDS = 0b111;
/** Required groups tracked per topic (bits of an int). */
const MAX_REQUIRED_GROUPS = 30;

export interface TopicMatcher {
  /** Topics that matched, best score first. */
  match(input: MatchInput): TopicMatch[];
  readonly topicIds: string[];
}

type Tree =
  | { kind: 'leaf'; leaf: number; mask: number; source: string }
  | { kind: 'and' | 'or'; children: Tree[]; label?: string }
  | { kind: 'not'; child: Tree }
  | { kind: 'near'; distance: number; left: Tree; right: Tree };

interface CompiledTopic {
  id: string;
  query: Tree;
  exclude: Tree | null;
  minScore: number;
}

/** Where a leaf (word or phrase) occurs in the item being matched. */
interface Occurrence {
  field: number;
  start: number;
  end: number;
  charStart: number;
  charEnd: number;
}

interface Span {
  field: number;
  start: number;
  end: number;
  parts: PartHit[];
}

/** An occurrence with the query term (as written) that it satisfied. */
interface PartHit {
  occurrence: Occurrence;
  source: string;
}

interface PositionIndex {
  /** Index of the token at `position` that fired `word`, or -1. */
  find(position: number, word: number, fires: (tokenIndex: number, word: number) => boolean): number;
}

/** Registry of word patterns and leaves shared by all topics. */
class TermIndex {
  readonly exact = new Map<string, number>();
  readonly prefixes = new Map<string, number>();
  readonly caseExact = new Map<string, number>();
  readonly casePrefixes = new Map<string, number>();
  readonly trie = new TermTrie();
  readonly caseTrie = new TermTrie();
  wordCount = 0;
  readonly leafKeys = new Map<string, number>();
  readonly leafWords: number[][] = [];
  /** Leaves by their first word id. */
  readonly leavesByFirstWord: number[][] = [];

  word(pattern: WordPattern): number {
    const map = pattern.caseSensitive
      ? pattern.prefix
        ? this.casePrefixes
        : this.caseExact
      : pattern.prefix
        ? this.prefixes
        : this.exact;
    const known = map.get(pattern.text);
    if (known !== undefined) return known;
    const id = this.wordCount;
    this.wordCount += 1;
    map.set(pattern.text, id);
    this.leavesByFirstWord.push([]);
    (pattern.caseSensitive ? this.caseTrie : this.trie).add(pattern.text, id, pattern.prefix);
    return id;
  }

  leaf(patterns: WordPattern[]): number {
    const words = patterns.map((pattern) => this.word(pattern));
    const key = words.join(',');
    const known = this.leafKeys.get(key);
    if (known !== undefined) return known;
    const id = this.leafWords.length;
    this.leafKeys.set(key, id);
    this.leafWords.push(words);
    (this.leavesByFirstWord[words[0] as number] as number[]).push(id);
    return id;
  }
}

function fieldBit(field: MatchField): number {
  return 1 << FIELD_ORDER.indexOf(field);
}

interface CompileContext {
  index: TermIndex;
  synonyms: SynonymTable;
  topicId: string;
  field: QueryField;
}

function compileNode(node: QueryNode, mask: number, context: CompileContext, expanding: string[]): Tree {
  switch (node.kind) {
    case 'term':
      return { kind: 'leaf', leaf: context.index.leaf(node.words), mask, source: node.source };
    case 'synonym': {
      const list = context.synonyms.get(node.name);
      if (!list) {
        const known = [...context.synonyms.keys()];
        throw new QueryError({
          topicId: context.topicId,
          field: context.field,
          position: node.position,
          expected: 'a synonym list defined under "synonyms:"',
          detail: `but "@${node.name}" is not defined (known: ${known.length ? known.map((name) => `@${name}`).join(', ') : 'none'})`,
        });
      }
      if ('problem' in list) {
        throw new QueryError({
          topicId: context.topicId,
          field: context.field,
          position: node.position,
          expected: `a valid synonym list`,
          detail: `but in synonyms "${node.name}" ${list.problem}`,
        });
      }
      if (expanding.includes(node.name)) {
        throw new QueryError({
          topicId: context.topicId,
          field: context.field,
          position: node.position,
          expected: 'synonym lists that do not refer to themselves',
          detail: `but ${[...expanding, node.name].map((name) => `@${name}`).join(' → ')} loops`,
        });
      }
      const children = list.entries.map((entry) => {
        const compiled = compileNode(entry, mask, context, [...expanding, node.name]);
        return relabel(compiled, node.name);
      });
      return { kind: 'or', children, label: `@${node.name}` };
    }
    case 'and':
    case 'or':
      return { kind: node.kind, children: node.children.map((child) => compileNode(child, mask, context, expanding)) };
    case 'not':
      return { kind: 'not', child: compileNode(node.child, mask, context, expanding) };
    case 'near':
      return {
        kind: 'near',
        distance: node.distance,
        left: compileNode(node.left, mask, context, expanding),
        right: compileNode(node.right, mask, context, expanding),
      };
    case 'field': {
      const scoped = mask & fieldBit(node.field);
      if (scoped === 0) {
        throw new QueryError({
          topicId: context.topicId,
          field: context.field,
          position: node.position,
          expected: 'one field scope per term',
          detail: `but ${node.field}: is nested inside another field scope, so it could never match`,
        });
      }
      return compileNode(node.child, scoped, context, expanding);
    }
  }
}

/** Leaves from a synonym list say so in explanations: `@islamic-state: Daesh`. */
function relabel(tree: Tree, name: string): Tree {
  switch (tree.kind) {
    case 'leaf':
      return tree.source.startsWith('@') ? tree : { ...tree, source: `@${name}: ${tree.source}` };
    case 'and':
    case 'or':
      return { ...tree, children: tree.children.map((child) => relabel(child, name)) };
    case 'not':
      return { ...tree, child: relabel(tree.child, name) };
    case 'near':
      return { ...tree, left: relabel(tree.left, name), right: relabel(tree.right, name) };
  }
}

type SynonymTable = Map<string, { entries: QueryNode[] } | { problem: string }>;

/**
 * Parses each synonym entry as one query term: several words make a phrase, and `=` (case-sensitive),
 * `*` (prefix) and `@other-list` work as in queries. Problems surface where a topic uses the list.
 */
function parseSynonyms(synonyms: Record<string, string[]>): SynonymTable {
  const table: SynonymTable = new Map();
  for (const [name, entries] of Object.entries(synonyms)) {
    try {
      table.set(name, { entries: entries.map((entry) => parseQuery(asTerm(entry))) });
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
      const entry = entries.find((candidate) => {
        try {
          parseQuery(asTerm(candidate));
          return false;
        } catch {
          return true;
        }
      });
      table.set(name, { problem: `entry ${JSON.stringify(entry)} is not a term: expected ${error.expected}` });
    }
  }
  return table;
}

function asTerm(entry: string): string {
  const written = entry.trim();
  if (!/\s/.test(written) || /^=?"/.test(written)) return written;
  const caseSensitive = written.startsWith('=');
  const words = caseSensitive ? written.slice(1) : written;
  return `${caseSensitive ? '=' : ''}"${words.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/**
 * Per-item state: which leaves fired where. Reused between items; occurrences live in flat typed
 * arrays chained per leaf, so recording one allocates nothing.
 */
class ItemState {
  readonly leafFieldMask: Uint8Array;
  /** First occurrence of each leaf (-1: none), then `next` links. */
  readonly leafHead: Int32Array;
  readonly touchedLeaves: number[] = [];
  /** Per topic, the bits of its required groups that fired. */
  readonly groupsFired: Int32Array;
  readonly touchedTopics: number[] = [];
  readonly candidates: number[] = [];
  texts: string[] = [];
  private capacity = 256;
  count = 0;
  field = new Uint8Array(this.capacity);
  start = new Int32Array(this.capacity);
  end = new Int32Array(this.capacity);
  charStart = new Int32Array(this.capacity);
  charEnd = new Int32Array(this.capacity);
  next = new Int32Array(this.capacity);

  constructor(leafCount: number, topicCount: number) {
    this.leafFieldMask = new Uint8Array(leafCount);
    this.leafHead = new Int32Array(leafCount).fill(-1);
    this.groupsFired = new Int32Array(topicCount);
  }

  record(leaf: number, field: number, start: number, end: number, charStart: number, charEnd: number): void {
    if (this.count === this.capacity) this.grow();
    const slot = this.count;
    this.count += 1;
    this.field[slot] = field;
    this.start[slot] = start;
    this.end[slot] = end;
    this.charStart[slot] = charStart;
    this.charEnd[slot] = charEnd;
    this.next[slot] = this.leafHead[leaf] as number;
    this.leafHead[leaf] = slot;
    if (this.leafFieldMask[leaf] === 0) this.touchedLeaves.push(leaf);
    this.leafFieldMask[leaf] = (this.leafFieldMask[leaf] as number) | (1 << field);
  }

  /** Occurrences of a leaf in the given fields, in text order. */
  occurrences(leaf: number, mask: number): Occurrence[] {
    const out: Occurrence[] = [];
    for (let slot = this.leafHead[leaf] as number; slot >= 0; slot = this.next[slot] as number) {
      const field = this.field[slot] as number;
      if ((mask & (1 << field)) === 0) continue;
      out.push({ field, start: this.start[slot] as number, end: this.end[slot] as number, charStart: this.charStart[slot] as number, charEnd: this.charEnd[slot] as number });
    }
    return out.reverse();
  }

  reset(): void {
    for (const leaf of this.touchedLeaves) {
      this.leafFieldMask[leaf] = 0;
      this.leafHead[leaf] = -1;
    }
    this.touchedLeaves.length = 0;
    this.count = 0;
    for (const topic of this.touchedTopics) this.groupsFired[topic] = 0;
    this.touchedTopics.length = 0;
    this.candidates.length = 0;
  }

  private grow(): void {
    this.capacity *= 2;
    const grown = <T extends Uint8Array | Int32Array>(array: T, make: (size: number) => T): T => {
      const bigger = make(this.capacity);
      bigger.set(array);
      return bigger;
    };
    this.field = grown(this.field, (size) => new Uint8Array(size));
    this.start = grown(this.start, (size) => new Int32Array(size));
    this.end = grown(this.end, (size) => new Int32Array(size));
    this.charStart = grown(this.charStart, (size) => new Int32Array(size));
    this.charEnd = grown(this.charEnd, (size) => new Int32Array(size));
    this.next = grown(this.next, (size) => new Int32Array(size));
  }
}

class CompiledMatcher implements TopicMatcher {
  readonly topicIds: string[];
  /** Per leaf, the (topic, required group) pairs it satisfies, as topic * MAX_REQUIRED_GROUPS + group. */
  private readonly triggerOffsets: Int32Array;
  private readonly triggers: Int32Array;
  /** Per topic, the bits of all its required groups: it is evaluated once all of them fired. */
  private readonly requiredGroupMasks: Int32Array;
  private readonly alwaysEvaluated: number[];
  private readonly state: ItemState;
  /** Leaves by first word and words by leaf, flattened (offsets into one array) for locality. */
  private readonly firstWordOffsets: Int32Array;
  private readonly firstWordLeaves: Int32Array;
  private readonly leafWordOffsets: Int32Array;
  private readonly leafWordIds: Int32Array;
  /** Scratch space reused between items: tokens by word position; word ids fired per token. */
  private tokenAtPosition = new Int32Array(1024);
  private firedOffsets = new Int32Array(1024);
  private firedIds = new Int32Array(1024);

  constructor(
    private readonly index: TermIndex,
    private readonly topics: CompiledTopic[],
  ) {
    this.topicIds = topics.map((topic) => topic.id);
    const triggersByLeaf: number[][] = index.leafWords.map(() => []);
    this.alwaysEvaluated = [];
    this.requiredGroupMasks = new Int32Array(topics.length);
    topics.forEach((topic, topicIndex) => {
      const groups = holdsWithoutTerms(topic.query) ? [] : requiredGroups(topic.query);
      if (groups.length === 0) {
        this.alwaysEvaluated.push(topicIndex);
        return;
      }
      // Keep the most selective groups: any subset of them is still a necessary condition.
      const kept = groups.sort((a, b) => a.size - b.size).slice(0, MAX_REQUIRED_GROUPS);
      kept.forEach((group, bit) => {
        for (const leaf of group) (triggersByLeaf[leaf] as number[]).push(topicIndex * MAX_REQUIRED_GROUPS + bit);
      });
      this.requiredGroupMasks[topicIndex] = (1 << kept.length) - 1;
    });
    [this.triggerOffsets, this.triggers] = flatten(triggersByLeaf);
    this.state = new ItemState(index.leafWords.length, topics.length);
    [this.firstWordOffsets, this.firstWordLeaves] = flatten(index.leavesByFirstWord);
    [this.leafWordOffsets, this.leafWordIds] = flatten(index.leafWords);
  }

  match(input: MatchInput): TopicMatch[] {
    const state = this.state;
    state.reset();
    state.texts = [input.title ?? '', input.summary ?? '', input.body ?? ''];
    const hasCaseWords = this.index.caseTrie.size > 0;
    for (let field = 0; field < 3; field += 1) {
      this.findLeaves(field, tokenize(state.texts[field] as string), hasCaseWords);
    }
    const { triggerOffsets, triggers, requiredGroupMasks } = this;
    const groupsFired = state.groupsFired;
    for (const leaf of state.touchedLeaves) {
      const last = triggerOffsets[leaf + 1] as number;
      for (let entry = triggerOffsets[leaf] as number; entry < last; entry += 1) {
        const trigger = triggers[entry] as number;
        const topic = (trigger / MAX_REQUIRED_GROUPS) | 0;
        const before = groupsFired[topic] as number;
        if (before === 0) state.touchedTopics.push(topic);
        const after = before | (1 << (trigger - topic * MAX_REQUIRED_GROUPS));
        groupsFired[topic] = after;
        if (after !== before && after === requiredGroupMasks[topic]) state.candidates.push(topic);
      }
    }
    for (const topic of this.alwaysEvaluated) state.candidates.push(topic);
    const results: TopicMatch[] = [];
    for (const topicIndex of state.candidates) {
      const topic = this.topics[topicIndex] as CompiledTopic;
      if (!this.holds(topic.query)) continue;
      if (topic.exclude && this.holds(topic.exclude)) continue;
      const result = this.explain(topic);
      if (result.score >= topic.minScore) results.push(result);
    }
    results.sort((a, b) => b.score - a.score || a.topicId.localeCompare(b.topicId));
    return results;
  }

  /** Looks each token up once, then confirms phrases from the positions of their first word. */
  private findLeaves(field: number, tokens: Token[], hasCaseWords: boolean): void {
    const { state } = this;
    const fired = this.firedWords(tokens, hasCaseWords);
    const { firedOffsets, firedIds } = this;
    let positions: PositionIndex | null = null;
    const { firstWordOffsets, firstWordLeaves, leafWordOffsets } = this;
    for (let tokenIndex = 0; tokenIndex < tokens.length; tokenIndex += 1) {
      const lastFired = firedOffsets[tokenIndex + 1] as number;
      let firedIndex = firedOffsets[tokenIndex] as number;
      if (firedIndex === lastFired) continue;
      const token = tokens[tokenIndex] as Token;
      for (; firedIndex < lastFired; firedIndex += 1) {
        const word = firedIds[firedIndex] as number;
        const lastLeaf = firstWordOffsets[word + 1] as number;
        for (let entry = firstWordOffsets[word] as number; entry < lastLeaf; entry += 1) {
          const leaf = firstWordLeaves[entry] as number;
          const firstWord = leafWordOffsets[leaf] as number;
          const lastWord = leafWordOffsets[leaf + 1] as number;
          let end = token.end;
          let charEnd = token.charEnd;
          if (lastWord - firstWord > 1) {
            positions ??= this.positionIndex(tokens);
            let complete = true;
            for (let next = firstWord + 1; next < lastWord && complete; next += 1) {
              const following = positions.find(end + 1, this.leafWordIds[next] as number, fired);
              if (following < 0) {
                complete = false;
              } else {
                end = (tokens[following] as Token).end;
                charEnd = (tokens[following] as Token).charEnd;
              }
            }
            if (!complete) continue;
          }
          state.record(leaf, field, token.start, end, token.charStart, charEnd);
        }
      }
    }
  }

  /**
   * The word ids each token fires, into the reused `firedIds` (token i: firedOffsets[i] ..
   * firedOffsets[i + 1]), copied from the tries' flat answers: no array per token or per trie node.
   */
  private firedWords(tokens: Token[], hasCaseWords: boolean): (tokenIndex: number, word: number) => boolean {
    const { trie, caseTrie } = this.index;
    const offsets = trie.offsets;
    const ids = trie.ids;
    if (this.firedOffsets.length <= tokens.length) this.firedOffsets = new Int32Array(tokens.length * 2 + 1);
    const firedOffsets = this.firedOffsets;
    let count = 0;
    for (let tokenIndex = 0; tokenIndex < tokens.length; tokenIndex += 1) {
      firedOffsets[tokenIndex] = count;
      const token = tokens[tokenIndex] as Token;
      const key = trie.lookupKey(token.norm);
      const last = offsets[key + 1] as number;
      for (let entry = offsets[key] as number; entry < last; entry += 1) count = this.pushFired(count, ids[entry] as number);
      if (hasCaseWords && isCaseReliable(tokens, tokenIndex)) {
        const casedKey = caseTrie.lookupKey(token.raw);
        const casedIds = caseTrie.ids;
        const casedLast = caseTrie.offsets[casedKey + 1] as number;
        for (let entry = caseTrie.offsets[casedKey] as number; entry < casedLast; entry += 1) count = this.pushFired(count, casedIds[entry] as number);
      }
    }
    firedOffsets[tokens.length] = count;
    return (tokenIndex, word) => {
      const last = this.firedOffsets[tokenIndex + 1] as number;
      for (let entry = this.firedOffsets[tokenIndex] as number; entry < last; entry += 1) if (this.firedIds[entry] === word) return true;
      return false;
    };
  }

  private pushFired(count: number, word: number): number {
    if (count === this.firedIds.length) {
      const grown = new Int32Array(this.firedIds.length * 2);
      grown.set(this.firedIds);
      this.firedIds = grown;
    }
    this.firedIds[count] = word;
    return count + 1;
  }

  /** Which token starts at each word position, for following phrases word by word. */
  private positionIndex(tokens: Token[]): PositionIndex {
    let last = 0;
    for (const token of tokens) if (token.start > last) last = token.start;
    if (this.tokenAtPosition.length <= last) this.tokenAtPosition = new Int32Array(Math.max(last + 1, this.tokenAtPosition.length * 2));
    const tokenAt = this.tokenAtPosition;
    tokenAt.fill(-1, 0, last + 1);
    const joined: number[] = [];
    tokens.forEach((token, tokenIndex) => {
      if (token.joined) joined.push(tokenIndex);
      else tokenAt[token.start] = tokenIndex;
    });
    return {
      find(position, word, fires) {
        if (position > last) return -1;
        const plain = tokenAt[position] as number;
        if (plain >= 0 && fires(plain, word)) return plain;
        for (const tokenIndex of joined) {
          if ((tokens[tokenIndex] as Token).start === position && fires(tokenIndex, word)) return tokenIndex;
        }
        return -1;
      },
    };
  }

  private holds(tree: Tree): boolean {
    switch (tree.kind) {
      case 'leaf':
        return ((this.state.leafFieldMask[tree.leaf] as number) & tree.mask) !== 0;
      case 'and':
        for (const child of tree.children) if (!this.holds(child)) return false;
        return true;
      case 'or':
        for (const child of tree.children) if (this.holds(child)) return true;
        return false;
      case 'not':
        return !this.holds(tree.child);
      case 'near':
        // Cheap boolean check first: positions are only compared when both sides occur at all.
        return this.holds(tree.left) && this.holds(tree.right) && this.spans(tree).length > 0;
    }
  }

  /** Occurrences of a positional subtree (terms, OR of terms, NEAR), restricted to its field mask. */
  private spans(tree: Tree): Span[] {
    switch (tree.kind) {
      case 'leaf': {
        if (((this.state.leafFieldMask[tree.leaf] as number) & tree.mask) === 0) return [];
        const out: Span[] = [];
        for (const occurrence of this.state.occurrences(tree.leaf, tree.mask)) {
          out.push({ field: occurrence.field, start: occurrence.start, end: occurrence.end, parts: [{ occurrence, source: tree.source }] });
        }
        return out;
      }
      case 'or':
        return tree.children.flatMap((child) => this.spans(child));
      case 'near': {
        const left = this.spans(tree.left);
        if (left.length === 0) return [];
        const right = this.spans(tree.right);
        const out: Span[] = [];
        for (const a of left) {
          for (const b of right) {
            if (a.field !== b.field) continue;
            const gap = a.start <= b.start ? b.start - a.end : a.start - b.end;
            if (gap > tree.distance) continue;
            out.push({ field: a.field, start: Math.min(a.start, b.start), end: Math.max(a.end, b.end), parts: [...a.parts, ...b.parts] });
          }
        }
        return out;
      }
      default:
        return [];
    }
  }

  /** Hits of the parts of the tree that made it true (a failed OR branch or a NOT adds nothing). */
  private collectHits(tree: Tree, out: PartHit[]): void {
    switch (tree.kind) {
      case 'leaf':
        for (const occurrence of this.state.occurrences(tree.leaf, tree.mask)) out.push({ occurrence, source: tree.source });
        break;
      case 'and':
      case 'or':
        for (const child of tree.children) if (this.holds(child)) this.collectHits(child, out);
        break;
      case 'near':
        for (const span of this.spans(tree)) out.push(...span.parts);
        break;
      case 'not':
        break;
    }
  }

  private explain(topic: CompiledTopic): TopicMatch {
    // The hits of the whole query are those of its top-level parts that held: collect them once.
    const tree = topic.query;
    const parts = tree.kind === 'and' ? tree.children : tree.kind === 'or' ? tree.children.filter((child) => this.holds(child)) : [tree];
    const partHits: PartHit[][] = [];
    const raw: PartHit[] = [];
    for (const part of parts) {
      const out: PartHit[] = [];
      this.collectHits(part, out);
      partHits.push(out);
      for (const hit of out) raw.push(hit);
    }
    raw.sort((a, b) => a.occurrence.field - b.occurrence.field || a.occurrence.charStart - b.occurrence.charStart);
    const texts = this.state.texts;
    // Places as numbers (field, start, end) and per-term counts packed 2 bits a field: no string keys.
    const span = Math.max((texts[0] as string).length, (texts[1] as string).length, (texts[2] as string).length) + 1;
    const seen = new Set<number>();
    const perTerm = new Map<string, number>();
    const hits: MatchHit[] = [];
    const terms: string[] = [];
    let score = 0;
    for (const { occurrence, source } of raw) {
      const { field: fieldIndex, charStart, charEnd } = occurrence;
      const placeKey = (charStart * 3 + fieldIndex) * span + charEnd;
      if (seen.has(placeKey)) continue;
      seen.add(placeKey);
      const counts = perTerm.get(source) ?? 0;
      const count = (counts >> (fieldIndex * 2)) & 3;
      if (count >= MAX_HITS_PER_TERM_AND_FIELD) continue;
      perTerm.set(source, counts + (1 << (fieldIndex * 2)));
      const field = FIELD_ORDER[fieldIndex] as MatchField;
      const text = texts[fieldIndex] as string;
      score += FIELD_WEIGHTS[field];
      const matched = text.slice(charStart, charEnd);
      if (!terms.includes(matched)) terms.push(matched);
      hits.push({ field, term: source, text: matched, snippet: snippet(text, charStart, charEnd) });
    }
    return { topicId: topic.id, score, terms, hits, clauses: this.clauses(parts, partHits) };
  }

  /** The top-level conditions that held, each with the texts that satisfied it. */
  private clauses(parts: Tree[], partHits: PartHit[][]): string[] {
    const texts = this.state.texts;
    return parts.map((part, index) => {
      const byField: string[][] = [[], [], []];
      for (const { occurrence } of partHits[index] ?? []) {
        const seen = byField[occurrence.field] as string[];
        const matched = (texts[occurrence.field] as string).slice(occurrence.charStart, occurrence.charEnd);
        if (!seen.includes(matched)) seen.push(matched);
      }
      let evidence = '';
      byField.forEach((matched, field) => {
        if (matched.length === 0) return;
        evidence += `${evidence ? '; ' : ''}${FIELD_ORDER[field]} ${matched.map((value) => JSON.stringify(value)).join(', ')}`;
      });
      return evidence ? `${this.describe(part)} ← ${evidence}` : this.describe(part);
    });
  }

  /** A tree written back as a query, keeping only the OR branches that held. */
  private describe(tree: Tree): string {
    switch (tree.kind) {
      case 'leaf':
        return maskPrefix(tree.mask) + tree.source;
      case 'and':
        return tree.children.map((child) => this.wrapped(child)).join(' AND ');
      case 'or': {
        if (tree.label) return tree.label;
        const held = tree.children.filter((child) => this.holds(child));
        const shown = held.length > 0 ? held : tree.children;
        return shown.map((child) => this.wrapped(child)).join(' OR ');
      }
      case 'not':
        return `NOT ${this.wrappedAll(tree.child)}`;
      case 'near':
        return `${this.wrappedAll(tree.left)} NEAR/${tree.distance} ${this.wrappedAll(tree.right)}`;
    }
  }

  private wrapped(tree: Tree): string {
    const text = this.describe(tree);
    return isSimple(tree) || tree.kind === 'not' || (tree.kind === 'or' && !text.includes(' OR ')) ? text : `(${text})`;
  }

  /** Inside NOT and NEAR every alternative matters, so all of them are shown. */
  private wrappedAll(tree: Tree): string {
    return wrapAll(tree);
  }
}


/** Lists as offsets + values: list i is values[offsets[i] .. offsets[i + 1]). */
function flatten(lists: number[][]): [Int32Array, Int32Array] {
  const offsets = new Int32Array(lists.length + 1);
  let total = 0;
  lists.forEach((list, index) => {
    offsets[index] = total;
    total += list.length;
  });
  offsets[lists.length] = total;
  const values = new Int32Array(total);
  lists.forEach((list, index) => values.set(list, offsets[index] as number));
  return [offsets, values];
}

function describeAll(tree: Tree): string {
  switch (tree.kind) {
    case 'leaf':
      return maskPrefix(tree.mask) + tree.source;
    case 'and':
    case 'or':
      if (tree.label) return tree.label;
      return tree.children.map((child) => (isSimple(child) ? describeAll(child) : `(${describeAll(child)})`)).join(tree.kind === 'and' ? ' AND ' : ' OR ');
    case 'not':
      return `NOT ${wrapAll(tree.child)}`;
    case 'near':
      return `${wrapAll(tree.left)} NEAR/${tree.distance} ${wrapAll(tree.right)}`;
  }
}

function isSimple(tree: Tree): boolean {
  return tree.kind === 'leaf' || ((tree.kind === 'or' || tree.kind === 'and') && tree.label !== undefined);
}

function wrapAll(tree: Tree): string {
  return isSimple(tree) ? describeAll(tree) : `(${describeAll(tree)})`;
}

function maskPrefix(mask: number): string {
  if (mask === ALL_FIELDS) return '';
  return `${FIELD_ORDER.filter((_, index) => (mask & (1 << index)) !== 0).join('+')}:`;
}

/**
 * Leaves of which at least one must fire for the tree to hold; a topic is only evaluated when one
 * did. For AND the smallest such set among the children is enough. Null when there is none (NOT).
 */
function requiredLeaves(tree: Tree): Set<number> | null {
  switch (tree.kind) {
    case 'leaf':
      return new Set([tree.leaf]);
    case 'near':
      return smallest([requiredLeaves(tree.left), requiredLeaves(tree.right)]);
    case 'and':
      return smallest(tree.children.map(requiredLeaves));
    case 'or': {
      const union = new Set<number>();
      for (const child of tree.children) {
        const required = requiredLeaves(child);
        if (required === null) return null;
        for (const leaf of required) union.add(leaf);
      }
      return union;
    }
    case 'not':
      return null;
  }
}

/**
 * Sets of leaves of which each must have at least one fired leaf for the tree to hold (both sides of
 * a NEAR, every child of an AND). Empty when no term is needed (NOT).
 */
function requiredGroups(tree: Tree): Array<Set<number>> {
  switch (tree.kind) {
    case 'leaf':
      return [new Set([tree.leaf])];
    case 'near':
      return [...requiredGroups(tree.left), ...requiredGroups(tree.right)];
    case 'and':
      return tree.children.flatMap(requiredGroups);
    case 'or': {
      const union = requiredLeaves(tree);
      return union === null ? [] : [union];
    }
    case 'not':
      return [];
  }
}

function smallest(sets: Array<Set<number> | null>): Set<number> | null {
  let best: Set<number> | null = null;
  for (const set of sets) if (set !== null && (best === null || set.size < best.size)) best = set;
  return best;
}

/** Would the tree hold for an item in which no term fired? (e.g. `NOT x`) Such topics are always evaluated. */
function holdsWithoutTerms(tree: Tree): boolean {
  switch (tree.kind) {
    case 'leaf':
    case 'near':
      return false;
    case 'and':
      return tree.children.every(holdsWithoutTerms);
    case 'or':
      return tree.children.some(holdsWithoutTerms);
    case 'not':
      return !holdsWithoutTerms(tree.child);
  }
}

/**
 * A case-sensitive term only counts where the writer's casing carries meaning: not inside an
 * ALL-CAPS headline or dateline ("WHAT IS NEXT"), recognised by neighbours without lower case.
 */
function isCaseReliable(tokens: Token[], tokenIndex: number): boolean {
  const token = tokens[tokenIndex] as Token;
  if (hasLowerCase(token.raw)) return true;
  let neighbours = 0;
  for (const step of [-1, 1]) {
    let cursor = tokenIndex + step;
    while (cursor >= 0 && cursor < tokens.length) {
      const other = tokens[cursor] as Token;
      if (!other.joined && /[A-Za-z]/.test(other.raw)) {
        neighbours += 1;
        if (hasLowerCase(other.raw)) return true;
        break;
      }
      cursor += step;
    }
  }
  return neighbours === 0;
}

const NOT_ONE_LINE = /[^\S ]| {2}/;

/** About SNIPPET_LENGTH characters around a hit, cut at word boundaries, on one line. */
export function snippet(text: string, charStart: number, charEnd: number): string {
  const room = Math.max(0, SNIPPET_LENGTH - (charEnd - charStart));
  let from = Math.max(0, charStart - Math.floor(room / 2));
  let to = Math.min(text.length, charEnd + (room - (charStart - from)));
  from = Math.max(0, Math.min(from, to - SNIPPET_LENGTH));
  if (from > 0) {
    const space = text.indexOf(' ', from);
    if (space >= 0 && space < charStart) from = space + 1;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > charEnd) to = space;
  }
  const cut = text.slice(from, to);
  // Most excerpts are already one line with single spaces: only rewrite those that are not.
  const body = (NOT_ONE_LINE.test(cut) ? cut.replace(/\s+/g, ' ') : cut).trim();
  return `${from > 0 ? '…' : ''}${body}${to < text.length ? '…' : ''}`;
}

/**
 * Compiles all topics into one matcher. Throws QueryError (with topic id, field and position) for
 * a query that does not parse or refers to an unknown synonym list.
 */
export function compileTopics(topics: TopicConfig[], synonyms: Record<string, string[]> = {}): TopicMatcher {
  const index = new TermIndex();
  const table = parseSynonyms(synonyms);
  const compiled = topics.map((topic): CompiledTopic => {
    const compileField = (field: QueryField, text: string): Tree => {
      const context: CompileContext = { index, synonyms: table, topicId: topic.id, field };
      return compileNode(parseQuery(text, { topicId: topic.id, field }), ALL_FIELDS, context, []);
    };
    const exclude = topic.exclude?.trim();
    return {
      id: topic.id,
      query: compileField('query', topic.query),
      exclude: exclude ? compileField('exclude', exclude) : null,
      minScore: topic.minScore ?? 1,
    };
  });
  return new CompiledMatcher(index, compiled);
}
