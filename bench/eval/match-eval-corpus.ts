/** Loads the labelled topic corpus and the default topics the way the worker does; shared by the eval script and its test. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TopicConfig } from '../../src/config/schema.ts';
import type { LabelledItem } from '../../src/matching/evaluation.ts';
import { loadTopicsFile } from '../../src/matching/load-topics.ts';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_CORPUS = resolve(PROJECT_ROOT, '../shared/eval/topics/items.jsonl');
export const DEFAULT_TOPICS = resolve(PROJECT_ROOT, 'config/topics.yaml');
/**
 * Held-out items about later events (2020–2025), written after the default topics were tuned on the
 * dev corpus: a check that the queries follow the topic definitions rather than the dev wording.
 */
export const HOLDOUT_CORPUS = resolve(PROJECT_ROOT, 'test/matching/fixtures/holdout.jsonl');

export function readLabelledItems(path = DEFAULT_CORPUS): LabelledItem[] {
  if (!existsSync(path)) {
    throw new Error(`labelled corpus not found at ${path}: the shared eval folder (../shared/eval/topics/) must sit next to the project, or pass its path`);
  }
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const value = JSON.parse(line) as Partial<LabelledItem>;
      if (typeof value.id !== 'string' || !Array.isArray(value.topics)) throw new Error(`${path}:${index + 1}: expected an item with id and topics`);
      return {
        id: value.id,
        title: value.title ?? '',
        summary: value.summary ?? '',
        body: value.body ?? '',
        topics: value.topics,
        note: value.note ?? '',
      };
    });
}

/** The default topics through the real topics-file loading and validation. */
export function readDefaultTopics(path = DEFAULT_TOPICS): { topics: TopicConfig[]; synonyms: Record<string, string[]> } {
  return loadTopicsFile(path);
}
