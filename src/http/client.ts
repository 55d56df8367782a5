import { Agent, request } from 'undici';
import type { HttpConfig } from '../config/schema.ts';
import { guardedLookup } from './address-guard.ts';
import { FetchError } from './errors.ts';
import { exchangeFailure } from './exchange-failure.ts';
import { InProcessHostLimiter, type HostLimiter } from './host-limiter.ts';
import { HostTurns } from './host-turns.ts';
import { RedirectChain, redirectLocation } from './redirects.ts';
import { byteLimit, literalAddressFailure, parseTarget, requestHeaders, type RequestKind } from './request-builder.ts';
import { handleResponse, header } from './response-handler.ts';
import { RobotsCache, type RobotsFetchOutcome } from './robots.ts';
import { TimeAllowance } from './time-allowance.ts';
import type { FetchOptions, FetchResult } from './types.ts';

export { FetchError, type FetchErrorKind } from './errors.ts';
export { decodeBody } from './charset.ts';
export { parseRetryAfter } from './response-handler.ts';
export type { FetchOptions, FetchResult } from './types.ts';
export type { HostLimiter } from './host-limiter.ts';

export interface HttpClientDependencies {
  /** Per-host politeness; in-process by default, swap in a shared (Redis) one for several workers. */
  limiter?: HostLimiter;
  /**
   * How long one fetch may wait for its turn at a host (slots and Retry-After pauses), apart from
   * http.timeout. Default: three times http.timeout, at least a minute.
   */
  hostWaitLimitMs?: number;
}

/** One exchange with the server: a response to follow, a result, or a failure. */
type ExchangeOutcome = { redirectTo: string } | { result: FetchResult } | { failure: FetchError };

/**
 * The one HTTP layer for feeds and article pages: timeouts, decompressed-size caps, redirects
 * with loop detection, conditional GET, charset decoding, per-host politeness, Retry-After,
 * robots.txt for pages, and the SSRF guard. Every failure is a FetchError.
 *
 * A fetch has two clocks: http.timeout bounds the time spent exchanging with the server (all
 * hops of a redirect chain together), and a separate wait limit bounds the time spent waiting
 * for a turn at the host. Requests are built in request-builder.ts, redirects checked in
 * redirects.ts, responses turned into results or errors in response-handler.ts.
 */
export class HttpClient {
  private readonly config: HttpConfig;
  private readonly agent: Agent;
  private readonly limiter: HostLimiter;
  private readonly turns: HostTurns;
  private readonly hostWaitLimitMs: number;
  private readonly robots: RobotsCache;

  constructor(config: HttpConfig, dependencies: HttpClientDependencies = {}) {
    this.config = config;
    this.agent = new Agent({
      connect: {
        timeout: config.connectTimeout,
        ...(config.allowPrivateNetworks ? {} : { lookup: guardedLookup }),
      },
      headersTimeout: config.timeout,
      bodyTimeout: config.timeout,
      keepAliveTimeout: 10_000,
      connections: config.perHostConcurrency * 2,
    });
    this.limiter = dependencies.limiter ?? new InProcessHostLimiter({ concurrency: config.perHostConcurrency, minDelayMs: config.perHostDelay ?? 0 });
    this.turns = new HostTurns(this.limiter);
    this.hostWaitLimitMs = dependencies.hostWaitLimitMs ?? Math.max(60_000, 3 * config.timeout);
    this.robots = new RobotsCache(config.userAgent, (robotsUrl) => this.fetchRobotsTxt(robotsUrl));
  }

  async fetch(url: string, options: FetchOptions): Promise<FetchResult> {
    const outcome = await this.run(url, options.kind, options);
    if (outcome instanceof FetchError) throw outcome;
    return outcome;
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async run(url: string, kind: RequestKind, options: Omit<FetchOptions, 'kind'>): Promise<FetchResult | FetchError> {
    const target = parseTarget(url);
    if (target instanceof FetchError) return target;
    const serverTime = new TimeAllowance(this.config.timeout);
    const waitTime = new TimeAllowance(this.hostWaitLimitMs);
    const chain = new RedirectChain(target, this.config.maxRedirects);
    let current = target;
    for (;;) {
      const refused =
        literalAddressFailure(current, this.config) ??
        (kind === 'page' && this.config.respectRobotsTxt ? await this.robotsRefusal(current, options.signal) : null);
      if (refused) return refused;
      const release = await this.turns.take(current, waitTime, options.signal);
      if (release instanceof FetchError) return release;
      const outcome = await serverTime.spend(() => this.exchange(current, kind, options, serverTime.remainingMs())).finally(release);
      if ('result' in outcome) return outcome.result;
      if ('failure' in outcome) return outcome.failure;
      const next = chain.follow(outcome.redirectTo, current);
      if (next instanceof FetchError) return next;
      current = next;
    }
  }

  /** One request and its response, within what is left of the server's time. */
  private async exchange(url: URL, kind: RequestKind, options: Omit<FetchOptions, 'kind'>, timeLeftMs: number): Promise<ExchangeOutcome> {
    const deadline = AbortSignal.timeout(timeLeftMs);
    const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
    try {
      const response = await request(url, { dispatcher: this.agent, method: 'GET', headers: requestHeaders(this.config.userAgent, kind, options), signal });
      const location = redirectLocation(response.statusCode, header(response.headers, 'location'));
      if (location !== null) {
        await response.body.dump();
        return { redirectTo: location };
      }
      const handled = await handleResponse(response, { url, etag: options.etag, lastModified: options.lastModified, limit: byteLimit(this.config, kind) });
      if ('result' in handled) return handled;
      if (handled.pauseHostSeconds !== null) await this.limiter.pause(url.hostname, Date.now() + handled.pauseHostSeconds * 1000);
      return { failure: handled.failure };
    } catch (error) {
      // undici and the body pipeline report transport failures (and aborts) by rejecting.
      const failure = exchangeFailure(error, url.href, {
        callerAborted: options.signal?.aborted ?? false,
        deadlinePassed: deadline.aborted,
        timeoutMs: this.config.timeout,
        connectTimeoutMs: this.config.connectTimeout,
      });
      return { failure };
    }
  }

  private async robotsRefusal(url: URL, signal: AbortSignal | undefined): Promise<FetchError | null> {
    const verdict = await this.robots.check(url, signal);
    if (verdict.crawlDelayMs !== null) this.limiter.setMinDelay(url.hostname, verdict.crawlDelayMs);
    if (verdict.allowed) return null;
    return new FetchError(
      'robots',
      url.href,
      `${url.origin}/robots.txt disallows this page for "${this.config.userAgent}"; vigil keeps the feed's own text for it (set http.respectRobotsTxt: false only with the publisher's consent)`,
      { permanent: true },
    );
  }

  private async fetchRobotsTxt(robotsUrl: string): Promise<RobotsFetchOutcome> {
    const outcome = await this.run(robotsUrl, 'robots', {});
    if (!(outcome instanceof FetchError)) return { text: outcome.body, definitive: true };
    // A blocked address needs no answer here: the page request meets the same SSRF guard.
    const { status } = outcome;
    if (outcome.kind === 'status' && status !== undefined && status >= 400 && status < 500 && status !== 429) return { text: null, definitive: true };
    return { text: null, definitive: false };
  }
}
