import type { Queues } from './queues.ts';

const BUSY_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'paused'] as const;
/** Poll and notify always hold delayed jobs (the schedulers' next runs), so only work due now counts there. */
const DUE_STATES = ['waiting', 'active', 'prioritized'] as const;
/** Steps whose delayed jobs are retries of work in progress, which a drain must wait for. */
const RETRYING_QUEUES = ['fetch', 'extract', 'match'] as const;

/** Jobs still to do in the item steps (poll → fetch → extract → match) plus alerts and digests due now. */
export async function outstandingItemJobs(queues: Queues): Promise<number> {
  const counts = await Promise.all([
    ...RETRYING_QUEUES.map((name) => queues[name].getJobCounts(...BUSY_STATES)),
    queues.poll.getJobCounts(...DUE_STATES),
    queues.notify.getJobCounts(...DUE_STATES),
  ]);
  return counts.reduce((sum, byState) => sum + Object.values(byState).reduce((a, b) => a + b, 0), 0);
}

/** Resolves when the pipeline has nothing left to do now, or with the count still outstanding at the deadline. */
export async function waitForIdle(queues: Queues, timeoutMs: number, pollMs = 100): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let quietChecks = 0;
  for (;;) {
    const outstanding = await outstandingItemJobs(queues);
    // Two consecutive empty reads: a job moving between queues is never counted as done.
    quietChecks = outstanding === 0 ? quietChecks + 1 : 0;
    if (quietChecks >= 2) return 0;
    if (Date.now() > deadline) return outstanding;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
