import type { ExtractedArticle } from '../types.ts';
import { extractBodyParagraphs } from './body.ts';
import { parseHtml } from './dom.ts';

export function extractArticle(html: string, url: string): ExtractedArticle {
  const doc = parseHtml(html);
  const paragraphs = extractBodyParagraphs(doc);
  void url;
  return {
    text: paragraphs.join('\n\n'), paragraphs, title: null, byline: null, published: null, modified: null,
    canonicalUrl: null, lang: null, description: null, image: null,
  };
}
