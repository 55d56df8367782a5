import type { Document } from 'domhandler';
import { collectBlocks, type Block, type PageBlocks } from './blocks.ts';
import { BoxText, chooseArticleBoxes } from './candidates.ts';
import { clearFurniture, markFurniture } from './furniture.ts';
import { selectBlocks } from './select.ts';

/** Below this much text the furniture rules probably removed the article itself: retry without them. */
const RETRY_BELOW_CHARS = 250;

/** The article's paragraphs, in reading order. */
export function extractBodyParagraphs(doc: Document): string[] {
  const page = collectBlocks(doc);
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
  return paragraphs;
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
