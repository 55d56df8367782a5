/**
 * One extractor over the 181 benchmark pages, one timed pass, in its own process so that its
 * peak RSS is its own. Prints one JSON line: timing, memory and the predicted texts.
 * Usage: node --import tsx bench/extract-worker.ts --extractor vigil|readability
 */
import { performance } from 'node:perf_hooks';
import { extractArticle } from '../src/parsers/article/index.ts';
import { loadPages } from './extract-eval.ts';
import extractWithReadability from './extract-readability.mjs';

type Extractor = (html: string, url: string) => string;

const EXTRACTORS: Record<string, Extractor> = {
  vigil: (html, url) => extractArticle(html, url).text,
  readability: (html) => extractWithReadability(html),
};

export interface WorkerReport {
  extractor: string;
  pages: number;
  totalMs: number;
  pagesPerSec: number;
  medianMs: number;
  rssBeforeMiB: number;
  maxRssMiB: number;
  errors: number;
  preds: Record<string, string>;
}

async function main(): Promise<void> {
  const name = process.argv[process.argv.indexOf('--extractor') + 1] ?? '';
  const extract = EXTRACTORS[name];
  if (extract === undefined) throw new Error(`--extractor must be one of ${Object.keys(EXTRACTORS).join(', ')}`);
  const { pages } = await loadPages();
  const rssBefore = process.memoryUsage.rss();
  const times: number[] = [];
  const preds: Record<string, string> = {};
  let errors = 0;
  for (const page of pages) {
    const t0 = performance.now();
    let text = '';
    try {
      text = extract(page.html, page.url);
    } catch {
      errors++;
    }
    times.push(performance.now() - t0);
    preds[page.id] = text;
  }
  const totalMs = times.reduce((s, t) => s + t, 0);
  const sorted = [...times].sort((a, b) => a - b);
  const report: WorkerReport = {
    extractor: name,
    pages: pages.length,
    totalMs,
    pagesPerSec: pages.length / (totalMs / 1000),
    medianMs: sorted[sorted.length >> 1] ?? 0,
    rssBeforeMiB: rssBefore / 2 ** 20,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    errors,
    preds,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
