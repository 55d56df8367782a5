/**
 * Scores predictions with each set's own scorer: the 181-page set's score.mjs is a library
 * (imported), the WCXB score.mjs a command (run on a temporary predictions file). Both can score a
 * subset of ids (the held-out fifth, or the rest), through a subset truth file for WCXB.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readTruth, setDir, type WcxbTruth } from './corpora.ts';
import type { Prediction } from './extractors.ts';

export interface ExtractionScore {
  f1: number;
  precision: number;
  recall: number;
  pages: number;
}

export interface WcxbScore extends ExtractionScore {
  withSnippets: number;
  boilerplateSnippets: number;
  titleAgree: number;
  authorAgree: number;
  dateAgree: number;
}

interface ShingleScorer {
  loadTruth(file?: string): Record<string, { articleBody: string; url?: string }>;
  score(truth: Record<string, { articleBody: string }>, preds: Map<string, string>): { precision: number; recall: number; f1: number; n: number };
}

export async function scoreExtractionSet(evalDir: string, preds: Map<string, Prediction>, ids: readonly string[]): Promise<ExtractionScore> {
  const dir = setDir(evalDir, 'extraction');
  const scorer = (await import(pathToFileURL(join(dir, 'score.mjs')).href)) as ShingleScorer;
  const all = scorer.loadTruth();
  const truth: Record<string, { articleBody: string }> = {};
  const texts = new Map<string, string>();
  for (const id of ids) {
    const entry = all[id];
    if (entry === undefined) throw new Error(`extraction: no truth for page ${id}`);
    truth[id] = entry;
    texts.set(id, preds.get(id)?.text ?? '');
  }
  const result = scorer.score(truth, texts);
  return { f1: result.f1, precision: result.precision, recall: result.recall, pages: result.n };
}

export function scoreWcxbSet(evalDir: string, preds: Map<string, Prediction>, ids: readonly string[]): WcxbScore {
  const dir = setDir(evalDir, 'wcxb');
  const all = readTruth<WcxbTruth>(dir);
  const truth: Record<string, WcxbTruth> = {};
  const predictions: Record<string, Prediction | string> = {};
  for (const id of ids) {
    const entry = all[id];
    if (entry === undefined) throw new Error(`wcxb: no truth for page ${id}`);
    truth[id] = entry;
    predictions[id] = preds.get(id) ?? '';
  }
  const work = mkdtempSync(join(tmpdir(), 'vigil-wcxb-'));
  try {
    writeFileSync(join(work, 'truth.json'), JSON.stringify(truth));
    writeFileSync(join(work, 'preds.json'), JSON.stringify(predictions));
    const out = execFileSync(process.execPath, [join(dir, 'score.mjs'), join(work, 'preds.json'), '--truth', join(work, 'truth.json'), '--json'], {
      encoding: 'utf8',
    });
    const parsed = JSON.parse(out.trim().split('\n').pop() ?? '{}') as Partial<Record<string, number>>;
    const field = (key: string): number => {
      const value = parsed[key];
      if (typeof value !== 'number') throw new Error(`wcxb scorer printed no ${key}: ${out}`);
      return value;
    };
    return {
      f1: field('f1'),
      precision: field('precision'),
      recall: field('recall'),
      pages: field('pages'),
      withSnippets: field('withSnippets'),
      boilerplateSnippets: field('boilerplateSnippets'),
      titleAgree: field('titleAgree'),
      authorAgree: field('authorAgree'),
      dateAgree: field('dateAgree'),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
