/**
 * Why a fetch failed:
 * - timeout: connect, response headers or the whole request took longer than configured;
 * - too-large: the decompressed body passed the byte cap (feeds 5 MB, pages 10 MB by default);
 * - status: the server answered with an HTTP error (`status` set);
 * - redirect-loop / too-many-redirects: the redirect chain came back on itself or was too long;
 * - blocked-address: the host resolves to a loopback/private/link-local/metadata address (SSRF guard);
 * - robots: robots.txt disallows the page for our user agent;
 * - rate-limited: the host asked us to wait (429/503 Retry-After) for longer than vigil waits for a turn;
 * - host-busy: no slot at the host came free within the wait vigil allows (its per-host limits);
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
  | 'host-busy'
  | 'invalid-url'
  | 'aborted'
  | 'network';

export interface FetchErrorDetails {
  status?: number;
  /** True when trying the same request again will not help (404, 410, robots, blocked, too large, bad URL). */
  permanent?: boolean;
  retryAfterSeconds?: number | null;
  /** True when vigil never sent the request (rate-limited, host-busy): the URL did not fail, it waits its turn. */
  postponed?: boolean;
  cause?: unknown;
}

/** A fetch that produced no usable response. The message names the URL and what to do about it. */
export class FetchError extends Error {
  readonly kind: FetchErrorKind;
  readonly url: string;
  readonly status: number | undefined;
  readonly permanent: boolean;
  readonly retryAfterSeconds: number | null;
  readonly postponed: boolean;

  constructor(kind: FetchErrorKind, url: string, message: string, details: FetchErrorDetails = {}) {
    super(`${url}: ${message}`, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'FetchError';
    this.kind = kind;
    this.url = url;
    this.status = details.status;
    this.permanent = details.permanent ?? false;
    this.retryAfterSeconds = details.retryAfterSeconds ?? null;
    this.postponed = details.postponed ?? false;
  }
}

/** The SSRF guard refused every address a host name resolves to (raised inside the socket's lookup). */
export class BlockedAddressError extends Error {
  readonly code = 'EVIGIL_BLOCKED_ADDRESS';
  readonly hostname: string;
  readonly address: string;
  readonly reason: string;

  constructor(hostname: string, address: string, reason: string) {
    super(`${hostname} resolves to ${address}, a ${reason}`);
    this.name = 'BlockedAddressError';
    this.hostname = hostname;
    this.address = address;
    this.reason = reason;
  }
}

/** Raised inside the body pipeline when the decompressed body passes the cap. */
export class BodyTooLargeError extends Error {
  readonly limit: number;

  constructor(limit: number) {
    super(`body larger than ${limit} bytes`);
    this.name = 'BodyTooLargeError';
    this.limit = limit;
  }
}
