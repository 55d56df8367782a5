import { resolve } from 'node:path';
import { loadConfig } from '../config/load.ts';
import type { VigilConfig } from '../config/schema.ts';
import { createRuntime, type Runtime } from '../jobs/runtime.ts';
import { createLogger, type Logger } from '../log/logger.ts';
import { ensureRedis } from '../store/local-redis.ts';

export interface Session {
  config: VigilConfig;
  runtime: Runtime;
  logger: Logger;
  close(): Promise<void>;
}

export interface SessionOptions {
  configPath?: string;
  /** Used instead of loading configPath (the demo adjusts its config before starting). */
  config?: VigilConfig;
  logLevel?: string;
  /** Prints one line to the user (stderr), e.g. that a private Redis was started. */
  say?: (line: string) => void;
}

/** Where a private redis-server keeps its data, so state survives between CLI runs in the same folder. */
export const PRIVATE_REDIS_DIR = '.vigil/redis';

/**
 * Loads the config, finds Redis (starting a private redis-server when none answers and one is
 * installed), and builds the runtime. Every command that touches Redis goes through here.
 */
export async function openSession(options: SessionOptions): Promise<Session> {
  const logger = createLogger({ level: options.logLevel ?? process.env.VIGIL_LOG_LEVEL ?? 'warn' });
  const say = options.say ?? ((line: string) => process.stderr.write(`${line}\n`));
  const loaded = options.config ?? loadConfig(options.configPath);
  const endpoint = await ensureRedis(loaded.redis.url, { dir: resolve(PRIVATE_REDIS_DIR), appendOnly: true });
  if (endpoint.started) {
    say(`vigil: no Redis answered at ${loaded.redis.url}; started a private redis-server at ${endpoint.url} for this run (data in ${PRIVATE_REDIS_DIR}/).`);
  }
  const config: VigilConfig = { ...loaded, redis: { ...loaded.redis, url: endpoint.url } };
  const runtime = createRuntime(config, { logger });
  return {
    config,
    runtime,
    logger,
    async close() {
      await runtime.close();
      await endpoint.stop();
    },
  };
}
