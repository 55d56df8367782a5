/**
 * The shared extraction benchmark (../shared/eval/extraction next to the project) for the
 * extraction bench: its pages, and its scorer with types.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const EVAL_DIR = fileURLToPath(new URL('../../shared/eval/extraction/', import.meta.url));

export interface Truth {
  [id: string]: { articleBody: string; url?: string };
}

export interface ScoredDoc {
  id: string;
  f1: number;
}

export interface ScoreResult {
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  n: number;
  docs: ScoredDoc[];
}

export interface Bootstrap {
  f1: { std: number; lo: number; hi: number };
}

interface ScoreModule {
  loadTruth(file?: string): Truth;
  score(truth: Truth, preds: Map<string, string>): ScoreResult;
  bootstrap(docs: ScoredDoc[], rounds?: number, seed?: number): Bootstrap;
}

export interface Page {
  id: string;
  url: string;
  html: string;
}

function requireEval(): void {
  if (!existsSync(`${EVAL_DIR}score.mjs`)) {
    throw new Error(`shared extraction benchmark not found at ${EVAL_DIR}; check it out next to the project (../shared/eval/extraction)`);
  }
}

export async function loadScorer(): Promise<ScoreModule> {
  requireEval();
  return (await import(`${EVAL_DIR}score.mjs`)) as ScoreModule;
}

/** Every page, gunzipped, in truth.json order. */
export async function loadPages(): Promise<{ truth: Truth; pages: Page[] }> {
  const { loadTruth } = await loadScorer();
  const truth = loadTruth();
  const pages = Object.keys(truth).map((id) => ({
    id,
    url: truth[id]?.url ?? '',
    html: gunzipSync(readFileSync(`${EVAL_DIR}html/${id}.html.gz`)).toString('utf8'),
  }));
  return { truth, pages };
}
