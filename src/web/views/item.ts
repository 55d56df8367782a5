import type { PipelineContext } from '../../jobs/context.ts';
import type { Delivery } from '../../store/delivery-index.ts';
import type { StoredItem, StoredMatch } from '../../store/records.ts';

/** Item keys are 24 hex digits (src/store/identity.ts); anything else in the path is not an item. */
export const ITEM_KEY_PATTERN = /^[0-9a-f]{24}$/;

export interface ItemView {
  item: StoredItem;
  /** Null when the item matched no topic (kept briefly for inspection) or its match record expired. */
  match: StoredMatch | null;
  deliveries: Delivery[];
  topicNames: Map<string, string>;
  feedName: string | null;
}

/** One stored item with its matches and deliveries, or null when it is not (or no longer) stored. */
export async function loadItemView(context: PipelineContext, itemKey: string): Promise<ItemView | null> {
  if (!ITEM_KEY_PATTERN.test(itemKey)) return null;
  const [item, match, deliveries] = await Promise.all([
    context.items.loadItem(itemKey),
    context.items.loadMatch(itemKey),
    context.deliveries.lookup(
      [itemKey],
      context.config.groups.map((group) => group.id),
    ),
  ]);
  if (!item) return null;
  const feed = context.config.feeds.find((entry) => entry.id === item.feedId);
  return {
    item,
    match,
    deliveries: deliveries.get(itemKey) ?? [],
    topicNames: new Map(context.config.topics.map((topic) => [topic.id, topic.name])),
    feedName: feed?.name ?? null,
  };
}
