import type { Job } from 'bullmq';
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

/** Counts the match in the topic's window and, when a threshold is crossed outside the cooldown, enqueues an alert. */
async function checkAlert(context: PipelineContext, itemKey: string, match: TopicMatch, now: Date): Promise<string | null> {
  const topic = context.configIndex.topic(match.topicId);
  if (!topic?.alert) return null;
  const { alert } = topic;
  const hits = await context.alerts.recordHit(topic.id, itemKey, now, alert.window);
  const reason = alertReason(alert, match.score, hits);
  if (!reason) return null;
  if (!(await context.alerts.startCooldown(topic.id, alert.cooldown, now))) return null;
  const itemKeys = match.score >= (alert.minScore ?? Infinity) ? [itemKey] : await context.alerts.hitsInWindow(topic.id, alert.window, now);
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
    await context.ledger.addPending(context.configIndex.groupIdsFollowingAny(matches.map((match) => match.topicId)), itemKey, now);
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
