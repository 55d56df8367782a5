/** The document at a feed URL is not a feed vigil can read. The message names the feed and says what was found. */
export class FeedParseError extends Error {
  readonly feedUrl: string;
  /** 1-based position of the fault in the decoded document, when there is one. */
  readonly line: number | null;
  readonly column: number | null;
  /**
   * True when the document is identifiably something other than a feed (an HTML page, other XML,
   * JSON that is not a JSON Feed): asking again will not help, so the poller may count it as a
   * permanent error. False for empty, truncated or broken bodies, which are often temporary.
   */
  readonly notAFeed: boolean;

  constructor(feedUrl: string, problem: string, details: { position?: { line: number; column: number } | undefined; notAFeed?: boolean } = {}) {
    const { position } = details;
    const where = position ? ` (line ${position.line}, column ${position.column})` : '';
    super(`${feedUrl}: ${problem}${where}`);
    this.name = 'FeedParseError';
    this.feedUrl = feedUrl;
    this.line = position?.line ?? null;
    this.column = position?.column ?? null;
    this.notAFeed = details.notAFeed ?? false;
  }
}
