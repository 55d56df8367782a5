const SNIPPET_LENGTH = 120;
const NOT_ONE_LINE = /[^\S ]| {2}/;

/** About SNIPPET_LENGTH characters around a hit, cut at word boundaries, on one line. */
export function hitExcerpt(text: string, charStart: number, charEnd: number): string {
  const room = Math.max(0, SNIPPET_LENGTH - (charEnd - charStart));
  let from = Math.max(0, charStart - Math.floor(room / 2));
  let to = Math.min(text.length, charEnd + (room - (charStart - from)));
  from = Math.max(0, Math.min(from, to - SNIPPET_LENGTH));
  if (from > 0) {
    const space = text.indexOf(' ', from);
    if (space >= 0 && space < charStart) from = space + 1;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > charEnd) to = space;
  }
  const cut = text.slice(from, to);
  // Most excerpts are already one line with single spaces: only rewrite those that are not.
  const body = (NOT_ONE_LINE.test(cut) ? cut.replace(/\s+/g, ' ') : cut).trim();
  return `${from > 0 ? '…' : ''}${body}${to < text.length ? '…' : ''}`;
}
