import type { Block, Box, PageBlocks } from './blocks.ts';
import type { BoxText } from './candidates.ts';
import { isFurnitureLine } from './boilerplate.ts';
import { classKey, proseByClass } from './class-groups.ts';
import { EMBED_HINT, INNER_JUNK_HINT, namesFurnitureBeyondStructure } from './hints.ts';
import { endsLikeSentence } from './text.ts';

/**
 * Keeps the paragraph-like blocks of the chosen containers and drops what is furniture inside
 * an article: captions, credits, bylines, share bars, link lists, orphan headings.
 */
export function selectBlocks(page: PageBlocks, containers: Box[], boxText: BoxText): Block[] {
  const innerJunk = new Map<Box, boolean>();
  const kept: Block[] = [];
  let articleProse = 0;
  for (const container of containers) articleProse += boxText.prose(container);
  const limit = articleProse * 0.3;
  const namedJunk = (box: Box): boolean => box.hint !== '' && INNER_JUNK_HINT.test(box.hint) && !EMBED_HINT.test(box.hint);
  const inContainers = containers.flatMap((c) =>
    page.boxes.slice(page.boxes.indexOf(c) + 1).filter((b) => b.start >= c.start && b.end <= c.end && b.end > b.start),
  );
  const byClass = proseByClass(inContainers, namedJunk, (box) => boxText.prose(box));
  for (const container of containers) {
    const isInnerJunk = (box: Box): boolean =>
      namedJunk(box) && boxText.prose(box) <= limit && (namesFurnitureBeyondStructure(box.hint, INNER_JUNK_HINT) || (byClass.get(classKey(box)) ?? 0) <= limit);
    for (let i = container.start; i < container.end; i++) {
      const block = page.blocks[i];
      if (block === undefined || block.junk || block.figure || block.kind === 'caption') continue;
      if (insideInnerJunk(block.box, container, innerJunk, isInnerJunk)) continue;
      // mostly links: navigation or related stories, unless a sentence of its own text goes with it
      if (block.linkLength > block.length * 0.5 && !isLinkedSentence(block)) continue;
      if (isFurnitureLine(block.text)) continue;
      kept.push(block);
    }
  }
  return trimEdges(dropOrphanHeadings(kept));
}

/** A link-heavy block that still reads as text: enough words of its own, or a sentence in a <p>. */
function isLinkedSentence(block: Block): boolean {
  const own = block.length - block.linkLength;
  if (own >= 50) return true;
  return block.box.tag === 'p' && own >= 20 && endsLikeSentence(block.text);
}

function insideInnerJunk(box: Box, container: Box, cache: Map<Box, boolean>, isInnerJunk: (box: Box) => boolean): boolean {
  const seen: Box[] = [];
  let result = false;
  for (let b: Box | null = box; b !== null && b !== container; b = b.parent) {
    const cached = cache.get(b);
    if (cached !== undefined) {
      result = cached;
      break;
    }
    seen.push(b);
    if (isInnerJunk(b)) {
      result = true;
      break;
    }
  }
  for (const b of seen) cache.set(b, result);
  return result;
}

/** Headings belong to the text only when content follows them (not "Related stories" at the end). */
function dropOrphanHeadings(blocks: Block[]): Block[] {
  const out: Block[] = [];
  let seenContent = false;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    if (block === undefined) continue;
    if (block.kind !== 'heading') {
      seenContent = true;
      out.push(block);
      continue;
    }
    // an h1 before any text is the title (the caller gets it as metadata)
    if (!seenContent && block.level <= 1) continue;
    const next = nextNonHeading(blocks, i + 1);
    if (next !== undefined && (next.length >= 40 || next.kind === 'cell' || next.kind === 'item')) out.push(block);
  }
  return out;
}

function nextNonHeading(blocks: Block[], from: number): Block | undefined {
  for (let j = from; j < blocks.length; j++) {
    const b = blocks[j];
    if (b !== undefined && b.kind !== 'heading') return b;
  }
  return undefined;
}

/** Short non-sentence lines before the first and after the last real paragraph are furniture. */
function trimEdges(blocks: Block[]): Block[] {
  const isBody = (b: Block): boolean => b.length >= 80 || (b.length >= 30 && endsLikeSentence(b.text));
  let first = 0;
  while (first < blocks.length) {
    const b = blocks[first];
    if (b === undefined || isBody(b) || b.kind === 'heading') break;
    first++;
  }
  let last = blocks.length - 1;
  while (last >= first) {
    const b = blocks[last];
    if (b === undefined || isBody(b)) break;
    last--;
  }
  return blocks.slice(first, last + 1);
}
