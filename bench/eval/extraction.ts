/** Article extraction on the shared 181-page benchmark, scored by its own score.mjs. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extractArticle } from '../../src/parsers/article/index.ts';
import { corpusPath } from './corpora.ts';
import type { EvalFigure } from './figure.ts';

interface ScoreModule {
  loadTruth(file?: string): Record<string, { articleBody: string; url?: string }>;
  score(truth: Record<string, { articleBody: string }>, preds: Map<string, string>): { precision: number; recall: number; f1: number; n: number };
}

export async function run(root: string, log: (line: string) => void): Promise<EvalFigure[]> {
  const dir = corpusPath(root, 'extraction');
  const { loadTruth, score } = (await import(corpusPath(root, 'extraction/score.mjs'))) as ScoreModule;
  const truth = loadTruth(join(dir, 'truth.json'));
  const preds = new Map<string, string>();
  for (const [id, entry] of Object.entries(truth)) {
    const html = gunzipSync(readFileSync(join(dir, 'html', `${id}.html.gz`))).toString('utf8');
    preds.set(id, extractArticle(html, entry.url ?? '').text);
  }
  const result = score(truth, preds);
  log(`extraction (${result.n} pages): F1 ${result.f1.toFixed(4)} (P ${result.precision.toFixed(4)}, R ${result.recall.toFixed(4)})`);
  return [{ label: 'extraction: 181-page set word F1', value: result.f1, floor: 0.975 }];
}
