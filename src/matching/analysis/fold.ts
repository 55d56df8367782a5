/**
 * Folding shared by every script the default analyzer reads: accents are removed (Raqqā = Raqqa,
 * Sinaʿa = Sinaa), letters without a decomposition are spelled out (ß = ss, ø = o) and Arabic
 * tatweel (the stretching stroke, داعـــش = داعش) disappears. Case is kept; callers lower-case when
 * they need to. Cyrillic й and ў keep their breve: they are letters of their own (мой ≠ мои), while ё
 * folds to е as Russian writers do themselves.
 */

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

const TATWEEL = '\u0640';
const BREVE = '\u0306';
/** Cyrillic letters that a breve turns into another letter. */
const WITH_BREVE: Record<string, string> = { и: 'й', И: 'Й', у: 'ў', У: 'Ў' };

const COMBINING_MARK = /\p{M}/u;
export const ASCII = /^[\x00-\x7f]*$/;

/** Removes accents, tatweel and maps letters that have no decomposition; keeps case. */
export function foldCase(text: string): string {
  if (ASCII.test(text)) return text;
  let out = '';
  for (const char of text.normalize('NFKD')) {
    if (char.charCodeAt(0) < 128) {
      out += char;
      continue;
    }
    if (COMBINING_MARK.test(char)) {
      const composed = char === BREVE ? WITH_BREVE[out.charAt(out.length - 1)] : undefined;
      if (composed !== undefined) out = out.slice(0, -1) + composed;
      continue;
    }
    if (char === TATWEEL) continue;
    out += SPECIAL_LETTERS[char] ?? char;
  }
  return out;
}
