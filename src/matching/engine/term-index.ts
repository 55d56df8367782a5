import type { WordPattern } from '../query-ast.ts';
import { TermTrie } from './term-trie.ts';

/**
 * Registry of word patterns and leaves shared by all topics: one id per distinct word pattern
 * (exact or prefix, case-sensitive or not) and one id per distinct word sequence (a word or a
 * phrase), so matching an item looks each word up once whatever the number of topics.
 */
export class TermIndex {
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
