import { collapseWhitespace } from '../../text/whitespace.ts';

/** Stands for a <br> in raw block text (source newlines are just whitespace). */
export const LINE_BREAK = '\u0001';

/**
 * Collapses whitespace; one <br> becomes "\n", two or more in a row (a blank line on screen)
 * become "\n\n", the paragraph separator.
 */
export function normaliseBlockText(text: string): string {
  if (!text.includes(LINE_BREAK)) return collapseWhitespace(text);
  const out: string[] = [];
  let breaks = 0;
  for (const piece of text.split(LINE_BREAK)) {
    const line = collapseWhitespace(piece);
    if (line === '') {
      breaks++;
      continue;
    }
    if (out.length > 0) out.push(breaks >= 1 ? '\n\n' : '\n');
    out.push(line);
    breaks = 0;
  }
  return out.join('');
}

const COMMAS = /[,\u060c\ufe50\ufe10\ufe11\u2e41\u2e34\u2e32\uff0c\u3001]/g;

export function countCommas(text: string): number {
  return text.match(COMMAS)?.length ?? 0;
}

/** Ends like a sentence (full stop, question, exclamation, closing quote/bracket after one, CJK stops). */
export function endsLikeSentence(text: string): boolean {
  return /[.!?\u3002\uff01\uff1f\u0964:;…]["'”’»)\]]*$/u.test(text);
}

export function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}_]+/gu)?.length ?? 0;
}
