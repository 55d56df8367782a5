/** The document at a feed URL is not a feed vigil can read. The message names the feed and says what was found. */
export class FeedParseError extends Error {
  readonly feedUrl: string;
  /** 1-based position of the fault in the decoded document, when there is one. */
  readonly line: number | null;
  readonly column: number | null;

  constructor(feedUrl: string, problem: string, position?: { line: number; column: number }) {
    const where = position ? ` (line ${position.line}, column ${position.column})` : '';
    super(`${feedUrl}: ${problem}${where}`);
    this.name = 'FeedParseError';
    this.feedUrl = feedUrl;
    this.line = position?.line ?? null;
    this.column = position?.column ?? null;
  }
}
