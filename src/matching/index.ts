export { compileTopics, FIELD_WEIGHTS, MAX_HITS_PER_TERM_AND_FIELD, type TopicMatcher } from './compile.ts';
export { parseQuery, type ParseContext } from './parse.ts';
export { QueryError, type QueryField } from './query-error.ts';
export { formatQuery, type QueryNode } from './query-ast.ts';
export { loadTopicsFile, parseTopicsFile, DEFAULT_TOPICS_PATH, type TopicsFile } from './load-topics.ts';
export type { MatchField, MatchHit, MatchInput, TopicMatch } from './types.ts';
