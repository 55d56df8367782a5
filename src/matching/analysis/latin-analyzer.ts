/**
 * The default analyzer, for English and other languages written in Latin script (other scripts get
 * its script-independent folding):
 * - accents are removed and special letters spelled out (fold.ts),
 * - apostrophes inside a word disappear (Da'esh = Da’esh = Da`esh = Daesh), a trailing possessive 's is dropped,
 * - words are runs of letters and digits; invisible characters inside a word (soft hyphen,
 *   zero-width space or joiner) do not split it, and a mark with no letter before it (an emoji's
 *   variation selector) is no word;
 * - a hyphenated compound also yields its joined form (al-Hol gives "al", "hol" and "alhol"), and a
 *   query compound also matches its other spellings (al-Hol, alHol, al Hol);
 * - case only counts outside ALL-CAPS runs;
 * - a sentence ends at . ! ? (and their CJK, Arabic and Devanagari forms) before a word that does not
 *   start in lower case, except after an abbreviation or an initial (Gen. Mazloum, U.S. forces) and
 *   inside a number (3.5); a line break ends a paragraph.
 */
import type { Analyzer, QueryWordForms, Token } from './analyzer.ts';
import { ASCII, foldCase } from './fold.ts';

const HYPHENS = new Set(['-', '‐', '‑', '‒', '–']);
const APOSTROPHES = "'’‘ʼʻʿʾ`´′";
/** Invisible characters that may sit inside a word: soft hyphen, zero-width space and (non-)joiners, word joiner, BOM. */
const INVISIBLES = '\\u00ad\\u200b-\\u200d\\u2060\\ufeff';
const WORD_PART = `[\\p{L}\\p{N}][\\p{L}\\p{N}\\p{M}${INVISIBLES}]*`;
/** Letters and digits, joined across inner apostrophes (Da'esh, Qur’an). */
const WORD = new RegExp(`${WORD_PART}(?:[${APOSTROPHES}]${WORD_PART})*`, 'gu');
const REMOVED_IN_WORDS = new RegExp(`[${APOSTROPHES}${INVISIBLES}]`, 'gu');
const TRAILING_INVISIBLES = new RegExp(`[${INVISIBLES}]+$`, 'u');
const POSSESSIVE = new RegExp(`[${APOSTROPHES}][sS]$`);
/** A lower-case letter followed by an upper-case one: the seam of a written-together compound (alHol). */
const CASE_SEAM = /(?<=\p{Ll}{2})(?=\p{Lu}\p{Ll})/u;

interface Word {
  text: string;
  charStart: number;
  charEnd: number;
}

/**
 * Splits into words, joining across inner apostrophes and dropping a possessive 's. `ascii` says the
 * whole text is ASCII (checked once by the caller), so words need no per-word check.
 */
function splitWords(text: string, ascii = ASCII.test(text)): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    let value = match[0];
    const charStart = match.index;
    let charEnd = charStart + value.length;
    if (!ascii && !ASCII.test(value)) {
      const visible = value.replace(TRAILING_INVISIBLES, '');
      charEnd -= value.length - visible.length;
      value = visible;
    }
    if (POSSESSIVE.test(value)) {
      value = value.slice(0, -2);
      charEnd -= 2;
    }
    if (value.includes("'") || value.includes('`') || (!ascii && !ASCII.test(value))) value = value.replace(REMOVED_IN_WORDS, '');
    if (value !== '') words.push({ text: value, charStart, charEnd });
  }
  return words;
}

function isHyphenBetween(text: string, from: number, to: number): boolean {
  return to - from === 1 && HYPHENS.has(text[from] as string);
}

/** Words whose full stop does not end a sentence (titles, ranks, months, "No. 5", "etc."). */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'gen',
  'col',
  'lt',
  'maj',
  'capt',
  'cpt',
  'sgt',
  'cpl',
  'adm',
  'brig',
  'cmdr',
  'st',
  'mt',
  'ft',
  'jr',
  'sr',
  'rev',
  'gov',
  'sen',
  'rep',
  'pres',
  'no',
  'nos',
  'vs',
  'etc',
  'inc',
  'ltd',
  'co',
  'corp',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'approx',
  'dept',
]);
/** ! ? … and the full stops and question marks of CJK, Arabic and Devanagari text. */
const SENTENCE_ENDS = new Set([0x21, 0x3f, 0x2026, 0x3002, 0xff01, 0xff1f, 0x061f, 0x06d4, 0x0964]);
const NO_BREAK = 0;
const SENTENCE_BREAK = 1;
const PARAGRAPH_BREAK = 2;

function isAbbreviation(word: string): boolean {
  return word.length === 1 || ABBREVIATIONS.has(word.toLowerCase());
}

/** What separates two consecutive words: nothing, the end of a sentence, or the end of a paragraph. */
function breakBetween(text: string, previous: Word, next: Word): number {
  // Most words are one space apart.
  if (next.charStart - previous.charEnd === 1 && text.charCodeAt(previous.charEnd) === 0x20) return NO_BREAK;
  let ends = false;
  for (let index = previous.charEnd; index < next.charStart; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 10 || code === 13 || code === 0x2028 || code === 0x2029) return PARAGRAPH_BREAK;
    if (code === 0x2e) {
      if (index === previous.charEnd && isAbbreviation(previous.text)) continue;
      if (next.charStart - previous.charEnd === 1 && /\d$/.test(previous.text) && /^\d/.test(next.text)) continue;
      ends = true;
    } else if (SENTENCE_ENDS.has(code)) {
      ends = true;
    }
  }
  if (!ends) return NO_BREAK;
  const first = next.text.charAt(0);
  return first !== first.toUpperCase() ? NO_BREAK : SENTENCE_BREAK;
}

