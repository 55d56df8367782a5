import { collapseWhitespace } from './whitespace.ts';

/**
 * About `maxLength` characters of `text` around the span [hitStart, hitEnd), cut at spaces, on one
 * line, with "…" where text was left out. `before` is the share of the spare room shown ahead of
 * the hit (0.5 centres it); near either end of the text the window slides to show more of the
 * other side. Text that fits is returned whole (on one line).
 */
export function excerptAround(text: string, hitStart: number, hitEnd: number, maxLength: number, before = 0.5): string {
  const room = Math.max(0, maxLength - (hitEnd - hitStart));
  let from = Math.max(0, hitStart - Math.floor(room * before));
  let to = Math.min(text.length, hitEnd + (room - (hitStart - from)));
  from = Math.max(0, Math.min(from, to - maxLength));
  if (from > 0) {
    const space = text.indexOf(' ', from);
    if (space >= 0 && space < hitStart) from = space + 1;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > hitEnd) to = space;
  }
  const body = collapseWhitespace(text.slice(from, to));
  const leading = from > 0 && !body.startsWith('…') ? '…' : '';
  const trailing = to < text.length && !body.endsWith('…') ? '…' : '';
  return `${leading}${body}${trailing}`;
}
