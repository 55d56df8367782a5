/**
 * Lists the default topics' mistakes on the English dev files for someone changing the topics:
 * false positives (with the query clauses that fired) and false negatives. Items of the held-out
 * fold are never listed, only counted, so that they stay a fair check of the change.
 */
import { join } from 'node:path';
import { compileTopics } from '../../src/matching/index.ts';
import { readDefaultTopics } from './match-eval-corpus.ts';
import { inHeldOutFold, readLabelledFile } from './labelled-sets.ts';

export function listDevMistakes(evalDir: string, log: (line: string) => void): void {
  const { topics, synonyms } = readDefaultTopics();
  const matcher = compileTopics(topics, synonyms);
  let heldOutMistakes = 0;
  for (const file of ['items.jsonl', 'items-2.jsonl']) {
    for (const item of readLabelledFile(join(evalDir, 'topics', file))) {
      const matches = matcher.match({ title: item.title, summary: item.summary, body: item.body });
      for (const topic of topics) {
        const match = matches.find((candidate) => candidate.topicId === topic.id);
        const gold = item.topics.includes(topic.id);
        if (gold === (match !== undefined)) continue;
        if (inHeldOutFold(item.id)) {
          heldOutMistakes += 1;
          continue;
        }
        const kind = match === undefined ? 'FN' : `FP score ${match.score}`;
        log(`${topic.id} ${kind} ${item.id}: ${item.title} | ${item.note}`);
        for (const clause of match?.clauses ?? []) log(`    ${clause}`);
      }
    }
  }
  log(`held-out fold: ${heldOutMistakes} mistakes (not listed)`);
}
