/**
 * Compiles every topic into one matcher over a shared term index (engine/). Query words are folded
 * by the same analyzer that tokenises the items.
 */
import type { TopicConfig } from '../config/schema.ts';
import type { Analyzer } from './analysis/analyzer.ts';
import { latinAnalyzer } from './analysis/latin-analyzer.ts';
import { compileNode, type CompileContext } from './engine/compile-tree.ts';
import { CompiledMatcher, type TopicMatcher } from './engine/matcher.ts';
import { parseSynonyms } from './engine/synonyms.ts';
import { TermIndex } from './engine/term-index.ts';
import { ALL_FIELDS, type CompiledTopic, type Tree } from './engine/tree.ts';
import { parseQuery } from './parse.ts';
import type { QueryField } from './query-error.ts';

export interface CompileOptions {
  /** Tokenising and folding of items and query words (default: the Latin analyzer). */
  analyzer?: Analyzer;
}

/**
 * Compiles all topics into one matcher. Throws QueryError (with topic id, field and position) for
 * a query that does not parse or refers to an unknown synonym list.
 */
export function compileTopics(topics: TopicConfig[], synonyms: Record<string, string[]> = {}, options: CompileOptions = {}): TopicMatcher {
  const analyzer = options.analyzer ?? latinAnalyzer;
  const index = new TermIndex();
  const table = parseSynonyms(synonyms, analyzer);
  const compiled = topics.map((topic): CompiledTopic => {
    const compileField = (field: QueryField, text: string): Tree => {
      const context: CompileContext = { index, synonyms: table, topicId: topic.id, field };
      return compileNode(parseQuery(text, { topicId: topic.id, field, analyzer }), ALL_FIELDS, context, []);
    };
    const exclude = topic.exclude?.trim();
    return {
      id: topic.id,
      query: compileField('query', topic.query),
      exclude: exclude ? compileField('exclude', exclude) : null,
      minScore: topic.minScore ?? 1,
    };
  });
  return new CompiledMatcher(index, compiled, analyzer);
}
