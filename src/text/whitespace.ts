/**
 * Characters that are invisible and only ever split a word by accident: soft hyphen, zero-width
 * space, word joiner, byte-order mark. Zero-width (non-)joiners stay: they shape Persian, Indic
 * scripts and emoji sequences.
 */
const WORD_SPLITTING_INVISIBLES = /[\u00ad\u200b\u2060\ufeff]/g;
/** JavaScript's \s already covers no-break and Unicode spaces (U+00A0, U+2000–U+200A, U+202F, U+3000…). */
const WHITESPACE_RUN = /\s+/g;
const NEEDS_WORK = /[\u00ad\u200b\u2060\ufeff]|[^\S ]| {2}|^ | $/;

/** Text on one line: invisible word-splitting characters dropped, whitespace runs as single spaces, trimmed. */
export function collapseWhitespace(text: string): string {
  // Most short texts are already clean: one test instead of two rewrites.
  if (!NEEDS_WORK.test(text)) return text;
  return text.replace(WORD_SPLITTING_INVISIBLES, '').replace(WHITESPACE_RUN, ' ').trim();
}
