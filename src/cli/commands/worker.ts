import type { Command } from 'commander';
import { configPathOf } from '../output.ts';

/** How long SIGTERM/SIGINT wait for active jobs before giving up on them (another worker retries them). */
const DRAIN_TIMEOUT_MS = 30_000;
/** A worker waits this long for its Redis at start (a container may come up before Redis does). */
const REDIS_WAIT_MS = 60_000;

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('run all processors and schedulers until SIGTERM/SIGINT')
    .action(async (_options: unknown, command: Command) => {
      const { openSession } = await import('../session.ts');
      const { checkEvictionPolicy } = await import('../../jobs/eviction-policy.ts');
      const { syncSchedules } = await import('../../jobs/schedules.ts');
      const { startWorkers } = await import('../../jobs/runtime.ts');
      const { redactUrl } = await import('../../log/redact.ts');
      const session = await openSession({ configPath: configPathOf(command), logLevel: process.env.VIGIL_LOG_LEVEL ?? 'info', redisWaitMs: REDIS_WAIT_MS });
      const { context } = session.runtime;
      const { config, logger } = session;
      let workers: Awaited<ReturnType<typeof startWorkers>> | null = null;
      try {
        await checkEvictionPolicy(session.runtime.redis, logger);
        const feedIds = config.feeds.map((feed) => feed.id);
        if (feedIds.length > 0 && (await context.feeds.countKnown(feedIds)) === 0) {
          // Said out loud: on a Redis that lost vigil's state, every item is new again and digests repeat.
          logger.warn(
            { redis: redactUrl(config.redis.url), prefix: config.redis.prefix },
            'no state of these feeds in this Redis: starting fresh (every item in the feeds counts as new). If this deployment ran before, check redis.url and redis.prefix',
          );
        }
        const synced = await syncSchedules(config, context.queues);
        workers = startWorkers(context);
        logger.info({ feeds: synced.feeds, groups: synced.groups, removedSchedules: synced.removed }, 'vigil worker started');
      } catch (error) {
        await session.close();
        throw error;
      }
      const running = workers;
      await new Promise<void>((resolve) => {
        let stopping = false;
        const stop = (signal: string) => {
          if (stopping) {
            logger.warn({ signal }, 'second signal: exiting now; active jobs are retried by another worker after worker.lockDuration');
            process.exit(130);
          }
          stopping = true;
          logger.info({ signal, drainTimeoutMs: DRAIN_TIMEOUT_MS }, 'stopping: finishing active jobs');
          const timer = setTimeout(() => {
            logger.warn('active jobs did not finish within the drain timeout; exiting (they are retried after worker.lockDuration)');
            process.exit(1);
          }, DRAIN_TIMEOUT_MS);
          timer.unref();
          void running
            .close()
            .then(() => session.close())
            .then(() => resolve());
        };
        process.on('SIGTERM', () => stop('SIGTERM'));
        process.on('SIGINT', () => stop('SIGINT'));
      });
      logger.info('vigil worker stopped');
    });
}
