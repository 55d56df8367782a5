import { isIP } from 'node:net';
import { Agent, request, type Dispatcher } from 'undici';
import type { HttpConfig } from '../config/schema.ts';
import { blockedAddressReason, BlockedAddressError, guardedLookup } from './address-guard.ts';
import { decodeBody } from './charset.ts';
import { FetchError } from './errors.ts';
import { InProcessHostLimiter, type HostLimiter } from './host-limiter.ts';
import { BodyTooLargeError, readBody, UnsupportedEncodingError } from './read-body.ts';
import { RobotsCache, type RobotsFetchOutcome } from './robots.ts';
import type { FetchOptions, FetchResult } from './types.ts';

export { FetchError, type FetchErrorKind } from './errors.ts';
export { decodeBody } from './charset.ts';
export type { FetchOptions, FetchResult } from './types.ts';
export type { HostLimiter } from './host-limiter.ts';

type RequestKind = FetchOptions['kind'] | 'robots';

const ACCEPT: Record<RequestKind, string> = {
  feed: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5',
  page: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5',
  robots: 'text/plain, */*;q=0.5',
};

/** robots.txt files beyond 500 KiB are ignored by Google too (RFC 9309 asks parsers to read at least that). */
const MAX_ROBOTS_BYTES = 500 * 1024;
/** A server asking for more than a day is asking for something we will not give; the poll schedule decides then. */
const MAX_RETRY_AFTER_SECONDS = 86_400;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

const STATUS_ADVICE: Record<number, string> = {
  401: 'the site wants a login; vigil cannot read it',
  403: 'the site refuses us (login, paywall or bot blocking); check the URL in a browser',
  404: 'nothing at this URL any more; check it in a browser and update the config',
  410: 'the publisher removed it for good; remove it from the config',
  429: 'the server is rate-limiting us; vigil waits before asking again (raise the interval or lower http.perHostConcurrency if this repeats)',
};

export interface HttpClientDependencies {
  /** Per-host politeness; in-process by default, swap in a shared (Redis) one for several workers. */
  limiter?: HostLimiter;
}

function header(headers: Dispatcher.ResponseData['headers'], name: string): string | null {
  const value = headers[name];
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}

/** Retry-After as seconds from now: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  let seconds: number;
  if (/^\d+$/.test(trimmed)) seconds = Number(trimmed);
  else {
    const date = Date.parse(trimmed);
    if (Number.isNaN(date)) return null;
    seconds = Math.ceil((date - now) / 1000);
  }
  return Math.min(Math.max(seconds, 0), MAX_RETRY_AFTER_SECONDS);
}

function maxAge(cacheControl: string | null): number | null {
  const match = cacheControl ? /(?:^|,)\s*max-age\s*=\s*"?(\d+)/i.exec(cacheControl) : null;
  const seconds = match ? Number(match[1]) : 0;
  return seconds > 0 ? Math.min(seconds, MAX_RETRY_AFTER_SECONDS) : null;
}

function errorChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && chain.length < 8) {
    chain.push(current);
    current = current instanceof Error ? current.cause : undefined;
  }
  return chain;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MB` : `${Math.round(bytes / 1024)} kB`;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}

/**
 * The one HTTP layer for feeds and article pages: timeouts, decompressed-size caps, redirects
 * with loop detection, conditional GET, charset decoding, per-host politeness, Retry-After,
 * robots.txt for pages, and the SSRF guard. Every failure is a FetchError.
 */
