/** The text of one item as the matcher sees it. */
export interface MatchInput {
  title: string;
  summary: string;
  body: string;
}

export type MatchField = 'title' | 'summary' | 'body';

/** One place where a query term fired, for highlighting and `--explain`. */
export interface MatchHit {
  field: MatchField;
  /** The term or phrase of the query that fired, as written in the query. */
  term: string;
  /** The text that matched, as it appears in the item. */
  text: string;
  /** A short excerpt around the hit. */
  snippet: string;
}

export interface TopicMatch {
  topicId: string;
  score: number;
  /** Distinct matched texts, for highlighting. */
  terms: string[];
  hits: MatchHit[];
  /** Human-readable clauses of the query that fired (for --explain). */
  clauses: string[];
}