function tokenize(text: string, firstPosition = 0): Token[] {
  // Most articles are plain ASCII: then no word needs folding, and one scan of the text says so.
  const ascii = ASCII.test(text);
  const words = splitWords(text, ascii);
  const tokens: Token[] = [];
  let position = firstPosition;
  let compoundStart = -1;
  let sentence = 0;
  let paragraph = 0;
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index] as Word;
    if (index > 0) {
      const separation = breakBetween(text, words[index - 1] as Word, word);
      if (separation !== NO_BREAK) sentence += 1;
      if (separation === PARAGRAPH_BREAK) paragraph += 1;
    }
    const raw = ascii ? word.text : foldCase(word.text);
    tokens.push({
      norm: raw.toLowerCase(),
      raw,
      start: position,
      end: position,
      charStart: word.charStart,
      charEnd: word.charEnd,
      joined: false,
      sentence,
      paragraph,
    });
    const next = words[index + 1];
    const linked = next !== undefined && isHyphenBetween(text, word.charEnd, next.charStart);
    if (linked && compoundStart < 0) compoundStart = index;
    if (!linked && compoundStart >= 0) {
      const parts = words.slice(compoundStart, index + 1);
      const joined = parts.map((part) => part.text).join('');
      const joinedRaw = ascii ? joined : foldCase(joined);
      tokens.push({
        norm: joinedRaw.toLowerCase(),
        raw: joinedRaw,
        start: position - (index - compoundStart),
        end: position,
        charStart: (parts[0] as Word).charStart,
        charEnd: word.charEnd,
        joined: true,
        sentence,
        paragraph,
      });
      compoundStart = -1;
    }
    position += 1;
  }
  return tokens;
}

function queryWords(text: string, caseSensitive: boolean): QueryWordForms {
  const fold = caseSensitive ? foldCase : (word: string) => foldCase(word).toLowerCase();
  const split = splitWords(text);
  const words = split.map((word) => fold(word.text));
  // al-Hol: the joined form; the text's joined token matches it where the compound is written as one word.
  const joined: string[] = [];
  let hyphenated = false;
  split.forEach((word, index) => {
    const previous = split[index - 1];
    if (previous !== undefined && isHyphenBetween(text, previous.charEnd, word.charStart)) {
      joined[joined.length - 1] += fold(word.text);
      hyphenated = true;
    } else {
      joined.push(fold(word.text));
    }
  });
  if (hyphenated) return { words, otherSpelling: joined };
  // alHol: the parts, which match "al Hol" and "al-Hol".
  const only = split.length === 1 ? (split[0] as Word).text : '';
  const parts = only.split(CASE_SEAM);
  return { words, otherSpelling: parts.length > 1 ? parts.map(fold) : null };
}

/** Latin letters in a token and whether one is lower case: only words of two letters or more say anything about case. */
function caseSignal(raw: string): { letters: number; lower: boolean } {
  let letters = 0;
  let lower = false;
  for (let index = 0; index < raw.length; index += 1) {
    const code = raw.charCodeAt(index);
    if (code >= 97 && code <= 122) {
      letters += 1;
      lower = true;
    } else if (code >= 65 && code <= 90) {
      letters += 1;
    } else if (code > 127 && !lower && raw[index] !== (raw[index] as string).toUpperCase()) {
      lower = true;
    }
  }
  return { letters, lower };
}

/**
 * A case-sensitive term only counts where the writer's casing carries meaning: not inside an
 * ALL-CAPS headline or dateline ("WHAT IS NEXT"), recognised by the nearest real words on either
 * side having no lower case. Single letters ("IS-K", "A") and joined compounds are not such words.
 */
function caseReliability(tokens: readonly Token[]): Uint8Array {
  const count = tokens.length;
  const reliable = new Uint8Array(count);
  /** Per token: 0 not a word that tells case, 1 upper case only, 2 has lower case. */
  const signal = new Uint8Array(count);
  for (let index = 0; index < count; index += 1) {
    const token = tokens[index] as Token;
    const { letters, lower } = caseSignal(token.raw);
    if (lower) reliable[index] = 1;
    if (!token.joined && letters >= 2) signal[index] = lower ? 2 : 1;
  }
  // Nearest telling word before each token (0 none, 1 upper, 2 lower), then after it.
  const before = new Uint8Array(count);
  let last = 0;
  for (let index = 0; index < count; index += 1) {
    before[index] = last;
    if (signal[index] !== 0) last = signal[index] as number;
  }
  last = 0;
  for (let index = count - 1; index >= 0; index -= 1) {
    if (reliable[index] === 0) {
      const left = before[index] as number;
      reliable[index] = left === 2 || last === 2 || (left === 0 && last === 0) ? 1 : 0;
    }
    if (signal[index] !== 0) last = signal[index] as number;
  }
  return reliable;
}

export const latinAnalyzer: Analyzer = { tokenize, queryWords, caseReliability };
