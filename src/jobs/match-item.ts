import type { Job } from 'bullmq';
import type { GroupConfig, VigilConfig } from '../config/schema.ts';
import { bodySketch } from '../mail/near-duplicates.ts';
import type { TopicMatch } from '../matching/types.ts';
import { alertReason } from './alert-rules.ts';
import type { PipelineContext } from './context.ts';
import type { MatchJobData } from './queues.ts';

export interface MatchResult {
  itemKey: string;
  topics: { id: string; score: number }[];
  alerts: string[];
}

export function groupFollows(group: GroupConfig, topicId: string): boolean {
  return group.topics === undefined || group.topics.includes(topicId);
}

export function groupsFollowing(config: VigilConfig, topicIds: string[]): string[] {
  return config.groups.filter((group) => topicIds.some((topicId) => groupFollows(group, topicId))).map((group) => group.id);
}

/** Counts the match in the topic's window and, when a threshold is crossed outside the cooldown, enqueues an alert. */
async function checkAlert(context: PipelineContext, itemKey: string, match: TopicMatch, now: Date): Promise<string | null> {
  const topic = context.config.topics.find((entry) => entry.id === match.topicId);
  if (!topic?.alert) return null;
  const { alert } = topic;
  const hitsKey = context.keys.topicHits(topic.id);
  const since = now.getTime() - alert.window;
  const [, , , countReply] =
    (await context.redis
      .multi()
      .zadd(hitsKey, now.getTime(), itemKey)
      .zremrangebyscore(hitsKey, 0, since)
      .pexpire(hitsKey, alert.window)
      .zcard(hitsKey)
      .exec()) ?? [];
  const reason = alertReason(alert, match.score, Number(countReply?.[1] ?? 0));
  if (!reason) return null;
  const cooling = await context.redis.set(context.keys.alertCooldown(topic.id), now.toISOString(), 'PX', alert.cooldown, 'NX');
  if (cooling !== 'OK') return null;
  const itemKeys = match.score >= (alert.minScore ?? Infinity) ? [itemKey] : await context.redis.zrange(hitsKey, 0, -1);
  const alertId = `${topic.id}-${now.getTime()}`;
  await context.queues.notify.add('alert', { kind: 'alert', alertId, topicId: topic.id, reason, itemKeys }, { jobId: `alert-${alertId}` });
  return alertId;
}

/** Matches an item against every topic at once and files it for the groups that follow those topics. */
export async function matchItem(context: PipelineContext, job: Pick<Job<MatchJobData>, 'data'>): Promise<MatchResult> {
  const { itemKey } = job.data;
  const item = await context.items.loadItem(itemKey);
  if (!item) {
    context.logger.warn({ itemKey }, 'item expired before matching; nothing to match');
    return { itemKey, topics: [], alerts: [] };
  }
  const matches = context.matcher.match({ title: item.title, summary: item.summary, body: item.body });
  const now = context.now();
  if (matches.length > 0) {
    await context.items.saveMatch({ itemKey, feedId: item.feedId, matchedAt: now.toISOString(), matches, sketch: bodySketch(item.body) });
    await context.ledger.addPending(groupsFollowing(context.config, matches.map((match) => match.topicId)), itemKey, now);
  } else {
    await context.items.expireUnmatched(itemKey);
  }
  const alerts: string[] = [];
  for (const match of matches) {
    const alertId = await checkAlert(context, itemKey, match, now);
    if (alertId) alerts.push(alertId);
  }
  return { itemKey, topics: matches.map((match) => ({ id: match.topicId, score: match.score })), alerts };
}
