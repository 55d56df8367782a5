/**
 * The two scripts that come with the shared labelled sets, run as their authors run them: the
 * keyword-alert baseline (`baseline-alerts.mjs`) and the scorer (`score-topics.mjs`). Every
 * prediction, vigil's and the baseline's, is scored by that one scorer.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabelledArticle } from './labelled-sets.ts';

export interface TopicFigures {
  p: number;
  r: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

export interface Scores {
  topics: Record<string, TopicFigures>;
  macroF1: number;
  /** Gold items with no prediction line: must be 0, or the predictions are incomplete. */
  missing: number;
}

/** One prediction line in `vigil match` shape. */
export interface Prediction {
  id: string;
  topics: { id: string }[];
}

const MAX_OUTPUT = 64 * 1024 * 1024;

function runScript(script: string, args: string[]): string {
  return execFileSync(process.execPath, [script, ...args], { encoding: 'utf8', maxBuffer: MAX_OUTPUT });
}

function writeJsonLines(path: string, values: unknown[]): string {
  writeFileSync(path, `${values.map((value) => JSON.stringify(value)).join('\n')}\n`);
  return path;
}

export class SharedScorer {
  /** `topicsDir`: the folder holding the two scripts; `workDir`: an empty scratch folder for the files they read. */
  constructor(
    private readonly topicsDir: string,
    private readonly workDir: string,
  ) {}

  /** Writes the matcher's input (no labels) and the gold labels of a set; returns their paths. */
  writeSet(name: string, items: LabelledArticle[]): { inputPath: string; goldPath: string } {
    return {
      inputPath: writeJsonLines(
        join(this.workDir, `${name}.input.jsonl`),
        items.map(({ id, title, summary, body }) => ({ id, title, summary, body })),
      ),
      goldPath: writeJsonLines(
        join(this.workDir, `${name}.gold.jsonl`),
        items.map(({ id, topics }) => ({ id, topics })),
      ),
    };
  }

  baselinePredictions(inputPath: string): Prediction[] {
    return runScript(join(this.topicsDir, 'baseline-alerts.mjs'), [inputPath])
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Prediction);
  }

  score(goldPath: string, name: string, predictions: Prediction[]): Scores {
    const predictionPath = writeJsonLines(join(this.workDir, `${name}.pred.jsonl`), predictions);
    const scores = JSON.parse(runScript(join(this.topicsDir, 'score-topics.mjs'), [goldPath, predictionPath, '--json'])) as Scores;
    if (scores.missing !== 0) throw new Error(`${name}: ${scores.missing} items have no prediction line; the scorer needs one line per item`);
    return scores;
  }
}
