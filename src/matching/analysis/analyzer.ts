/**
 * The language-specific half of matching: how a text becomes words, how words fold (accents,
 * apostrophes, special letters), how compounds are written, and where letter case carries meaning.
 * The engine only sees tokens and folded query words, so supporting a language is writing an
 * analyzer, not changing the engine. Queries and item texts must go through the same analyzer, so a
 * query word and the text word it should match always fold alike.
 */

/** One word of an item's text. */
export interface Token {
  /** Folded, lower-case form used for case-insensitive matching. */
  norm: string;
  /** Folded form with the original case, for case-sensitive terms. */
  raw: string;
  /** Word positions covered (a joined compound covers all its parts). */
  start: number;
  end: number;
  /** Character offsets in the original text. */
  charStart: number;
  charEnd: number;
  /** A joined compound (al-Hol → alhol), in addition to its parts. */
  joined: boolean;
  /** Sentence and paragraph of the text the token is in, counted from 0. */
  sentence: number;
  paragraph: number;
}

/** The folded words of one query word (`al-Hol`), and the other way its compound is written (`alhol`), if any. */
export interface QueryWordForms {
  words: string[];
  otherSpelling: string[] | null;
}

export interface Analyzer {
  /**
   * Tokens of one text, with the sentence and paragraph each is in; positions start at
   * `firstPosition` so several fields never look adjacent.
   */
  tokenize(text: string, firstPosition?: number): Token[];
  /**
   * The words of one whitespace-free piece of a query, folded like text words (lower-cased unless
   * `caseSensitive`), with the other spelling of a compound: `al-Hol` is also `alHol`, `alHol` also `al Hol`.
   */
  queryWords(text: string, caseSensitive: boolean): QueryWordForms;
  /**
   * Per token, 1 where a case-sensitive term may fire: not where case says nothing, such as inside
   * an ALL-CAPS headline. Linear in the number of tokens.
   */
  caseReliability(tokens: readonly Token[]): Uint8Array;
}
