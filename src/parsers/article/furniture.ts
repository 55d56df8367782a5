import type { Box, PageBlocks } from './blocks.ts';
import { classKey, proseByClass } from './class-groups.ts';
import { EMBED_HINT, JUNK_HINT, namesFurnitureBeyondStructure } from './hints.ts';

/** Elements that are page furniture by their tag. */
const FURNITURE_TAGS = new Set(['nav', 'aside', 'footer', 'header', 'menu', 'form', 'fieldset', 'dialog']);

/** Prose: paragraph-length text that is not mostly links. */
export function isProse(length: number, linkLength: number): boolean {
  return length >= 80 && linkLength <= length * 0.3;
}

/**
 * Marks furniture (nav, footers, share bars, comments, related links...) by tag and class/id,
 * unless the element holds a large share of the page's prose: a content wrapper with an unlucky
 * class name must not be thrown away.
 */
export function markFurniture(page: PageBlocks): void {
  const { blocks, boxes } = page;
  const prose = new Float64Array(blocks.length + 1);
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    const add = b !== undefined && isProse(b.length, b.linkLength) ? b.length : 0;
    prose[i + 1] = (prose[i] ?? 0) + add;
  }
  const total = prose[blocks.length] ?? 0;
  const proseOf = (box: Box): number => (prose[box.end] ?? 0) - (prose[box.start] ?? 0);
  const junkByHint = (box: Box): boolean => box.parent !== null && box.hint !== '' && JUNK_HINT.test(box.hint) && !EMBED_HINT.test(box.hint);
  const byClass = proseByClass(boxes, junkByHint, proseOf);
  for (const box of boxes) {
    if (box.parent === null || box.tag === 'html' || box.tag === 'body') continue;
    const byHint = junkByHint(box);
    if (!FURNITURE_TAGS.has(box.tag) && !byHint) continue;
    if (total > 0 && proseOf(box) >= total * 0.5) continue;
    // one class over much of the article's prose is a content block, whatever its name says
    if (byHint && total > 0 && !namesFurnitureBeyondStructure(box.hint, JUNK_HINT) && (byClass.get(classKey(box)) ?? 0) >= total * 0.5) continue;
    box.junk = true;
  }
  for (const block of blocks) {
    let junk = false;
    for (let b: Box | null = block.box; b !== null; b = b.parent) {
      if (b.junk) {
        junk = true;
        break;
      }
    }
    block.junk = junk;
  }
}

/** Forgets the furniture marks (for the retry when they left no article). */
export function clearFurniture(page: PageBlocks): void {
  for (const box of page.boxes) box.junk = false;
  for (const block of page.blocks) block.junk = false;
}
