import type { VigilConfig } from '../config/schema.ts';
import type { Queues } from './queues.ts';

const POLL_PREFIX = 'poll-';
const DIGEST_PREFIX = 'digest-';

export interface ScheduleSyncResult {
  feeds: number;
  groups: number;
  removed: string[];
}

/**
 * Makes BullMQ's job schedulers match the config: one scheduler per feed (every interval) and
 * one per recipient group (cron + timezone), with ids derived from the config ids so a second
 * worker, or a restart, upserts the same schedulers instead of adding new ones. Schedulers whose
 * feed or group left the config are removed. Call it from one place: worker start-up.
 */
export async function syncSchedules(config: VigilConfig, queues: Queues): Promise<ScheduleSyncResult> {
  for (const feed of config.feeds) {
    await queues.poll.upsertJobScheduler(
      `${POLL_PREFIX}${feed.id}`,
      { every: feed.interval ?? config.defaults.interval },
      { name: 'poll', data: { feedId: feed.id } },
    );
  }
  for (const group of config.groups) {
    await queues.notify.upsertJobScheduler(
      `${DIGEST_PREFIX}${group.id}`,
      { pattern: group.schedule.cron, tz: group.schedule.tz },
      { name: 'digest', data: { kind: 'digest', groupId: group.id } },
    );
  }
  const wantedPolls = new Set(config.feeds.map((feed) => `${POLL_PREFIX}${feed.id}`));
  const wantedDigests = new Set(config.groups.map((group) => `${DIGEST_PREFIX}${group.id}`));
  const removed: string[] = [];
  for (const [queue, wanted] of [
    [queues.poll, wantedPolls],
    [queues.notify, wantedDigests],
  ] as const) {
    const existing = await queue.getJobSchedulers(0, -1);
    for (const scheduler of existing) {
      const id = scheduler.key;
      if (!wanted.has(id)) {
        await queue.removeJobScheduler(id);
        removed.push(id);
      }
    }
  }
  return { feeds: config.feeds.length, groups: config.groups.length, removed };
}
