/** Word-level comparisons of short strings (titles, names), case- and punctuation-blind. */

export function wordsOf(text: string | null | undefined): string[] {
  return text ? (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) : [];
}

/** Share of the words of `part` that also occur in `whole` (0 when `part` has none). */
export function containedShare(part: string, whole: string): number {
  const words = wordsOf(part);
  if (words.length === 0) return 0;
  const pool = new Set(wordsOf(whole));
  let found = 0;
  for (const w of words) if (pool.has(w)) found++;
  return found / words.length;
}

/** Both strings say the same thing: most words of each occur in the other. */
export function sameWords(a: string, b: string, share = 0.8): boolean {
  return containedShare(a, b) >= share && containedShare(b, a) >= share;
}
