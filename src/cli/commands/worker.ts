import type { Command } from 'commander';
import { configPathOf } from '../output.ts';

/** How long SIGTERM/SIGINT wait for active jobs before giving up on them (another worker retries them). */
const DRAIN_TIMEOUT_MS = 30_000;
/** A worker waits this long for its Redis at start (a container may come up before Redis does). */
const REDIS_WAIT_MS = 60_000;

/** `--http` parsed and checked against the credentials in the environment, before anything starts. */
async function checkedOperatorAddress(text: string) {
  const { UsageError } = await import('../usage-error.ts');
  const { parseListenAddress } = await import('../../web/listen-address.ts');
  const { credentialsFromEnv, listenProblem } = await import('../../web/access.ts');
  const address = parseListenAddress(text);
  if (!address) throw new UsageError(`--http: expected a port or host:port (e.g. 9464, 0.0.0.0:9464, [::1]:9464), got "${text}"`);
  const credentials = credentialsFromEnv(process.env);
  const problem = listenProblem(address.host, credentials);
  if (problem) throw new UsageError(`--http: ${problem}`);
  return { ...address, credentials };
}

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('run all processors and schedulers until SIGTERM/SIGINT')
    .option(
      '--http <[host:]port>',
      'serve /healthz, /readyz and /metrics on this port (host 127.0.0.1 unless given; any other needs VIGIL_WEB_PASSWORD or VIGIL_WEB_TOKEN)',
    )
    .action(async (options: { http?: string }, command: Command) => {
      const operatorAddress = options.http === undefined ? null : await checkedOperatorAddress(options.http);
      const { openSession } = await import('../session.ts');
      const { checkEvictionPolicy } = await import('../../jobs/eviction-policy.ts');
      const { syncSchedules } = await import('../../jobs/schedules.ts');
      const { startWorkers } = await import('../../jobs/runtime.ts');
      const { redactUrl } = await import('../../log/redact.ts');
      const session = await openSession({ configPath: configPathOf(command), logLevel: process.env.VIGIL_LOG_LEVEL ?? 'info', redisWaitMs: REDIS_WAIT_MS });
      const { context } = session.runtime;
      const { config, logger } = session;
      let workers: Awaited<ReturnType<typeof startWorkers>> | null = null;
      let operator: { close(): Promise<void> } | null = null;
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
        if (operatorAddress) {
          const { startWeb } = await import('../../web/start.ts');
          const { observeFetchErrors, observeWorkers } = await import('../../web/metrics/observe-pipeline.ts');
          const server = await startWeb({ context, ...operatorAddress, console: false });
          operator = server;
          observeFetchErrors(server.metrics, context.http);
          workers = startWorkers(context);
          observeWorkers(server.metrics, workers.workers);
          logger.info({ url: server.url }, 'serving /healthz, /readyz and /metrics');
        } else {
          workers = startWorkers(context);
        }
        logger.info({ feeds: synced.feeds, groups: synced.groups, removedSchedules: synced.removed }, 'vigil worker started');
      } catch (error) {
        await workers?.close();
        await operator?.close();
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
            .then(() => operator?.close())
            .then(() => session.close())
            .then(() => resolve());
        };
        process.on('SIGTERM', () => stop('SIGTERM'));
        process.on('SIGINT', () => stop('SIGINT'));
      });
      logger.info('vigil worker stopped');
    });
}
