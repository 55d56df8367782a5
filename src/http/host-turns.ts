import { FetchError } from './errors.ts';
import type { HostLimiter } from './host-limiter.ts';
import { seconds, type TimeAllowance } from './time-allowance.ts';

/**
 * Waiting for our turn at a host: its Retry-After pause and a slot under the per-host limits
 * (http.perHostConcurrency, http.perHostDelay). The wait has its own allowance, apart from the
 * server's http.timeout, and running out of it is reported as what it is: the request was never
 * sent, so it is postponed, not a failure of the URL.
 */
export class HostTurns {
  constructor(private readonly limiter: HostLimiter) {}

  /** Waits for a slot at `url`'s host; resolves to the function that gives it back, or to why no turn came. */
  async take(url: URL, allowance: TimeAllowance, callerSignal: AbortSignal | undefined): Promise<(() => void) | FetchError> {
    const host = url.hostname;
    const pausedMs = await this.limiter.pausedFor(host);
    if (pausedMs > allowance.remainingMs()) {
      const retryAfterSeconds = Math.ceil(pausedMs / 1000);
      return new FetchError(
        'rate-limited',
        url.href,
        `${host} asked us to wait (Retry-After) ${retryAfterSeconds}s more, longer than vigil waits for a turn (${seconds(allowance.limitMs)}); not requested, postponed`,
        { retryAfterSeconds, postponed: true },
      );
    }
    const waitLimit = AbortSignal.timeout(allowance.remainingMs());
    const signal = callerSignal ? AbortSignal.any([callerSignal, waitLimit]) : waitLimit;
    const release = await allowance.spend(() =>
      this.limiter.acquire(host, signal).catch((error: unknown) => {
        // The shared limiter lives in Redis: its failure is not the host's.
        const message = error instanceof Error ? error.message : String(error);
        return new FetchError('network', url.href, `could not wait for a turn at ${host} (${message}); retried later`, { cause: error });
      }),
    );
    if (release !== null) return release;
    if (callerSignal?.aborted) return new FetchError('aborted', url.href, 'fetch cancelled by the caller');
    return new FetchError(
      'host-busy',
      url.href,
      `waited ${seconds(allowance.limitMs)} for a slot on host ${host} (http.perHostConcurrency, http.perHostDelay); not requested, postponed: the host has a backlog, the server was never asked`,
      { postponed: true },
    );
  }
}
