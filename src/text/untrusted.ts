import { collapseWhitespace } from './whitespace.ts';
/**
 * Text from feeds and pages is written by strangers. Wherever vigil shows it (a mail subject, a
 * digest, a terminal) it must stay in its box: no control characters that a terminal or mail client
 * acts on, no bidi controls that make "exe.pdf" display as "fdp.exe", and no title long enough to
 * swamp a subject line or an inbox.
 */

/**
 * Unicode bidi controls: marks (LRM, RLM, and U+061C, the Arabic letter mark), embeddings and
 * overrides (U+202A–U+202E) and isolates (U+2066–U+2069). Each can reorder how the text around it displays.
 */
const BIDI_CONTROLS = '\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069';

/** C0 controls other than tab, line feed and carriage return (those are whitespace), DEL, C1 controls, bidi controls, BOM. */
const INVISIBLE = new RegExp(`[\\u0000-\\u0008\\u000B\\u000E-\\u001F\\u007F-\\u009F${BIDI_CONTROLS}\\uFEFF]`, 'g');

/** Untrusted text on one line: controls and bidi controls dropped, whitespace runs collapsed. */
export function cleanLine(text: string): string {
  return collapseWhitespace(text.replace(INVISIBLE, ''));
}

/** Titles longer than this are cut (subjects, digests, alerts, command output). */
export const MAX_TITLE_LENGTH = 300;
/** A cut looks back at most this share of the limit for a space, so a text without spaces is still cut near the limit. */
const WORD_BOUNDARY_REACH = 0.25;

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * `text` cut to at most `max` characters on a word boundary, with one "…" at the end; unchanged when it fits.
 * Trailing punctuation and an ellipsis the text already had are dropped before the "…".
 */
export function truncateAtWord(text: string, max = MAX_TITLE_LENGTH): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - 1);
  // Never keep half of a surrogate pair (an emoji, a rare CJK character).
  if (cut > 0 && isLowSurrogate(text.charCodeAt(cut))) cut -= 1;
  let head = text.slice(0, cut);
  if (!/\s/.test(text.charAt(cut))) {
    const lastSpace = head.search(/\s\S*$/);
    if (lastSpace > 0 && lastSpace >= cut * (1 - WORD_BOUNDARY_REACH)) head = head.slice(0, lastSpace);
  }
  head = head.replace(/[\s.,;:!?…·\-–—]+$/u, '');
  return `${head}…`;
}

/**
 * Control characters a terminal would act on (ESC sequences, carriage returns that overwrite a line,
 * C1 controls) and bidi controls, shown as `\u001b`-style escapes instead. Tab and line feed stay.
 * Inside a JSON string the escape means the same character, so JSON output stays valid and equal.
 */
const TERMINAL_UNSAFE = new RegExp(`[\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F${BIDI_CONTROLS}\\u2028\\u2029]`, 'g');

export function terminalSafe(text: string): string {
  return text.replace(TERMINAL_UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
