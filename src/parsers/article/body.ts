import type { Block, PageBlocks } from './blocks.ts';
import { BoxText, chooseArticleBoxes } from './candidates.ts';
import { clearFurniture, markFurniture } from './furniture.ts';
import { selectBlocks } from './select.ts';

/** Below this much text the furniture rules probably removed the article itself: retry without them. */
const RETRY_BELOW_CHARS = 250;

export interface Body {
  /** The article's paragraphs, in reading order. */
  paragraphs: string[];
  /** Index in page.blocks of the article's first block, -1 when there is none. */
  start: number;
}

export function extractBody(page: PageBlocks): Body {
  markFurniture(page);
  let blocks = chooseAndSelect(page);
  if (textLength(blocks) < RETRY_BELOW_CHARS) {
    clearFurniture(page);
    const retry = chooseAndSelect(page);
    // only a real article is worth it: not a gate page's footer and navigation
    if (proseLength(retry) >= RETRY_BELOW_CHARS * 2 && textLength(retry) > textLength(blocks)) blocks = retry;
  }
  const paragraphs: string[] = [];
  for (const block of blocks) {
    // a block of <br><br>-separated text holds several paragraphs
    if (block.kind === 'pre' || !block.text.includes('\n\n')) paragraphs.push(block.text);
    else for (const part of block.text.split('\n\n')) paragraphs.push(part);
  }
  const first = blocks[0];
  return { paragraphs, start: first === undefined ? -1 : page.blocks.indexOf(first) };
}

function chooseAndSelect(page: PageBlocks): Block[] {
  const boxText = new BoxText(page.blocks);
  return selectBlocks(page, chooseArticleBoxes(page, boxText), boxText);
}

function proseLength(blocks: Block[]): number {
  let n = 0;
  for (const b of blocks) if (b.length >= 80 && b.linkLength <= b.length * 0.3) n += b.length;
  return n;
}

function textLength(blocks: Block[]): number {
  let n = 0;
  for (const b of blocks) n += b.length;
  return n;
}
