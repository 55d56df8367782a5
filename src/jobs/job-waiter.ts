import { QueueEvents, type QueueEventsOptions } from 'bullmq';

/**
 * Waits for many jobs of one queue through a single pair of listeners. `Job.waitUntilFinished`
 * adds listeners per job, which for `vigil poll --all` passes Node's listener limit and prints a
 * MaxListenersExceededWarning; this keeps one map of job id → waiter instead.
 */
export class JobWaiter<Result> {
  private readonly events: QueueEvents;
  private readonly waiting = new Map<string, { resolve: (value: Result) => void; reject: (error: Error) => void }>();

  constructor(queueName: string, options: QueueEventsOptions) {
    this.events = new QueueEvents(queueName, options);
    this.events.on('completed', ({ jobId, returnvalue }) => this.settle(jobId, { value: parseReturn<Result>(returnvalue) }));
    this.events.on('failed', ({ jobId, failedReason }) => this.settle(jobId, { error: new Error(failedReason) }));
  }

  ready(): Promise<unknown> {
    return this.events.waitUntilReady();
  }

  /**
   * Resolves with the job's return value, rejects with its failure, or rejects after timeoutMs.
   * Call it before adding the job: a fast job can finish before an `await` after `add` returns.
   */
  track(jobId: string, timeoutMs: number): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(jobId);
        reject(new Error(`job ${jobId} did not finish within ${Math.round(timeoutMs / 1000)} s`));
      }, timeoutMs);
      this.waiting.set(jobId, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
  }

  /** Also hears every completed job's return value (e.g. the alerts sent while a poll runs). */
  onCompleted(listener: (result: Result) => void): void {
    this.events.on('completed', ({ returnvalue }) => listener(parseReturn<Result>(returnvalue)));
  }

  close(): Promise<void> {
    return this.events.close();
  }

  private settle(jobId: string, outcome: { value?: Result; error?: Error }): void {
    const waiter = this.waiting.get(jobId);
    if (!waiter) return;
    this.waiting.delete(jobId);
    if (outcome.error) waiter.reject(outcome.error);
    else waiter.resolve(outcome.value as Result);
  }
}

function parseReturn<Result>(value: unknown): Result {
  return (typeof value === 'string' ? JSON.parse(value) : value) as Result;
}
