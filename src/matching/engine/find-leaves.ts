/**
 * From tokens to leaves: each token is looked up once in the tries (all word patterns of all
 * topics), then word sequences (phrases, spellings of compounds) are confirmed word by word from
 * the positions of their first word. Linear in the number of tokens.
 */
import type { Analyzer, Token } from '../analysis/analyzer.ts';
import { flatten } from './flat-lists.ts';
import type { ItemState } from './item-state.ts';
import type { TermIndex } from './term-index.ts';

export class LeafFinder {
  /** Sequences by first word, words by sequence and leaves by sequence, flattened (offsets into one array) for locality. */
  private readonly firstWordOffsets: Int32Array;
  private readonly firstWordSequences: Int32Array;
  private readonly sequenceWordOffsets: Int32Array;
  private readonly sequenceWordIds: Int32Array;
  private readonly sequenceLeafOffsets: Int32Array;
  private readonly sequenceLeafIds: Int32Array;
  private readonly hasCaseWords: boolean;
  /** Scratch space reused between items: tokens by word position; word ids fired per token. */
  private tokenAtPosition = new Int32Array(1024);
  private joinedAtPosition = new Int32Array(1024);
  private firedOffsets = new Int32Array(1024);
  private firedIds = new Int32Array(1024);

  constructor(
    private readonly index: TermIndex,
    private readonly analyzer: Analyzer,
  ) {
    [this.firstWordOffsets, this.firstWordSequences] = flatten(index.sequencesByFirstWord);
    [this.sequenceWordOffsets, this.sequenceWordIds] = flatten(index.sequenceWords);
    [this.sequenceLeafOffsets, this.sequenceLeafIds] = flatten(index.sequenceLeaves);
    this.hasCaseWords = index.caseTrie.size > 0;
  }

  /** Records in `state` every leaf occurrence among the tokens of one field. */
  findLeaves(state: ItemState, field: number, tokens: Token[]): void {
    this.fireWords(tokens);
    const { firedOffsets, firedIds, firstWordOffsets, firstWordSequences, sequenceWordOffsets, sequenceWordIds, sequenceLeafOffsets, sequenceLeafIds } = this;
    let indexed = false;
    for (let tokenIndex = 0; tokenIndex < tokens.length; tokenIndex += 1) {
      const lastFired = firedOffsets[tokenIndex + 1] as number;
      let firedIndex = firedOffsets[tokenIndex] as number;
      if (firedIndex === lastFired) continue;
      const token = tokens[tokenIndex] as Token;
      for (; firedIndex < lastFired; firedIndex += 1) {
        const word = firedIds[firedIndex] as number;
        const lastSequence = firstWordOffsets[word + 1] as number;
        for (let entry = firstWordOffsets[word] as number; entry < lastSequence; entry += 1) {
          const sequence = firstWordSequences[entry] as number;
          const firstWord = sequenceWordOffsets[sequence] as number;
          const lastWord = sequenceWordOffsets[sequence + 1] as number;
          let end = token.end;
          let charEnd = token.charEnd;
          if (lastWord - firstWord > 1) {
            if (!indexed) {
              this.indexPositions(tokens);
              indexed = true;
            }
            let complete = true;
            for (let next = firstWord + 1; next < lastWord && complete; next += 1) {
              const following = this.tokenFiring(end + 1, sequenceWordIds[next] as number);
              if (following < 0) {
                complete = false;
              } else {
                end = (tokens[following] as Token).end;
                charEnd = (tokens[following] as Token).charEnd;
              }
            }
            if (!complete) continue;
          }
          const lastLeaf = sequenceLeafOffsets[sequence + 1] as number;
          for (let leafEntry = sequenceLeafOffsets[sequence] as number; leafEntry < lastLeaf; leafEntry += 1) {
            state.record(sequenceLeafIds[leafEntry] as number, field, token.start, end, token.charStart, charEnd);
          }
        }
      }
    }
  }

  /**
   * The word ids each token fires, into the reused `firedIds` (token i: firedOffsets[i] ..
   * firedOffsets[i + 1]), copied from the tries' flat answers: no array per token or per trie node.
   */
  private fireWords(tokens: Token[]): void {
    const { trie, caseTrie } = this.index;
    const offsets = trie.offsets;
    const ids = trie.ids;
    if (this.firedOffsets.length <= tokens.length) this.firedOffsets = new Int32Array(tokens.length * 2 + 1);
    const firedOffsets = this.firedOffsets;
    const caseReliable = this.hasCaseWords ? this.analyzer.caseReliability(tokens) : null;
    let count = 0;
    for (let tokenIndex = 0; tokenIndex < tokens.length; tokenIndex += 1) {
      firedOffsets[tokenIndex] = count;
      const token = tokens[tokenIndex] as Token;
      const key = trie.lookupKey(token.norm);
      const last = offsets[key + 1] as number;
      for (let entry = offsets[key] as number; entry < last; entry += 1) count = this.pushFired(count, ids[entry] as number);
      if (caseReliable !== null && caseReliable[tokenIndex] === 1) {
        const casedKey = caseTrie.lookupKey(token.raw);
        const casedIds = caseTrie.ids;
        const casedLast = caseTrie.offsets[casedKey + 1] as number;
        for (let entry = caseTrie.offsets[casedKey] as number; entry < casedLast; entry += 1) count = this.pushFired(count, casedIds[entry] as number);
      }
    }
    firedOffsets[tokens.length] = count;
  }

  private fires(tokenIndex: number, word: number): boolean {
    const last = this.firedOffsets[tokenIndex + 1] as number;
    for (let entry = this.firedOffsets[tokenIndex] as number; entry < last; entry += 1) if (this.firedIds[entry] === word) return true;
    return false;
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

  /**
   * Which token starts at each word position: the plain word, and the joined compound starting
   * there if any (a position starts at most one compound), for following sequences word by word.
   */
  private indexPositions(tokens: Token[]): void {
    let last = 0;
    for (const token of tokens) if (token.start > last) last = token.start;
    if (this.tokenAtPosition.length <= last + 1) {
      const size = Math.max(last + 2, this.tokenAtPosition.length * 2);
      this.tokenAtPosition = new Int32Array(size);
      this.joinedAtPosition = new Int32Array(size);
    }
    this.tokenAtPosition.fill(-1, 0, last + 2);
    this.joinedAtPosition.fill(-1, 0, last + 2);
    tokens.forEach((token, tokenIndex) => {
      if (token.joined) this.joinedAtPosition[token.start] = tokenIndex;
      else this.tokenAtPosition[token.start] = tokenIndex;
    });
  }

  /** The token at `position` (plain word first, then a compound) that fires `word`, or -1. */
  private tokenFiring(position: number, word: number): number {
    if (position >= this.tokenAtPosition.length) return -1;
    const plain = this.tokenAtPosition[position] as number;
    if (plain >= 0 && this.fires(plain, word)) return plain;
    const joined = this.joinedAtPosition[position] as number;
    if (joined >= 0 && this.fires(joined, word)) return joined;
    return -1;
  }
}
