/**
 * A flooded feed (thousands of new items in one poll) must not queue hours of page fetches ahead of
 * every other feed. A poll takes at most `max` new items, newest first; items without a date count
 * as older than any dated one and keep the feed's order among themselves.
 */
export function takeNewest<T extends { published: string | null }>(items: readonly T[], max: number): { kept: T[]; skipped: T[] } {
  if (items.length <= max) return { kept: [...items], skipped: [] };
  const time = (item: T): number => {
    const ms = item.published ? Date.parse(item.published) : Number.NaN;
    return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
  };
  const order = items.map((item, index) => ({ item, index, time: time(item) }));
  order.sort((a, b) => (b.time === a.time ? a.index - b.index : b.time > a.time ? 1 : -1));
  return { kept: order.slice(0, max).map((entry) => entry.item), skipped: order.slice(max).map((entry) => entry.item) };
}
