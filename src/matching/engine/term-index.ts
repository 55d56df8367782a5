import type { WordPattern } from '../query-ast.ts';
import { TermTrie } from './term-trie.ts';

/**
 * Registry of word patterns, word sequences and leaves shared by all topics: one id per distinct
 * word pattern (exact or prefix, case-sensitive or not), one per distinct word sequence, and one per
 * distinct leaf, a term with all its spellings (`al-Hol` is the sequences "al hol" and "alhol").
 * Matching an item looks each word up once whatever the number of topics.
 */
export class TermIndex {
  readonly exact = new Map<string, number>();
  readonly prefixes = new Map<string, number>();
  readonly caseExact = new Map<string, number>();
  readonly casePrefixes = new Map<string, number>();
  readonly trie = new TermTrie();
  readonly caseTrie = new TermTrie();
  wordCount = 0;
  private readonly sequenceKeys = new Map<string, number>();
  /** Word ids of each sequence. */
  readonly sequenceWords: number[][] = [];
  /** Leaves each sequence spells. */
  readonly sequenceLeaves: number[][] = [];
  /** Sequences by their first word id. */
  readonly sequencesByFirstWord: number[][] = [];
  private readonly leafKeys = new Map<string, number>();
  leafCount = 0;

  word(pattern: WordPattern): number {
    const map = pattern.caseSensitive ? (pattern.prefix ? this.casePrefixes : this.caseExact) : pattern.prefix ? this.prefixes : this.exact;
    const known = map.get(pattern.text);
    if (known !== undefined) return known;
    const id = this.wordCount;
    this.wordCount += 1;
    map.set(pattern.text, id);
    this.sequencesByFirstWord.push([]);
    (pattern.caseSensitive ? this.caseTrie : this.trie).add(pattern.text, id, pattern.prefix);
    return id;
  }

  /** The leaf of a term written in any of `spellings` (each a word sequence). */
  leaf(spellings: WordPattern[][]): number {
    const sequences = [...new Set(spellings.map((patterns) => this.sequence(patterns)))].sort((a, b) => a - b);
    const key = sequences.join(',');
    const known = this.leafKeys.get(key);
    if (known !== undefined) return known;
    const id = this.leafCount;
    this.leafCount += 1;
    this.leafKeys.set(key, id);
    for (const sequence of sequences) (this.sequenceLeaves[sequence] as number[]).push(id);
    return id;
  }

  private sequence(patterns: WordPattern[]): number {
    const words = patterns.map((pattern) => this.word(pattern));
    const key = words.join(',');
    const known = this.sequenceKeys.get(key);
    if (known !== undefined) return known;
    const id = this.sequenceWords.length;
    this.sequenceKeys.set(key, id);
    this.sequenceWords.push(words);
    this.sequenceLeaves.push([]);
    (this.sequencesByFirstWord[words[0] as number] as number[]).push(id);
    return id;
  }
}
