/**
 * Why a fetch failed:
 * - timeout: connect, response headers or the whole request took longer than configured;
 * - too-large: the decompressed body passed the byte cap (feeds 5 MB, pages 10 MB by default);
 * - status: the server answered with an HTTP error (`status` set);
 * - redirect-loop / too-many-redirects: the redirect chain came back on itself or was too long;
 * - blocked-address: the host resolves to a loopback/private/link-local/metadata address (SSRF guard);
 * - robots: robots.txt disallows the page for our user agent;
 * - rate-limited: the server asked us to wait (429/503 Retry-After) and the wait is not over;
 * - invalid-url: not an absolute http(s) URL;
 * - aborted: the caller's AbortSignal fired;
 * - network: DNS, connection refused/reset, TLS and other transport failures.
 */
export type FetchErrorKind =
  | 'timeout'
  | 'too-large'
  | 'status'
  | 'redirect-loop'
  | 'too-many-redirects'
  | 'blocked-address'
  | 'robots'
  | 'rate-limited'
  | 'invalid-url'
  | 'aborted'
  | 'network';

export interface FetchErrorDetails {
  status?: number;
  /** True when trying the same request again will not help (404, 410, robots, blocked, too large, bad URL). */
  permanent?: boolean;
  retryAfterSeconds?: number | null;
  cause?: unknown;
}

/** A fetch that produced no usable response. The message names the URL and what to do about it. */
export class FetchError extends Error {
  readonly kind: FetchErrorKind;
  readonly url: string;
  readonly status: number | undefined;
  readonly permanent: boolean;
  readonly retryAfterSeconds: number | null;

  constructor(kind: FetchErrorKind, url: string, message: string, details: FetchErrorDetails = {}) {
    super(`${url}: ${message}`, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'FetchError';
    this.kind = kind;
    this.url = url;
    this.status = details.status;
    this.permanent = details.permanent ?? false;
    this.retryAfterSeconds = details.retryAfterSeconds ?? null;
  }
}
