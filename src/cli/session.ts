import { resolve } from 'node:path';
import { parseDuration } from '../config/duration.ts';
import { ConfigError } from '../config/errors.ts';
import { loadConfig } from '../config/load.ts';
import type { VigilConfig } from '../config/schema.ts';
import { createRuntime, type Runtime } from '../jobs/runtime.ts';
import { createLogger, type Logger } from '../log/logger.ts';
import { redactUrl } from '../log/redact.ts';
import { ensureRedis } from '../store/local-redis.ts';
import { waitForRedis } from '../store/wait-for-redis.ts';

export interface Session {
  config: VigilConfig;
  runtime: Runtime;
  logger: Logger;
  close(): Promise<void>;
}

export interface SessionOptions {
  configPath?: string | undefined;
  /** Used instead of loading configPath (the demo adjusts its config before starting). */
  config?: VigilConfig;
  logLevel?: string;
  /** Prints one line to the user (stderr), e.g. that vigil is waiting for Redis. */
  say?: (line: string) => void;
  /**
   * Start a private redis-server when nothing listens at the configured URL. Only the demo does:
   * a deployment's worker on an empty Redis would send every digest and alert again.
   */
  privateRedis?: boolean;
  /** How long to wait for the configured Redis before giving up (default 10 s; the worker waits longer; VIGIL_REDIS_WAIT overrides both). */
  redisWaitMs?: number;
}

/** VIGIL_REDIS_WAIT (e.g. "2m", "0s"): how long commands wait for Redis, when set. */
function redisWaitFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const text = env.VIGIL_REDIS_WAIT;
  if (text === undefined || text === '') return undefined;
  const ms = parseDuration(text);
  if (ms === null) throw new ConfigError('VIGIL_REDIS_WAIT', [`expected a duration such as "30s" or "2m", got "${text}"`]);
  return ms;
}

/** Where a private redis-server keeps its data, so state survives between demo runs in the same folder. */
export const PRIVATE_REDIS_DIR = '.vigil/redis';

/** Loads the config, waits for its Redis (or, for the demo only, starts a private one) and builds the runtime. */
export async function openSession(options: SessionOptions): Promise<Session> {
  const logger = createLogger({ level: options.logLevel ?? process.env.VIGIL_LOG_LEVEL ?? 'warn' });
  const say = options.say ?? ((line: string) => process.stderr.write(`${line}\n`));
  const loaded = options.config ?? loadConfig(options.configPath);
  let stopPrivate: () => Promise<void> = async () => undefined;
  let url = loaded.redis.url;
  if (options.privateRedis) {
    const endpoint = await ensureRedis(url, { dir: resolve(PRIVATE_REDIS_DIR), appendOnly: true });
    if (endpoint.started) {
      say(`vigil: nothing listens at ${redactUrl(url)}; started a private redis-server at ${endpoint.url} for this run (data in ${PRIVATE_REDIS_DIR}/).`);
      stopPrivate = () => endpoint.stop();
      // A reader that closes our stdout early (`vigil demo | head -1`) must not leave the server running.
      stopPrivateOnExit(endpoint.stop);
    }
    url = endpoint.url;
  } else {
    await waitForRedis(url, {
      timeoutMs: redisWaitFromEnv(process.env) ?? options.redisWaitMs ?? 10_000,
      onRetry: (reason, retryInMs) => say(`vigil: waiting for Redis at ${redactUrl(url)} (${reason}); retrying in ${(retryInMs / 1000).toFixed(1)} s`),
    });
  }
  const config: VigilConfig = { ...loaded, redis: { ...loaded.redis, url } };
  const runtime = createRuntime(config, { logger });
  return {
    config,
    runtime,
    logger,
    async close() {
      await runtime.close();
      await stopPrivate();
    },
  };
}

/** Runs `work` with an open session and always closes it, whatever `work` does. */
export async function withSession<T>(options: SessionOptions, work: (session: Session) => Promise<T>): Promise<T> {
  const session = await openSession(options);
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}

function stopPrivateOnExit(stop: () => Promise<void>): void {
  process.stdout.once('error', () => void stop());
  process.once('exit', () => void stop());
}
