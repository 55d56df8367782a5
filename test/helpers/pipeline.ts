import { parseConfig } from '../../src/config/load.ts';
import type { VigilConfig } from '../../src/config/schema.ts';
import { createRuntime, type Runtime } from '../../src/jobs/runtime.ts';
import { createLogger } from '../../src/log/logger.ts';
import { loadTopicsFile } from '../../src/matching/index.ts';
import { testRedisUrl } from './redis.ts';

export interface TestConfigOptions {
  prefix: string;
  feeds: { id: string; url: string; name?: string; conditionalGet?: boolean; maxItemsPerPoll?: number }[];
  smtpPort: number;
  groups?: Record<string, unknown>[];
  extra?: Record<string, unknown>;
}

/** A config on the test Redis, with the default topics, loopback allowed and fast retries. */
export function testConfig(options: TestConfigOptions): VigilConfig {
  const { topics, synonyms } = loadTopicsFile('config/topics.yaml');
  return parseConfig(
    {
      redis: { url: testRedisUrl(), prefix: options.prefix },
      http: { allowPrivateNetworks: true, timeout: '5s', connectTimeout: '2s', respectRobotsTxt: false },
      // Short stall detection: the stalled-check key is shared, so the first worker's interval governs all.
      worker: { attempts: 2, backoff: '50ms', lockDuration: '5s', stalledInterval: '1s' },
      topics,
      synonyms,
      feeds: options.feeds,
      groups: options.groups ?? [{ id: 'analysts', name: 'CT analysts', to: ['analysts@example.org'], schedule: { cron: '0 7 * * *', tz: 'Europe/London' } }],
      mail: { from: 'vigil <vigil@example.org>', transport: 'smtp', smtp: { host: '127.0.0.1', port: options.smtpPort } },
      ...options.extra,
    },
    'test',
    {},
  );
}

export function testRuntime(config: VigilConfig): Runtime {
  return createRuntime(config, { logger: createLogger({ level: 'silent', pretty: false }) });
}
