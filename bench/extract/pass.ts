/** One timed pass of an extractor over a set's pages (pages already in memory; only extraction is timed). */
import { performance } from 'node:perf_hooks';
import type { Page } from './corpora.ts';
import { EMPTY_PREDICTION, type Extractor, type Prediction } from './extractors.ts';

export interface Pass {
  preds: Map<string, Prediction>;
  seconds: number;
  pagesPerSec: number;
  /** Pages the extractor threw on (scored as empty), with the message. */
  errors: { id: string; message: string }[];
}

export function runPass(extract: Extractor, pages: readonly Page[]): Pass {
  const preds = new Map<string, Prediction>();
  const errors: Pass['errors'] = [];
  let ms = 0;
  for (const page of pages) {
    const t0 = performance.now();
    let pred = EMPTY_PREDICTION;
    try {
      pred = extract(page.html, page.url);
    } catch (error) {
      errors.push({ id: page.id, message: error instanceof Error ? error.message : String(error) });
    }
    ms += performance.now() - t0;
    preds.set(page.id, pred);
  }
  const seconds = ms / 1000;
  return { preds, seconds, pagesPerSec: seconds > 0 ? pages.length / seconds : 0, errors };
}
