import type { DigestEntry } from '../mail/types.ts';
import type { StoredItem, StoredMatch } from '../store/records.ts';

/** Joins stored items with their matches, keeping only the topics the group follows. */
export function digestEntries(
  itemKeys: string[],
  items: Map<string, StoredItem>,
  matches: Map<string, StoredMatch>,
  followsTopic: (topicId: string) => boolean,
): (DigestEntry & { body: string })[] {
  const entries: (DigestEntry & { body: string })[] = [];
  for (const itemKey of itemKeys) {
    const item = items.get(itemKey);
    const match = matches.get(itemKey);
    if (!item || !match) continue;
    const followed = match.matches.filter((topicMatch) => followsTopic(topicMatch.topicId));
    if (followed.length === 0) continue;
    entries.push({
      itemId: itemKey,
      url: item.url,
      title: item.title,
      source: item.source,
      published: item.published,
      summary: item.summary,
      partial: item.partial,
      matches: followed,
      body: item.body,
    });
  }
  return entries;
}
