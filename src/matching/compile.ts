/**
 * Compiles every topic into one matcher over a shared term index (engine/). Query words are folded
 * by the same analyzer that tokenises the items.
 */
import type { TopicConfig } from '../config/schema.ts';
import type { Analyzer } from './analysis/analyzer.ts';
import { latinAnalyzer } from './analysis/latin-analyzer.ts';
import { compileNode, type CompileContext } from './engine/compile-tree.ts';
import { CompiledMatcher, MAX_FIELD_CHARS, type TopicMatcher } from './engine/matcher.ts';
import { parseSynonyms } from './engine/synonyms.ts';
import { TermIndex } from './engine/term-index.ts';
import { ALL_FIELDS, type CompiledTopic } from './engine/tree.ts';
import { parseQuery } from './parse.ts';
import { formatQuery, type NotNode, type QueryNode } from './query-ast.ts';
import { QueryError, type QueryField, type QueryWarning } from './query-error.ts';
import { termlessNot } from './termless.ts';

export interface CompileOptions {
  /** Tokenising and folding of items and query words (default: the Latin analyzer). */
  analyzer?: Analyzer;
  /** Characters of each field that matching reads (default MAX_FIELD_CHARS). */
  maxFieldChars?: number;
}

/**
 * Compiles all topics into one matcher. Throws QueryError (with topic id, field and position) for
 * a query that does not parse, refers to an unknown synonym list, or can only match with score 0
 * below its minScore; what parses but looks unintended is in the matcher's `warnings`.
 */
export function compileTopics(topics: TopicConfig[], synonyms: Record<string, string[]> = {}, options: CompileOptions = {}): TopicMatcher {
  const analyzer = options.analyzer ?? latinAnalyzer;
  const index = new TermIndex();
  const table = parseSynonyms(synonyms, analyzer);
  const warnings: QueryWarning[] = [];
  const compiled = topics.map((topic): CompiledTopic => {
    const minScore = topic.minScore ?? 1;
    const parse = (field: QueryField, text: string): QueryNode =>
      parseQuery(text, { topicId: topic.id, field, analyzer, warn: (warning) => warnings.push(warning) });
    const compile = (field: QueryField, node: QueryNode) => {
      const context: CompileContext = { index, synonyms: table, topicId: topic.id, field };
      return compileNode(node, ALL_FIELDS, context, []);
    };
    const query = parse('query', topic.query);
    const termless = termlessNot(query);
    if (termless !== null && minScore > 0) throw scoresZero(topic.id, query, termless, minScore);
    const exclude = topic.exclude?.trim();
    return {
      id: topic.id,
      query: compile('query', query),
      exclude: exclude ? compile('exclude', parse('exclude', exclude)) : null,
      minScore,
      holdsWithoutTerms: termless !== null,
    };
  });
  return new CompiledMatcher(index, compiled, analyzer, warnings, options.maxFieldChars ?? MAX_FIELD_CHARS);
}

/**
 * A query that also holds for items with none of its terms gives them score 0, which minScore then
 * drops without a word: say so, and what was probably meant.
 */
function scoresZero(topicId: string, query: QueryNode, termless: NotNode, minScore: number): QueryError {
  const written = formatQuery(termless);
  const others = query.kind === 'or' ? query.children.filter((child) => termlessNot(child) === null) : [];
  const meant =
    others.length > 0
      ? `write ${others.length > 1 ? `(${others.map(formatQuery).join(' OR ')})` : formatQuery(others[0] as QueryNode)} AND ${written}`
      : 'add a term that matching items contain';
  return new QueryError({
    topicId,
    field: 'query',
    position: termless.position,
    expected: 'a query whose every alternative needs a term',
    detail: `but it also holds for items with none of its terms, through ${written}; such items score 0 and minScore ${minScore} drops them: ${meant}, or set minScore: 0 to keep them`,
  });
}
