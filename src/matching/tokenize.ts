/**
 * Tokenising and folding shared by queries and articles, so a query word and the article word it
 * should match always go through the same rules:
 * - accents are removed (Raqqa = Raqqah only via synonyms, but Sinaʿa = Sina'a = Sinaa),
 * - apostrophes inside a word disappear (Da'esh = Da’esh = Daesh), a trailing possessive 's is dropped,
 * - words are runs of letters and digits; a hyphenated compound also yields its joined form
 *   (al-Hol gives "al", "hol" and "alhol"; break-out gives "break", "out" and "breakout").
 */

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
  /** A joined hyphen compound, in addition to its parts. */
  joined: boolean;
}

const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

const HYPHENS = new Set(['-', '‐', '‑', '‒', '–']);
const COMBINING_MARK = /\p{M}/u;
/** Letters and digits, joined across inner apostrophes (Da'esh, Qur’an). */
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’‘ʼʻʿʾ`´′][\p{L}\p{N}\p{M}]+)*/gu;
const APOSTROPHE = /['’‘ʼʻʿʾ`´′]/g;
const POSSESSIVE = /['’‘ʼʻʿʾ`´′][sS]$/;
const ASCII = /^[\x00-\x7f]*$/;

/** Removes accents and maps letters that have no decomposition; keeps case. */
export function foldCase(text: string): string {
  if (ASCII.test(text)) return text;
  let out = '';
  for (const char of text.normalize('NFKD')) {
    if (char.charCodeAt(0) < 128) {
      out += char;
      continue;
    }
    if (COMBINING_MARK.test(char)) continue;
    out += SPECIAL_LETTERS[char] ?? char;
  }
  return out;
}

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

/** Tokens of one text; positions start at `firstPosition` so several fields never look adjacent. */
export function tokenize(text: string, firstPosition = 0): Token[] {
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

/** The folded, lower-case words of a query word or phrase (without joined forms). */
export function normalizeWords(text: string): string[] {
  return splitWords(text).map((word) => foldCase(word.text).toLowerCase());
}

/** Like normalizeWords but keeping case, for case-sensitive terms. */
export function foldWords(text: string): string[] {
  return splitWords(text).map((word) => foldCase(word.text));
}

/** True for words written with a lower-case letter, i.e. not in an ALL-CAPS run. */
export function hasLowerCase(text: string): boolean {
  return text !== text.toUpperCase();
}
