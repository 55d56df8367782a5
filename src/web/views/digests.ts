import type { PipelineContext } from '../../jobs/context.ts';
import { type DigestStatus, readStatus } from '../../jobs/status.ts';
import type { DeliveredDigest } from '../../store/digest-ledger.ts';

/** Delivered digests listed per group. */
const DIGESTS_SHOWN = 10;
/** Pending items listed per group (the newest; the count says how many there are). */
const PENDING_SHOWN = 50;

export interface PendingRow {
  itemKey: string;
  title: string;
  url: string | null;
  source: string;
  matchedAt: string;
  topics: { name: string; score: number }[];
}

export interface GroupDigests {
  id: string;
  name: string;
  recipients: number;
  schedule: { cron: string; tz: string };
  status: DigestStatus;
  delivered: DeliveredDigest[];
  pending: PendingRow[];
}

export interface DigestsView {
  at: string;
  groups: GroupDigests[];
}

/** Each group with its next run, its last digests and what its next digest holds so far. */
export async function loadDigestsView(context: PipelineContext): Promise<DigestsView> {
  const status = await readStatus(context);
  const topicNames = new Map(context.config.topics.map((topic) => [topic.id, topic.name]));
  const groups = await Promise.all(
    context.config.groups.map(async (group): Promise<GroupDigests> => {
      const [delivered, pendingKeys] = await Promise.all([context.ledger.deliveredDigests(group.id, DIGESTS_SHOWN), context.ledger.pendingKeys(group.id)]);
      const newest = pendingKeys.slice(-PENDING_SHOWN).reverse();
      const [items, matches] = await Promise.all([context.items.loadItems(newest), context.items.loadMatches(newest)]);
      const pending = newest.flatMap((itemKey): PendingRow[] => {
        const item = items.get(itemKey);
        const match = matches.get(itemKey);
        if (!item || !match) return [];
        const topics = match.matches
          .filter((entry) => context.configIndex.groupIdsFollowingAny([entry.topicId]).includes(group.id))
          .map((entry) => ({ name: topicNames.get(entry.topicId) ?? entry.topicId, score: entry.score }));
        return [{ itemKey, title: item.title, url: item.url, source: item.source, matchedAt: match.matchedAt, topics }];
      });
      const digestStatus = status.digests.find((entry) => entry.groupId === group.id) ?? {
        groupId: group.id,
        pending: pendingKeys.length,
        nextRun: null,
        lastDelivered: delivered[0] ?? null,
        awaitingDelivery: null,
      };
      return { id: group.id, name: group.name ?? group.id, recipients: group.to.length, schedule: group.schedule, status: digestStatus, delivered, pending };
    }),
  );
  return { at: status.at, groups };
}
