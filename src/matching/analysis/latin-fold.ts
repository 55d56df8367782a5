/**
 * Folding for Latin-script text (and any script whose accents are combining marks): accents are
 * removed (Raqqā = Raqqa, Sinaʿa = Sinaa) and letters without a decomposition are spelled out
 * (ß = ss, ø = o). Case is kept; callers lower-case when they need to.
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

const COMBINING_MARK = /\p{M}/u;
export const ASCII = /^[\x00-\x7f]*$/;

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