export class HttpClient {
  private readonly config: HttpConfig;
  private readonly agent: Agent;
  private readonly limiter: HostLimiter;
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
    this.limiter =
      dependencies.limiter ??
      new InProcessHostLimiter({ concurrency: config.perHostConcurrency, minDelayMs: config.perHostDelay ?? 0 });
    this.robots = new RobotsCache(config.userAgent, (robotsUrl) => this.fetchRobotsTxt(robotsUrl));
  }

  async fetch(url: string, options: FetchOptions): Promise<FetchResult> {
    return this.run(url, options.kind, options);
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async run(url: string, kind: RequestKind, options: Omit<FetchOptions, 'kind'>): Promise<FetchResult> {
    const deadline = AbortSignal.timeout(this.config.timeout);
    const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
    const progress = { url };
    try {
      return await this.follow(url, kind, options, signal, progress);
    } catch (error) {
      throw this.classify(error, progress.url, kind, options.signal, deadline);
    }
  }

  private async follow(
    url: string,
    kind: RequestKind,
    options: Omit<FetchOptions, 'kind'>,
    signal: AbortSignal,
    progress: { url: string },
  ): Promise<FetchResult> {
    let current = this.parseTarget(url);
    const chain = [current.href];
    for (;;) {
      progress.url = current.href;
      this.checkLiteralAddress(current);
      if (kind === 'page' && this.config.respectRobotsTxt) await this.checkRobots(current, signal);
      const host = current.hostname;
      const waitMs = await this.limiter.pausedFor(host);
      if (waitMs > 0) {
        const retryAfterSeconds = Math.ceil(waitMs / 1000);
        throw new FetchError(
          'rate-limited',
          current.href,
          `${host} asked us to wait (Retry-After); not asking again for ${retryAfterSeconds}s`,
          { retryAfterSeconds },
        );
      }
      const release = await this.limiter.acquire(host, signal);
      try {
        const response = await request(current, {
          dispatcher: this.agent,
          method: 'GET',
          headers: this.requestHeaders(kind, options),
          signal,
        });
        const { statusCode: status, headers, body } = response;

        const location = header(headers, 'location');
        if (REDIRECT_STATUSES.has(status) && location) {
          await body.dump();
          const next = this.parseRedirect(location, current);
          if (chain.includes(next.href)) {
            throw new FetchError('redirect-loop', url, `redirect loop: ${[...chain, next.href].join(' → ')}; open the URL in a browser to see where it should go`);
          }
          if (chain.length > this.config.maxRedirects) {
            throw new FetchError(
              'too-many-redirects',
              url,
              `more than ${this.config.maxRedirects} redirects (http.maxRedirects), last to ${next.href}; use the final URL in the config`,
            );
          }
          chain.push(next.href);
          current = next;
          continue;
        }

        const contentType = header(headers, 'content-type');
        const etag = header(headers, 'etag');
        const lastModified = header(headers, 'last-modified');
        const retryAfterSeconds = parseRetryAfter(header(headers, 'retry-after'));

        if (status === 304) {
          await body.dump();
          return {
            url: current.href,
            status,
            notModified: true,
            body: '',
            contentType,
            etag: etag ?? options.etag ?? null,
            lastModified: lastModified ?? options.lastModified ?? null,
            retryAfterSeconds: retryAfterSeconds ?? maxAge(header(headers, 'cache-control')),
          };
        }

        if (status < 200 || status >= 300) {
          await body.dump().catch(() => undefined);
          if ((status === 429 || status === 503) && retryAfterSeconds !== null && retryAfterSeconds > 0) {
            await this.limiter.pause(host, Date.now() + retryAfterSeconds * 1000);
          }
          const advice = STATUS_ADVICE[status] ?? (status >= 500 ? 'a server-side problem; retried later' : 'the server refused the request');
          const wait = retryAfterSeconds !== null ? ` (Retry-After: ${retryAfterSeconds}s)` : '';
          throw new FetchError('status', current.href, `HTTP ${status}${wait}: ${advice}`, {
            status,
            permanent: status === 404 || status === 410,
            retryAfterSeconds,
          });
        }

        const limit = this.byteLimit(kind);
        const contentEncoding = header(headers, 'content-encoding');
        const declaredLength = Number(header(headers, 'content-length') ?? Number.NaN);
        if (!contentEncoding && Number.isFinite(declaredLength) && declaredLength > limit) {
          body.destroy();
          throw new BodyTooLargeError(limit);
        }
        const bytes = await readBody(body, contentEncoding, limit);
        return {
          url: current.href,
          status,
          notModified: false,
          body: decodeBody(bytes, contentType),
          contentType,
          etag,
          lastModified,
          retryAfterSeconds: retryAfterSeconds ?? maxAge(header(headers, 'cache-control')),
        };
      } finally {
        release();
      }
    }
  }

  private requestHeaders(kind: RequestKind, options: Omit<FetchOptions, 'kind'>): Record<string, string> {
    const headers: Record<string, string> = {
      'user-agent': this.config.userAgent,
      accept: ACCEPT[kind],
      'accept-encoding': 'gzip, deflate, br',
    };
    if (options.etag) headers['if-none-match'] = options.etag;
    if (options.lastModified) headers['if-modified-since'] = options.lastModified;
    return headers;
  }

  private byteLimit(kind: RequestKind): number {
    if (kind === 'feed') return this.config.maxFeedBytes;
    if (kind === 'page') return this.config.maxPageBytes;
    return MAX_ROBOTS_BYTES;
  }

  private parseTarget(url: string): URL {
    let parsed: URL;
    try {
      parsed = new URL(url.trim());
    } catch {
      throw new FetchError('invalid-url', url, 'not a valid absolute URL; check it for typos', { permanent: true });
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new FetchError('invalid-url', url, `only http and https URLs can be fetched, not ${parsed.protocol}`, { permanent: true });
    }
    return parsed;
  }

  private parseRedirect(location: string, from: URL): URL {
    let next: URL;
    try {
      next = new URL(location, from);
    } catch {
      throw new FetchError('invalid-url', from.href, `redirects to an invalid URL ${JSON.stringify(location)}`, { permanent: true });
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw new FetchError('invalid-url', from.href, `redirects to a ${next.protocol} URL, which vigil does not follow`, { permanent: true });
    }
    next.hash = '';
    return next;
  }

  /** IP-literal hosts never go through DNS, so the lookup guard would not see them. */
  private checkLiteralAddress(url: URL): void {
    if (this.config.allowPrivateNetworks) return;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) === 0) return;
    const reason = blockedAddressReason(host);
    if (reason) throw new BlockedAddressError(host, host, reason);
  }

  private async checkRobots(url: URL, signal: AbortSignal): Promise<void> {
    const verdict = await this.robots.check(url, signal);
    if (verdict.crawlDelayMs !== null) this.limiter.setMinDelay(url.hostname, verdict.crawlDelayMs);
    if (!verdict.allowed) {
      throw new FetchError(
        'robots',
        url.href,
        `${url.origin}/robots.txt disallows this page for "${this.config.userAgent}"; vigil keeps the feed's own text for it (set http.respectRobotsTxt: false only with the publisher's consent)`,
        { permanent: true },
      );
    }
  }

  private async fetchRobotsTxt(robotsUrl: string): Promise<RobotsFetchOutcome> {
    try {
      const result = await this.run(robotsUrl, 'robots', {});
      return { text: result.body, definitive: true };
    } catch (error) {
      if (error instanceof FetchError) {
        if (error.kind === 'blocked-address') throw error;
        if (error.kind === 'status' && error.status !== undefined && error.status >= 400 && error.status < 500 && error.status !== 429) {
          return { text: null, definitive: true };
        }
      }
      return { text: null, definitive: false };
    }
  }

  private classify(error: unknown, url: string, kind: RequestKind, callerSignal: AbortSignal | undefined, deadline: AbortSignal): FetchError {
    if (error instanceof FetchError) return error;
    const chain = errorChain(error);
    const blocked = chain.find((entry): entry is BlockedAddressError => entry instanceof BlockedAddressError);
    if (blocked) {
      return new FetchError(
        'blocked-address',
        url,
        `refused: ${blocked.message}. Set http.allowPrivateNetworks: true only if vigil should fetch from your own network`,
        { permanent: true, cause: error },
      );
    }
    if (chain.some((entry) => entry instanceof BodyTooLargeError)) {
      const limit = this.byteLimit(kind);
      const setting = kind === 'feed' ? 'http.maxFeedBytes' : kind === 'page' ? 'http.maxPageBytes' : 'the robots.txt limit';
      return new FetchError('too-large', url, `body larger than ${formatBytes(limit)} after decompression (${setting}); vigil will not read it`, {
        permanent: true,
        cause: error,
      });
    }
    if (chain.some((entry) => entry instanceof UnsupportedEncodingError)) {
      return new FetchError('network', url, `${(error as Error).message}; the server ignored our Accept-Encoding`, { cause: error });
    }
    if (callerSignal?.aborted) return new FetchError('aborted', url, 'fetch cancelled by the caller', { cause: error });
    const codes = chain.map(errorCode);
    if (deadline.aborted) {
      return new FetchError('timeout', url, `no complete response within ${seconds(this.config.timeout)} (http.timeout); the server is slow or stalled`, {
        cause: error,
      });
    }
    if (codes.includes('UND_ERR_CONNECT_TIMEOUT')) {
      return new FetchError('timeout', url, `could not connect within ${seconds(this.config.connectTimeout)} (http.connectTimeout); the host is down or unreachable`, {
        cause: error,
      });
    }
    if (codes.includes('UND_ERR_HEADERS_TIMEOUT')) {
      return new FetchError('timeout', url, `no response headers within ${seconds(this.config.timeout)} (http.timeout); the server is slow or stalled`, {
        cause: error,
      });
    }
    if (codes.includes('UND_ERR_BODY_TIMEOUT')) {
      return new FetchError('timeout', url, `the body stalled for ${seconds(this.config.timeout)} (http.timeout)`, { cause: error });
    }
    if (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN')) {
      return new FetchError('network', url, 'the host name does not resolve (DNS); check the URL', { cause: error });
    }
    if (codes.includes('ECONNREFUSED')) {
      return new FetchError('network', url, 'connection refused; the server is down or the port is wrong', { cause: error });
    }
    if (codes.includes('ECONNRESET') || codes.includes('UND_ERR_SOCKET')) {
      return new FetchError('network', url, 'the connection was closed mid-response; retried later', { cause: error });
    }
    if (codes.some((code) => code?.startsWith('Z_'))) {
      return new FetchError('network', url, 'the compressed body is corrupt or cut short; retried later', { cause: error });
    }
    const message = error instanceof Error ? error.message : String(error);
    return new FetchError('network', url, `${message}; retried later`, { cause: error });
  }
}
