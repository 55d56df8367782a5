/**
 * The extractors the evaluation compares, in one shape: page → text and metadata.
 * The anchor is Mozilla Readability.js over linkedom (its title, byline and publishedTime stand
 * for its metadata).
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { extractArticle } from '../../src/parsers/article/index.ts';

export interface Prediction {
  text: string;
  title: string | null;
  byline: string | null;
  published: string | null;
}

export type Extractor = (html: string, url: string) => Prediction;

export const EMPTY_PREDICTION: Prediction = { text: '', title: null, byline: null, published: null };

export function extractWithVigil(html: string, url: string): Prediction {
  const article = extractArticle(html, url);
  return { text: article.text, title: article.title, byline: article.byline, published: article.published };
}

export function extractWithReadability(html: string): Prediction {
  const { document } = parseHTML(html);
  // linkedom's document is DOM-compatible enough for Readability; the types differ in detail
  const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  if (parsed === null) return EMPTY_PREDICTION;
  return {
    text: parsed.textContent ?? '',
    title: parsed.title ?? null,
    byline: parsed.byline ?? null,
    published: parsed.publishedTime ?? null,
  };
}

export const EXTRACTORS = { vigil: extractWithVigil, readability: extractWithReadability } satisfies Record<string, Extractor>;
export type ExtractorName = keyof typeof EXTRACTORS;
export const EXTRACTOR_LABEL: Record<ExtractorName, string> = { vigil: 'vigil', readability: 'Readability.js + linkedom' };
