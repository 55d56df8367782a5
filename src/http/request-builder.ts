import { isIP } from 'node:net';
import type { HttpConfig } from '../config/schema.ts';
import { blockedAddressReason } from './address-guard.ts';
import { BlockedAddressError, FetchError } from './errors.ts';
import type { FetchOptions } from './types.ts';

/** What a request is for: feeds and pages (FetchOptions), and the robots.txt the client reads for pages. */
export type RequestKind = FetchOptions['kind'] | 'robots';

const ACCEPT: Record<RequestKind, string> = {
  feed: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5',
  page: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5',
  robots: 'text/plain, */*;q=0.5',
};

/** robots.txt files beyond 500 KiB are ignored by Google too (RFC 9309 asks parsers to read at least that). */
const MAX_ROBOTS_BYTES = 500 * 1024;

/** The headers of every request vigil sends: who we are, what we accept, and the validators of a conditional GET. */
export function requestHeaders(userAgent: string, kind: RequestKind, validators: Pick<FetchOptions, 'etag' | 'lastModified'>): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': userAgent,
    accept: ACCEPT[kind],
    'accept-encoding': 'gzip, deflate, br',
  };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  return headers;
}

/** The most bytes (after decompression) vigil reads for this kind of request, and the setting that says so. */
export function byteLimit(config: HttpConfig, kind: RequestKind): { bytes: number; setting: string } {
  if (kind === 'feed') return { bytes: config.maxFeedBytes, setting: 'http.maxFeedBytes' };
  if (kind === 'page') return { bytes: config.maxPageBytes, setting: 'http.maxPageBytes' };
  return { bytes: MAX_ROBOTS_BYTES, setting: 'the robots.txt limit' };
}

/** An absolute http(s) URL to fetch, or why it cannot be fetched. */
export function parseTarget(url: string): URL | FetchError {
  const parsed = URL.parse(url.trim());
  if (parsed === null) return new FetchError('invalid-url', url, 'not a valid absolute URL; check it for typos', { permanent: true });
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return new FetchError('invalid-url', url, `only http and https URLs can be fetched, not ${parsed.protocol}`, { permanent: true });
  }
  return parsed;
}

/** The SSRF guard's refusal, phrased for the user. */
export function blockedAddressFailure(url: string, blocked: BlockedAddressError, cause: unknown = blocked): FetchError {
  return new FetchError(
    'blocked-address',
    url,
    `refused: ${blocked.message}. Set http.allowPrivateNetworks: true only if vigil should fetch from your own network`,
    { permanent: true, cause },
  );
}

/** IP-literal hosts never go through DNS, so the lookup guard would not see them: they are checked here. */
export function literalAddressFailure(url: URL, config: HttpConfig): FetchError | null {
  if (config.allowPrivateNetworks) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) === 0) return null;
  const reason = blockedAddressReason(host);
  return reason ? blockedAddressFailure(url.href, new BlockedAddressError(host, host, reason)) : null;
}
