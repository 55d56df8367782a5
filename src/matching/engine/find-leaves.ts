/**
 * From tokens to leaves: each token is looked up once in the tries (all word patterns of all
 * topics), then phrases are confirmed word by word from the positions of their first word.
 */
import type { Analyzer, Token } from '../analysis/analyzer.ts';
import { flatten } from './flat-lists.ts';
import type { ItemState } from './item-state.ts';
import type { TermIndex } from './term-index.ts';

interface PositionIndex {
  /** Index of the token at `position` that fired `word`, or -1. */
  find(position: number, word: number, fires: (tokenIndex: number, word: number) => boolean): number;
}

export class LeafFinder {
  /** Leaves by first word and words by leaf, flattened (offsets into one array) for locality. */
  private readonly firstWordOffsets: Int32Array;
  private readonly firstWordLeaves: Int32Array;
  private readonly leafWordOffsets: Int32Array;
  private readonly leafWordIds: Int32Array;
  private readonly hasCaseWords: boolean;
  /** Scratch space reused between items: tokens by word position; word ids fired per token. */
  private tokenAtPosition = new Int32Array(1024);
  private firedOffsets = new Int32Array(1024);
  private firedIds = new Int32Array(1024);

  constructor(
    private readonly index: TermIndex,
    private readonly analyzer: Analyzer,
  ) {
    [this.firstWordOffsets, this.firstWordLeaves] = flatten(index.leavesByFirstWord);
    [this.leafWordOffsets, this.leafWordIds] = flatten(index.leafWords);
    this.hasCaseWords = index.caseTrie.size > 0;
  }

  /** Records in `state` every leaf occurrence among the tokens of one field. */
  findLeaves(state: ItemState, field: number, tokens: Token[]): void {
    const fired = this.firedWords(tokens);
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
  private firedWords(tokens: Token[]): (tokenIndex: number, word: number) => boolean {
    const { trie, caseTrie } = this.index;
    const offsets = trie.offsets;
    const ids = trie.ids;
    if (this.firedOffsets.length <= tokens.length) this.firedOffsets = new Int32Array(tokens.length * 2 + 1);
    const firedOffsets = this.firedOffsets;
    const { hasCaseWords, analyzer } = this;
    let count = 0;
    for (let tokenIndex = 0; tokenIndex < tokens.length; tokenIndex += 1) {
      firedOffsets[tokenIndex] = count;
      const token = tokens[tokenIndex] as Token;
      const key = trie.lookupKey(token.norm);
      const last = offsets[key + 1] as number;
      for (let entry = offsets[key] as number; entry < last; entry += 1) count = this.pushFired(count, ids[entry] as number);
      if (hasCaseWords && analyzer.isCaseReliable(tokens, tokenIndex)) {
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
}
