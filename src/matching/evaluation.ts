/**
 * Scoring of topic matching against a labelled corpus (precision, recall, F1 per topic, macro-F1),
 * and the naive keyword-alert baseline it is compared with. Pure: the caller reads the corpus.
 */
import type { TopicConfig } from '../config/schema.ts';
import { compileTopics } from './compile.ts';
import type { TopicMatcher } from './engine/matcher.ts';
import { parseQuery } from './parse.ts';
import { formatQuery, type QueryNode } from './query-ast.ts';
import type { MatchInput } from './types.ts';

/** One labelled item; `topics` and `note` are for scoring only and never reach the matcher. */
export interface LabelledItem extends MatchInput {
  id: string;
  topics: string[];
  note: string;
}

export interface TopicScore {
  topicId: string;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  /** False positives on negatives whose note starts with "Hard negative" / "Easy negative". */
  fpHard: number;
  fpEasy: number;
  /** Item ids, to look at the mistakes. */
  falsePositives: string[];
  falseNegatives: string[];
}

export interface Evaluation {
  topics: TopicScore[];
  macroF1: number;
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

/** Scores each topic as an independent yes/no decision over all items. */
export function evaluate(items: LabelledItem[], topicIds: string[], predict: (item: MatchInput) => string[]): Evaluation {
  const predictions = new Map(items.map((item) => [item.id, new Set(predict({ title: item.title, summary: item.summary, body: item.body }))]));
  const topics = topicIds.map((topicId): TopicScore => {
    const score: TopicScore = {
      topicId,
      tp: 0,
      fp: 0,
      fn: 0,
      precision: 0,
      recall: 0,
      f1: 0,
      fpHard: 0,
      fpEasy: 0,
      falsePositives: [],
      falseNegatives: [],
    };
    for (const item of items) {
      const gold = item.topics.includes(topicId);
      const predicted = predictions.get(item.id)?.has(topicId) ?? false;
      if (gold && predicted) score.tp += 1;
      if (!gold && predicted) {
        score.fp += 1;
        score.falsePositives.push(item.id);
        if (/^hard negative/i.test(item.note)) score.fpHard += 1;
        if (/^easy negative/i.test(item.note)) score.fpEasy += 1;
      }
      if (gold && !predicted) {
        score.fn += 1;
        score.falseNegatives.push(item.id);
      }
    }
    score.precision = ratio(score.tp, score.tp + score.fp);
    score.recall = ratio(score.tp, score.tp + score.fn);
    score.f1 = ratio(2 * score.precision * score.recall, score.precision + score.recall);
    return score;
  });
  const macroF1 = ratio(
    topics.reduce((sum, topic) => sum + topic.f1, 0),
    topics.length,
  );
  return { topics, macroF1 };
}

export function predictWith(matcher: TopicMatcher): (item: MatchInput) => string[] {
  return (item) => matcher.match(item).map((match) => match.topicId);
}

/** The terms a query asks for (not those under NOT), as written: what a keyword alert would use. */
export function includeTerms(node: QueryNode): string[] {
  switch (node.kind) {
    case 'term':
    case 'synonym':
      return [formatQuery(node)];
    case 'and':
    case 'or':
      return node.children.flatMap(includeTerms);
    case 'near':
      return [...includeTerms(node.left), ...includeTerms(node.right)];
    case 'field':
    case 'mentions':
      return includeTerms(node.child);
    case 'not':
      return [];
  }
}

/** Naive keyword alert: a topic matches when any of its include terms appears anywhere. */
export function compileBaseline(topics: TopicConfig[], synonyms: Record<string, string[]>): TopicMatcher {
  return compileTopics(
    topics.map((topic) => ({
      id: topic.id,
      name: topic.name,
      query: [...new Set(includeTerms(parseQuery(topic.query, { topicId: topic.id })))].join(' OR '),
      minScore: 1,
    })),
    synonyms,
  );
}
