import type { VigilConfig } from '../../config/schema.ts';
import type { PipelineContext } from '../../jobs/context.ts';
import { DEFAULT_NEAR_DUPLICATE_THRESHOLD, similarity } from '../../mail/near-duplicates.ts';
import { matchedTerms, pickSnippet } from '../../mail/snippet.ts';
import type { TopicMatch } from '../../matching/types.ts';
import type { Delivery } from '../../store/delivery-index.ts';
import type { StoredItem, StoredMatch } from '../../store/records.ts';

export const MATCHES_PER_PAGE = 50;
const DAY_MS = 86_400_000;

export interface MatchFilters {
  topic?: string | undefined;
  feed?: string | undefined;
  /** Days as typed (YYYY-MM-DD, UTC), kept to refill the form. */
  from?: string | undefined;
  to?: string | undefined;
  page: number;
}

export interface CopyRow {
  itemKey: string;
  title: string;
  url: string | null;
  source: string;
}

export interface MatchRow {
  itemKey: string;
  title: string;
  url: string | null;
  source: string;
  published: string | null;
  matchedAt: string;
  partial: boolean;
  partialReason: string | null;
  topics: { id: string; name: string; score: number }[];
  snippet: string;
  terms: string[];
  deliveries: Delivery[];
  /** Near-duplicates on this page (the same story from other outlets), shown under this row. */
  copies: CopyRow[];
}

export interface MatchesView {
  filters: MatchFilters;
  /** Filter values that were not understood, in words; the list is shown without them. */
  problems: string[];
  rows: MatchRow[];
  total: number;
  pageCount: number;
  topics: { id: string; name: string }[];
  feeds: { id: string; name: string }[];
}

function dayStart(day: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(ms) ? null : ms;
}

/** Reads the list's filters from a query string; unknown topics or feeds and malformed days are reported, not obeyed. */
export function parseMatchFilters(query: Record<string, string | undefined>, config: VigilConfig): { filters: MatchFilters; problems: string[] } {
  const problems: string[] = [];
  const filters: MatchFilters = { page: 1 };
  const topic = query.topic?.trim();
  if (topic) {
    if (config.topics.some((entry) => entry.id === topic)) filters.topic = topic;
    else problems.push(`unknown topic "${topic}": showing every topic`);
  }
  const feed = query.feed?.trim();
  if (feed) {
    if (config.feeds.some((entry) => entry.id === feed)) filters.feed = feed;
    else problems.push(`unknown feed "${feed}": showing every feed`);
  }
  for (const bound of ['from', 'to'] as const) {
    const day = query[bound]?.trim();
    if (!day) continue;
    if (dayStart(day) === null) problems.push(`"${day}" is not a day (YYYY-MM-DD): ignored`);
    else filters[bound] = day;
  }
  const page = Number(query.page ?? '1');
  filters.page = Number.isInteger(page) && page >= 1 ? page : 1;
  return { filters, problems };
}

function bestMatch(match: StoredMatch, topic: string | undefined): TopicMatch | undefined {
  const chosen = topic === undefined ? undefined : match.matches.find((entry) => entry.topicId === topic);
  return chosen ?? [...match.matches].sort((a, b) => b.score - a.score)[0];
}

function rowOf(item: StoredItem, match: StoredMatch, deliveries: Delivery[], topicNames: Map<string, string>, topic: string | undefined): MatchRow {
  const best = bestMatch(match, topic);
  const snippet = pickSnippet(
    {
      itemId: item.itemKey,
      url: item.url,
      title: item.title,
      source: item.source,
      published: item.published,
      summary: item.summary,
      partial: item.partial,
      matches: match.matches,
    },
    best,
  );
  return {
    itemKey: item.itemKey,
    title: item.title,
    url: item.url,
    source: item.source,
    published: item.published,
    matchedAt: match.matchedAt,
    partial: item.partial,
    partialReason: item.partialReason,
    topics: match.matches.map((entry) => ({ id: entry.topicId, name: topicNames.get(entry.topicId) ?? entry.topicId, score: entry.score })),
    snippet,
    terms: match.matches.flatMap((entry) => matchedTerms(entry)),
    deliveries,
    copies: [],
  };
}

/** Folds each row whose body is a near-duplicate of an earlier (newer) row on the page into that row's copies. */
export function collapseCopies(rows: MatchRow[], sketches: Map<string, string>): MatchRow[] {
  const kept: MatchRow[] = [];
  for (const row of rows) {
    const sketch = sketches.get(row.itemKey);
    const original =
      sketch === undefined
        ? undefined
        : kept.find((candidate) => {
            const other = sketches.get(candidate.itemKey);
            if (other === undefined) return false;
            try {
              return similarity(other, sketch) >= DEFAULT_NEAR_DUPLICATE_THRESHOLD;
            } catch {
              return false;
            }
          });
    if (original) original.copies.push({ itemKey: row.itemKey, title: row.title, url: row.url, source: row.source });
    else kept.push(row);
  }
  return kept;
}

/** The matches list: one page of the match-time index, joined with items, matches and deliveries. */
export async function loadMatchesView(context: PipelineContext, filters: MatchFilters, problems: string[]): Promise<MatchesView> {
  const { config } = context;
  const from = filters.from === undefined ? undefined : (dayStart(filters.from) ?? undefined);
  const toStart = filters.to === undefined ? undefined : dayStart(filters.to);
  const to = toStart === null || toStart === undefined ? undefined : toStart + DAY_MS - 1;
  const { entries, total } = await context.matchIndex.page({
    topicId: filters.topic,
    feedId: filters.feed,
    from,
    to,
    offset: (filters.page - 1) * MATCHES_PER_PAGE,
    limit: MATCHES_PER_PAGE,
  });
  const keys = entries.map((entry) => entry.itemKey);
  const [items, matches, deliveries] = await Promise.all([
    context.items.loadItems(keys),
    context.items.loadMatches(keys),
    context.deliveries.lookup(
      keys,
      config.groups.map((group) => group.id),
    ),
  ]);
  const topicNames = new Map(config.topics.map((topic) => [topic.id, topic.name]));
  const rows: MatchRow[] = [];
  const sketches = new Map<string, string>();
  for (const key of keys) {
    const item = items.get(key);
    const match = matches.get(key);
    // Expired between the index read and now, or trimmed by hand: nothing left to show.
    if (!item || !match) continue;
    rows.push(rowOf(item, match, deliveries.get(key) ?? [], topicNames, filters.topic));
    sketches.set(key, match.sketch);
  }
  return {
    filters,
    problems,
    rows: collapseCopies(rows, sketches),
    total,
    pageCount: Math.max(1, Math.ceil(total / MATCHES_PER_PAGE)),
    topics: config.topics.map((topic) => ({ id: topic.id, name: topic.name })),
    feeds: config.feeds.map((feed) => ({ id: feed.id, name: feed.name ?? feed.id })),
  };
}
