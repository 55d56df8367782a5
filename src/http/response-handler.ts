import type { Dispatcher } from 'undici';
import { decodeBody } from './charset.ts';
import { FetchError } from './errors.ts';
import { readBody } from './read-body.ts';
import type { FetchResult } from './types.ts';

/** A server asking for more than a day is asking for something we will not give; the poll schedule decides then. */
const MAX_RETRY_AFTER_SECONDS = 86_400;

const STATUS_ADVICE: Record<number, string> = {
  401: 'the site wants a login; vigil cannot read it',
  403: 'the site refuses us (login, paywall or bot blocking); check the URL in a browser',
  404: 'nothing at this URL any more; check it in a browser and update the config',
  410: 'the publisher removed it for good; remove it from the config',
  429: 'the server is rate-limiting us; vigil waits before asking again (raise the interval or lower http.perHostConcurrency if this repeats)',
};

export function header(headers: Dispatcher.ResponseData['headers'], name: string): string | null {
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

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MB` : `${Math.round(bytes / 1024)} kB`;
}

export interface ResponseContext {
  url: URL;
  /** Validators sent with a conditional GET, kept when a 304 does not repeat them. */
  etag: string | null | undefined;
  lastModified: string | null | undefined;
  limit: { bytes: number; setting: string };
}

/** What a (non-redirect) response comes to; `pauseHostSeconds` is set when the server asked the whole host to wait. */
export type HandledResponse = { result: FetchResult } | { failure: FetchError; pauseHostSeconds: number | null };

/**
 * Turns a response's status and headers into a result or a FetchError, reading the body within
 * the byte cap (decompressed) and decoding it from its real charset. Failures of the transport
 * itself while reading (connection reset, corrupt compression) reject, for the caller to classify.
 */
export async function handleResponse(response: Dispatcher.ResponseData, context: ResponseContext): Promise<HandledResponse> {
  const { statusCode: status, headers, body } = response;
  const { url, limit } = context;
  const contentType = header(headers, 'content-type');
  const retryAfterSeconds = parseRetryAfter(header(headers, 'retry-after'));
  const nextPollHint = retryAfterSeconds ?? maxAge(header(headers, 'cache-control'));

  if (status === 304) {
    await body.dump();
    return {
      result: {
        url: url.href,
        status,
        notModified: true,
        body: '',
        contentType,
        etag: header(headers, 'etag') ?? context.etag ?? null,
        lastModified: header(headers, 'last-modified') ?? context.lastModified ?? null,
        retryAfterSeconds: nextPollHint,
      },
    };
  }

  if (status < 200 || status >= 300) {
    await body.dump().catch(() => undefined);
    const pauseHostSeconds = (status === 429 || status === 503) && retryAfterSeconds !== null && retryAfterSeconds > 0 ? retryAfterSeconds : null;
    const advice = STATUS_ADVICE[status] ?? (status >= 500 ? 'a server-side problem; retried later' : 'the server refused the request');
    const wait = retryAfterSeconds !== null ? ` (Retry-After: ${retryAfterSeconds}s)` : '';
    const failure = new FetchError('status', url.href, `HTTP ${status}${wait}: ${advice}`, {
      status,
      permanent: status === 404 || status === 410,
      retryAfterSeconds,
    });
    return { failure, pauseHostSeconds };
  }

  const tooLarge = () =>
    new FetchError('too-large', url.href, `body larger than ${formatBytes(limit.bytes)} after decompression (${limit.setting}); vigil will not read it`, {
      permanent: true,
    });
  const contentEncoding = header(headers, 'content-encoding');
  const declaredLength = Number(header(headers, 'content-length') ?? Number.NaN);
  if (!contentEncoding && Number.isFinite(declaredLength) && declaredLength > limit.bytes) {
    body.destroy();
    return { failure: tooLarge(), pauseHostSeconds: null };
  }
  const reading = await readBody(body, contentEncoding, limit.bytes);
  if ('tooLarge' in reading) return { failure: tooLarge(), pauseHostSeconds: null };
  if ('unsupportedEncoding' in reading) {
    const failure = new FetchError(
      'network',
      url.href,
      `unsupported Content-Encoding "${reading.unsupportedEncoding}"; the server ignored our Accept-Encoding`,
    );
    return { failure, pauseHostSeconds: null };
  }
  return {
    result: {
      url: url.href,
      status,
      notModified: false,
      body: decodeBody(reading.bytes, contentType),
      contentType,
      etag: header(headers, 'etag'),
      lastModified: header(headers, 'last-modified'),
      retryAfterSeconds: nextPollHint,
    },
  };
}
