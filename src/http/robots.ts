import robotsParserImport from 'robots-parser';

interface Robots {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
type RobotsParser = (url: string, text: string) => Robots;

// robots-parser is CommonJS with an ES-style `export default` in its typings: depending on the
// loader the function is the default export itself or its `.default`.
const robotsParser: RobotsParser = (() => {
  const candidate = robotsParserImport as unknown as RobotsParser & { default?: RobotsParser };
  return typeof candidate.default === 'function' ? candidate.default : candidate;
})();

export interface RobotsVerdict {
  allowed: boolean;
  /** Crawl-delay for our user agent, in milliseconds, when robots.txt sets one. */
  crawlDelayMs: number | null;
}

/** What fetching /robots.txt gave: its text, or null when there is none (or it could not be had). */
export interface RobotsFetchOutcome {
  text: string | null;
  /** False when the server failed (5xx, timeout, network): the answer is cached briefly only. */
  definitive: boolean;
}

interface Entry {
  expires: number;
  robots: Robots | null;
}

const TTL_MS = 60 * 60_000;
const RETRY_TTL_MS = 5 * 60_000;

/**
 * robots.txt per origin, cached for an hour (five minutes after a failure), with one fetch in
 * flight per origin however many pages wait on it.
 *
 * A missing robots.txt (4xx) allows everything, as the standard (RFC 9309) says. An unreachable
 * one (5xx, timeout) also allows, for a short while only: RFC 9309 would have us assume
 * "disallow all", but a news monitor that stops reading a site whenever its robots.txt flaps
 * fails its users, and we make one page request per article, not a crawl.
 */
export class RobotsCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<Entry>>();
  private readonly fetchRobots: (robotsUrl: string, signal?: AbortSignal) => Promise<RobotsFetchOutcome>;
  private readonly userAgent: string;

  constructor(userAgent: string, fetchRobots: (robotsUrl: string, signal?: AbortSignal) => Promise<RobotsFetchOutcome>) {
    this.userAgent = userAgent;
    this.fetchRobots = fetchRobots;
  }

  async check(pageUrl: URL, signal?: AbortSignal): Promise<RobotsVerdict> {
    const entry = await this.entry(pageUrl.origin, signal);
    if (!entry.robots) return { allowed: true, crawlDelayMs: null };
    const allowed = entry.robots.isAllowed(pageUrl.href, this.userAgent) ?? true;
    const delay = entry.robots.getCrawlDelay(this.userAgent);
    return { allowed, crawlDelayMs: typeof delay === 'number' && delay > 0 ? Math.min(delay, 60) * 1000 : null };
  }

  private async entry(origin: string, signal?: AbortSignal): Promise<Entry> {
    const cached = this.entries.get(origin);
    if (cached && cached.expires > Date.now()) return cached;
    let pending = this.inFlight.get(origin);
    if (!pending) {
      const robotsUrl = `${origin}/robots.txt`;
      pending = this.fetchRobots(robotsUrl, signal)
        .then(
          (outcome): Entry => ({
            expires: Date.now() + (outcome.definitive ? TTL_MS : RETRY_TTL_MS),
            robots: outcome.text === null ? null : robotsParser(robotsUrl, outcome.text),
          }),
        )
        .finally(() => this.inFlight.delete(origin));
      this.inFlight.set(origin, pending);
    }
    const entry = await pending;
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(origin, entry);
    return entry;
  }
}
