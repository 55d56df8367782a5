import type { Document } from 'domhandler';
import { collectBlocks } from './blocks.ts';
import { BoxText, chooseArticleBoxes } from './candidates.ts';
import { markFurniture } from './furniture.ts';
import { selectBlocks } from './select.ts';

/** The article's paragraphs, in reading order. */
export function extractBodyParagraphs(doc: Document): string[] {
  const page = collectBlocks(doc);
  markFurniture(page);
  const boxText = new BoxText(page.blocks);
  const containers = chooseArticleBoxes(page, boxText);
  const paragraphs: string[] = [];
  for (const block of selectBlocks(page, containers, boxText)) {
    // a block of <br><br>-separated text holds several paragraphs
    if (block.kind === 'pre' || !block.text.includes('\n\n')) paragraphs.push(block.text);
    else for (const part of block.text.split('\n\n')) paragraphs.push(part);
  }
  return paragraphs;
}
