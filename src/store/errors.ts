import { redactUrl } from '../log/redact.ts';

/** No Redis answers at the configured URL and none can be started here; the message says how to fix it. */
export class RedisUnavailableError extends Error {
  constructor(url: string, reason: string) {
    super(
      `No Redis answers at ${redactUrl(url)} (${reason}) and redis-server is not on PATH. ` +
        `Fix: start Redis (e.g. "redis-server --save '' --appendonly no"), install it ("apt-get install redis-server"), ` +
        `or point VIGIL_REDIS_URL at a running one.`,
    );
    this.name = 'RedisUnavailableError';
  }
}
