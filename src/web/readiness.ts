import type { PipelineContext } from '../jobs/context.ts';
import { redactText } from '../log/redact.ts';
import { withTimeout } from './timeout.ts';

const PROBE_TIMEOUT_MS = 2_000;
const NAMES_SHOWN = 5;

export interface Readiness {
  ready: boolean;
  /** What is wrong, one sentence each; empty when ready. */
  problems: string[];
}

function listed(ids: readonly string[]): string {
  const shown = ids.slice(0, NAMES_SHOWN).join(', ');
  return ids.length > NAMES_SHOWN ? `${shown} and ${ids.length - NAMES_SHOWN} more` : shown;
}

/**
 * Ready means: Redis answers, and every configured feed and group has its scheduler (a worker
 * registers them at start-up; without them nothing is polled and no digest goes out).
 */
export async function checkReadiness(context: PipelineContext): Promise<Readiness> {
  try {
    await withTimeout(context.redisHealth.ping(), PROBE_TIMEOUT_MS, 'Redis did not answer PING');
  } catch (error) {
    return { ready: false, problems: [`Redis is unreachable: ${redactText((error as Error).message)}`] };
  }
  const problems: string[] = [];
  try {
    const [polls, digests] = await withTimeout(
      Promise.all([context.queues.poll.getJobSchedulers(0, -1), context.queues.notify.getJobSchedulers(0, -1)]),
      PROBE_TIMEOUT_MS,
      'Redis did not list the schedulers',
    );
    const present = new Set([...polls, ...digests].map((scheduler) => scheduler.key));
    const feeds = context.config.feeds.filter((feed) => !present.has(`poll-${feed.id}`)).map((feed) => feed.id);
    const groups = context.config.groups.filter((group) => !present.has(`digest-${group.id}`)).map((group) => group.id);
    if (feeds.length > 0)
      problems.push(`no poll schedule for ${feeds.length} feed(s): ${listed(feeds)} (a "vigil worker" with this config registers them at start-up)`);
    if (groups.length > 0) problems.push(`no digest schedule for group(s): ${listed(groups)} (a "vigil worker" with this config registers them at start-up)`);
  } catch (error) {
    problems.push(`Redis is unreachable: ${redactText((error as Error).message)}`);
  }
  return { ready: problems.length === 0, problems };
}
