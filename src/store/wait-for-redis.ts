import { redactSecrets, redactUrl } from '../log/redact.ts';
import { probeRedis } from './local-redis.ts';

/** No Redis answered at the configured URL within the wait; the message names the URL (password hidden) and the fix. */
export class RedisUnreachableError extends Error {
  override name = 'RedisUnreachableError';
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(
      `no Redis answers at ${redactUrl(url)} (${reason}). Start Redis there or set VIGIL_REDIS_URL / redis.url to one that runs; ` +
        'vigil never starts a Redis of its own for a deployment (its state would be empty and digests and alerts would be sent again)',
    );
  }
}

/** Replies that retrying cannot fix: the credentials or the permissions are wrong. */
const FATAL_REPLY = /WRONGPASS|NOAUTH|NOPERM|invalid password|ERR AUTH|certificate|self[- ]signed|CERT_/i;

export interface WaitForRedisOptions {
  /** Give up after this long (the first try counts). */
  timeoutMs: number;
  /** Told before each retry, with the reason and the pause. */
  onRetry?: (reason: string, retryInMs: number) => void;
}

/**
 * Resolves once Redis answers PING at url; retries with backoff (0.5 s doubling to 5 s) while it
 * is unreachable, and fails at once when it refuses the credentials or the certificate.
 */
export async function waitForRedis(url: string, options: WaitForRedisOptions): Promise<void> {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  const secrets = parsed?.password ? [decodeURIComponent(parsed.password)] : [];
  const deadline = Date.now() + options.timeoutMs;
  let pause = 500;
  for (;;) {
    const failure = await probeRedis(url);
    if (failure === null) return;
    const reason = redactSecrets(failure, secrets);
    if (FATAL_REPLY.test(reason) || Date.now() + pause > deadline) throw new RedisUnreachableError(url, reason);
    options.onRetry?.(reason, pause);
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, 5_000);
  }
}
