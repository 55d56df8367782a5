import type { TestProject } from 'vitest/node';
import { buildIfStale } from '../scripts/build-if-stale.ts';
import { ensureRedis } from '../src/store/local-redis.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/** Finds Redis the way the CLI does: the configured URL, else a private redis-server on a spare port. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // CLI tests run bin/vigil.mjs, which loads dist/.
  buildIfStale((line) => console.log(`vigil tests: ${line}`));
  const configured = process.env.VIGIL_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const endpoint = await ensureRedis(configured);
  if (endpoint.started) console.log(`vigil tests: no Redis at ${configured}; started a private redis-server at ${endpoint.url}`);
  project.provide('redisUrl', endpoint.url);
  return () => endpoint.stop();
}
