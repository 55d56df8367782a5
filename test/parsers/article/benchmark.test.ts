import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/parsers/article/index.ts';

/** The shared extraction benchmark lives next to the project: ../shared/eval/extraction. */
const EVAL_DIR = new URL('../../../../shared/eval/extraction/', import.meta.url);
/** Readability.js scores 0.947 and trafilatura 0.958 on this set; vigil must stay clearly above both. */
const MIN_F1 = 0.965;

interface Truth {
  [id: string]: { articleBody: string; url?: string };
}
interface ScoreResult {
  precision: number;
  recall: number;
  f1: number;
  n: number;
  docs: { id: string; f1: number }[];
}
interface ScoreModule {
  loadTruth(file?: string): Truth;
  score(truth: Truth, preds: Map<string, string>): ScoreResult;
}

describe('article extraction on the shared benchmark (181 real pages)', () => {
  it(`reaches F1 >= ${MIN_F1} with the shared scorer`, async () => {
    const scorer = fileURLToPath(new URL('score.mjs', EVAL_DIR));
    if (!existsSync(scorer)) {
      throw new Error(`The shared extraction benchmark is missing: expected ${scorer}. ` +
        'Check out the shared eval data next to the project (../shared/eval/extraction) to run this test.');
    }
    const { loadTruth, score } = (await import(scorer)) as ScoreModule;
    const truth = loadTruth();
    const ids = Object.keys(truth);
    expect(ids.length).toBe(181);

    const preds = new Map<string, string>();
    for (const id of ids) {
      const html = gunzipSync(readFileSync(fileURLToPath(new URL(`html/${id}.html.gz`, EVAL_DIR)))).toString('utf8');
      preds.set(id, extractArticle(html, truth[id]?.url ?? '').text);
    }
    const result = score(truth, preds);
    const worst = [...result.docs].sort((a, b) => a.f1 - b.f1).slice(0, 5).map((d) => `${d.id.slice(0, 10)} ${d.f1.toFixed(3)}`);
    console.log(`vigil extraction: F1 ${result.f1.toFixed(4)} (P ${result.precision.toFixed(4)}, R ${result.recall.toFixed(4)}); worst: ${worst.join(', ')}`);
    expect(result.n).toBe(181);
    expect(result.f1).toBeGreaterThanOrEqual(MIN_F1);
  });
});
