import type { Job } from 'bullmq';
import { groupFollows } from '../config/config-index.ts';
import type { GroupConfig } from '../config/schema.ts';
import { collapseNearDuplicates } from '../mail/near-duplicates.ts';
import { renderAlert, renderDigest, renderEmptyDigest } from '../mail/render-digest.ts';
import type { RenderedMail } from '../mail/types.ts';
import type { PipelineContext } from './context.ts';
import { digestEntries } from './digest-entries.ts';
import { DigestBusyError } from './errors.ts';
import type { NotifyJobData } from './queues.ts';

/** Longer than the slowest SMTP exchange (connect 20 s + socket 60 s); a crashed job retakes its own lock. */
const DIGEST_LOCK_MS = 3 * 60_000;

export interface DigestOutcome {
  groupId: string;
  status: 'sent' | 'empty' | 'empty-note-sent' | 'dry-run';
  items: number;
  messageId?: string;
  response?: string;
  files?: string[];
  preview?: RenderedMail;
}

export interface AlertOutcome {
  alertId: string;
  topicId: string;
  reason: string;
  status: 'sent' | 'already-sent';
  groups: string[];
}

export type NotifyResult = DigestOutcome | AlertOutcome;

function findGroup(context: PipelineContext, groupId: string): GroupConfig {
  const group = context.configIndex.group(groupId);
  if (!group) throw new Error(`unknown recipient group "${groupId}" (known: ${context.configIndex.groupIds().join(', ') || 'none'})`);
  return group;
}

function groupTopics(context: PipelineContext, group: GroupConfig): { id: string; name: string }[] {
  return context.configIndex.topicsFollowedBy(group.id).map((topic) => ({ id: topic.id, name: topic.name }));
}

async function renderFor(context: PipelineContext, group: GroupConfig, itemKeys: string[], now: Date): Promise<{ mail: RenderedMail; items: number }> {
  const [items, matches] = await Promise.all([context.items.loadItems(itemKeys), context.items.loadMatches(itemKeys)]);
  const entries = collapseNearDuplicates(digestEntries(itemKeys, items, matches, (topicId) => groupFollows(group, topicId)));
  const mail = renderDigest({
    group: { id: group.id, name: group.name ?? group.id },
    topics: groupTopics(context, group),
    entries,
    generatedAt: now,
    perTopicCap: group.perTopicCap,
    timezone: group.schedule.tz,
  });
  return { mail, items: entries.length };
}

/** Builds the digest without sending it or touching the ledger. */
export async function previewDigest(context: PipelineContext, groupId: string): Promise<DigestOutcome> {
  const group = findGroup(context, groupId);
  const itemKeys = (await context.ledger.openDigest(groupId))?.itemKeys ?? (await context.ledger.pendingKeys(groupId));
  const { mail, items } = await renderFor(context, group, itemKeys, context.now());
  return { groupId, status: 'dry-run', items, preview: mail };
}

/**
 * Sends a group's digest exactly once: under a per-group lock, it freezes (or resumes) the open
 * digest, sends it with a Message-ID stable across retries, and only then removes its items from
 * pending. An SMTP failure (or another job holding the lock) throws, so BullMQ retries with
 * backoff and the same items.
 */
export async function sendDigest(context: PipelineContext, groupId: string, jobId: string): Promise<DigestOutcome> {
  const group = findGroup(context, groupId);
  const release = await context.ledger.lock(groupId, DIGEST_LOCK_MS, jobId);
  if (!release) throw new DigestBusyError(groupId);
  try {
    const now = context.now();
    const digest = await context.ledger.openOrCreate(groupId, now);
    if (!digest) {
      if (group.whenEmpty === 'skip') return { groupId, status: 'empty', items: 0 };
      const note = renderEmptyDigest({ id: group.id, name: group.name ?? group.id }, now, group.schedule.tz);
      const receipt = await context.mailer.send({
        from: context.config.mail.from,
        to: group.to,
        ...note,
        messageId: `<empty-${group.id}-${now.getTime()}@vigil>`,
      });
      return { groupId, status: 'empty-note-sent', items: 0, messageId: receipt.messageId, response: receipt.response, files: receipt.files };
    }
    const { mail, items } = await renderFor(context, group, digest.itemKeys, now);
    const receipt = await context.mailer.send({ from: context.config.mail.from, to: group.to, ...mail, messageId: digest.messageId });
    await context.ledger.markDelivered(digest, receipt.response, context.now());
    context.logger.info({ groupId, items, messageId: digest.messageId, response: receipt.response }, 'digest delivered');
    return { groupId, status: 'sent', items, messageId: digest.messageId, response: receipt.response, files: receipt.files };
  } finally {
    await release();
  }
}

/** Sends one alert to every group following its topic, once per group even across retries. */
async function sendAlert(context: PipelineContext, data: Extract<NotifyJobData, { kind: 'alert' }>): Promise<NotifyResult> {
  const topic = context.configIndex.topic(data.topicId);
  if (!topic) return { alertId: data.alertId, topicId: data.topicId, reason: data.reason, status: 'already-sent', groups: [] };
  const now = context.now();
  const [items, matches] = await Promise.all([context.items.loadItems(data.itemKeys), context.items.loadMatches(data.itemKeys)]);
  const sentTo: string[] = [];
  for (const group of context.configIndex.groupsFollowing(topic.id)) {
    if (await context.alerts.wasSent(data.alertId, group.id)) continue;
    const entries = digestEntries(data.itemKeys, items, matches, (topicId) => topicId === topic.id);
    const mail = renderAlert({ topic: { id: topic.id, name: topic.name }, reason: data.reason, entries, generatedAt: now, timezone: group.schedule.tz });
    await context.mailer.send({ from: context.config.mail.from, to: group.to, ...mail, messageId: `<alert-${data.alertId}-${group.id}@vigil>` });
    await context.alerts.markSent(data.alertId, group.id, now, context.config.retention.bodies);
    sentTo.push(group.id);
  }
  return { alertId: data.alertId, topicId: data.topicId, reason: data.reason, status: sentTo.length > 0 ? 'sent' : 'already-sent', groups: sentTo };
}

export async function notify(context: PipelineContext, job: Pick<Job<NotifyJobData>, 'data' | 'id'>): Promise<NotifyResult> {
  const { data } = job;
  return data.kind === 'digest' ? sendDigest(context, data.groupId, job.id ?? `digest-${data.groupId}`) : sendAlert(context, data);
}
