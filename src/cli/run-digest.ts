import { QueueEvents, type Job } from 'bullmq';
import type { DigestOutcome } from '../jobs/notify.ts';
import type { NotifyJobData } from '../jobs/queues.ts';
import { startWorkers, type Runtime } from '../jobs/runtime.ts';
import { connectionOptions } from '../store/connection.ts';

/** Sends group digests now through the notify queue (the same processor the scheduler runs) and waits for the outcome. */
export async function runDigestsNow(runtime: Runtime, groupIds: string[], timeoutMs = 5 * 60_000): Promise<DigestOutcome[]> {
  const { context } = runtime;
  const events = new QueueEvents('notify', { connection: connectionOptions(context.config.redis.url), prefix: context.config.redis.prefix });
  const workers = startWorkers(context, ['notify']);
  try {
    await events.waitUntilReady();
    const stamp = Date.now();
    const jobs: Job<NotifyJobData>[] = await context.queues.notify.addBulk(
      groupIds.map((groupId) => ({
        name: 'digest',
        data: { kind: 'digest', groupId },
        opts: { jobId: `manual-digest-${groupId}-${stamp}`, attempts: 1 },
      })),
    );
    return (await Promise.all(jobs.map((job) => job.waitUntilFinished(events, timeoutMs)))) as DigestOutcome[];
  } finally {
    await workers.close();
    await events.close();
  }
}
