/**
 * The language-specific half of matching: how a text becomes words, how words fold (accents,
 * apostrophes, special letters), and where letter case carries meaning. The engine only sees tokens
 * and folded query words, so supporting a language is writing an analyzer, not changing the engine.
 * Queries and item texts must go through the same analyzer, so a query word and the text word it
 * should match always fold alike.
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
}

export interface Analyzer {
  /** Tokens of one text; positions start at `firstPosition` so several fields never look adjacent. */
  tokenize(text: string, firstPosition?: number): Token[];
  /** The folded, lower-case words of a query word or phrase (without joined forms). */
  normalizeWords(text: string): string[];
  /** Like normalizeWords but keeping case, for case-sensitive terms. */
  foldWords(text: string): string[];
  /**
   * Whether a case-sensitive term may fire on `tokens[index]`: not where case says nothing, such as
   * inside an ALL-CAPS headline.
   */
  isCaseReliable(tokens: readonly Token[], index: number): boolean;
}
