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
  return selectBlocks(page, containers, boxText).map((b) => b.text);
}
