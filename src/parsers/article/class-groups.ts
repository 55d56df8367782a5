import type { Box } from './blocks.ts';

/**
 * Prose held by each class attribute among the boxes a rule picks, outermost boxes only.
 * A page builder that gives every content block the same class ("elementor-widget-container",
 * "richtext-title") spreads the article over many small boxes of one class: each alone is
 * small, together they are the article, and a furniture rule must not remove them.
 */
export function proseByClass(boxes: Iterable<Box>, picked: (box: Box) => boolean, prose: (box: Box) => number): Map<string, number> {
  const totals = new Map<string, number>();
  const counted = new Set<Box>();
  for (const box of boxes) {
    if (!picked(box)) continue;
    const key = classKey(box);
    let nested = false;
    for (let p = box.parent; p !== null; p = p.parent) {
      if (counted.has(p) && classKey(p) === key) {
        nested = true;
        break;
      }
    }
    if (nested) continue;
    counted.add(box);
    totals.set(key, (totals.get(key) ?? 0) + prose(box));
  }
  return totals;
}

export function classKey(box: Box): string {
  return box.el.attribs.class ?? `#${box.el.attribs.id ?? ''}`;
}
