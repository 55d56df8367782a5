import type { Command } from 'commander';
import type { Redis } from 'ioredis';
import { startWorkers } from '../../jobs/runtime.ts';
import { syncSchedules } from '../../jobs/schedules.ts';
import type { Logger } from '../../log/logger.ts';
import { openSession } from '../session.ts';

/** Delayed jobs vanish under an evicting policy (BullMQ's production guide): warn loudly at start. */
export async function checkEvictionPolicy(redis: Redis, logger: Logger): Promise<string | null> {
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const policy = reply[1] ?? 'unknown';
    if (policy !== 'noeviction') {
      logger.warn({ policy }, 'Redis maxmemory-policy should be "noeviction", or scheduled and delayed jobs can be evicted');
    }
    return policy;
  } catch {
    // Managed Redis often forbids CONFIG; the check is advisory.
    return null;
  }
}

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('run all processors and schedulers until SIGTERM/SIGINT')
    .action(async (_options: unknown, command: Command) => {
      const session = await openSession({ configPath: command.optsWithGlobals<{ config?: string }>().config, logLevel: process.env.VIGIL_LOG_LEVEL ?? 'info' });
      const { context } = session.runtime;
      await checkEvictionPolicy(session.runtime.redis, session.logger);
      const synced = await syncSchedules(session.config, context.queues);
      const workers = startWorkers(context);
      session.logger.info({ feeds: synced.feeds, groups: synced.groups, removedSchedules: synced.removed }, 'vigil worker started');
      await new Promise<void>((resolve) => {
        let stopping = false;
        const stop = (signal: string) => {
          if (stopping) return;
          stopping = true;
          session.logger.info({ signal }, 'stopping: finishing active jobs');
          void workers
            .close()
            .then(() => session.close())
            .then(() => resolve());
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
      });
      session.logger.info('vigil worker stopped');
    });
}
