/**
 * The default analyzer, for English and other languages written in Latin script:
 * - accents are removed and special letters spelled out (latin-fold.ts),
 * - apostrophes inside a word disappear (Da'esh = Da’esh = Daesh), a trailing possessive 's is dropped,
 * - words are runs of letters and digits; a hyphenated compound also yields its joined form
 *   (al-Hol gives "al", "hol" and "alhol"; break-out gives "break", "out" and "breakout"),
 * - case only counts outside ALL-CAPS runs.
 */
import type { Analyzer, Token } from './analyzer.ts';
import { ASCII, foldCase } from './latin-fold.ts';

const HYPHENS = new Set(['-', '‐', '‑', '‒', '–']);
/** Letters and digits, joined across inner apostrophes (Da'esh, Qur’an). */
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’‘ʼʻʿʾ`´′][\p{L}\p{N}\p{M}]+)*/gu;
const APOSTROPHE = /['’‘ʼʻʿʾ`´′]/g;
const POSSESSIVE = /['’‘ʼʻʿʾ`´′][sS]$/;

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
    if (POSSESSIVE.test(value)) {
      value = value.slice(0, -2);
      charEnd -= 2;
    }
    words.push({ text: value.includes("'") || (!ascii && !ASCII.test(value)) ? value.replace(APOSTROPHE, '') : value, charStart, charEnd });
  }
  return words;
}

function isHyphenBetween(text: string, from: number, to: number): boolean {
  return to - from === 1 && HYPHENS.has(text[from] as string);
}

function tokenize(text: string, firstPosition = 0): Token[] {
  // Most articles are plain ASCII: then no word needs folding, and one scan of the text says so.
  const ascii = ASCII.test(text);
  const words = splitWords(text, ascii);
  const tokens: Token[] = [];
  let position = firstPosition;
  let compoundStart = -1;
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index] as Word;
    const raw = ascii ? word.text : foldCase(word.text);
    tokens.push({
      norm: raw.toLowerCase(),
      raw,
      start: position,
      end: position,
      charStart: word.charStart,
      charEnd: word.charEnd,
      joined: false,
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
      });
      compoundStart = -1;
    }
    position += 1;
  }
  return tokens;
}

/** True for words written with a lower-case letter, i.e. not in an ALL-CAPS run. */
function hasLowerCase(text: string): boolean {
  return text !== text.toUpperCase();
}

/**
 * A case-sensitive term only counts where the writer's casing carries meaning: not inside an
 * ALL-CAPS headline or dateline ("WHAT IS NEXT"), recognised by neighbours without lower case.
 */
function isCaseReliable(tokens: readonly Token[], tokenIndex: number): boolean {
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

export const latinAnalyzer: Analyzer = {
  tokenize,
  normalizeWords: (text) => splitWords(text).map((word) => foldCase(word.text).toLowerCase()),
  foldWords: (text) => splitWords(text).map((word) => foldCase(word.text)),
  isCaseReliable,
};
