export type QueryField = 'query' | 'exclude';

/** A topic query that cannot be parsed or compiled, located precisely enough to fix it in the YAML. */
export class QueryError extends Error {
  readonly topicId: string;
  readonly field: QueryField;
  /** 0-based character offset in the query text. */
  readonly position: number;
  /** What the parser expected at `position`. */
  readonly expected: string;

  constructor(options: { topicId: string; field: QueryField; position: number; expected: string; detail?: string }) {
    const where = options.topicId ? `topics "${options.topicId}" ${options.field}` : options.field;
    super(`${where}, position ${options.position}: expected ${options.expected}${options.detail ? ` ${options.detail}` : ''}`);
    this.name = 'QueryError';
    this.topicId = options.topicId;
    this.field = options.field;
    this.position = options.position;
    this.expected = options.expected;
  }
}

/** A query that compiles but probably does not say what its writer meant (`near/5` in lower case). */
export interface QueryWarning {
  topicId: string;
  field: QueryField;
  /** 0-based character offset in the query text. */
  position: number;
  /** Where and what, ready to print: `topics "x" query, position 7: ...`. */
  message: string;
}

export function queryWarning(options: Omit<QueryWarning, 'message'> & { problem: string }): QueryWarning {
  const where = options.topicId ? `topics "${options.topicId}" ${options.field}` : options.field;
  return { topicId: options.topicId, field: options.field, position: options.position, message: `${where}, position ${options.position}: ${options.problem}` };
}
