import type { Job } from 'bullmq';
import { extractArticle, isTooThin } from '../parsers/article/index.ts';
import type { FeedItem } from '../parsers/types.ts';
import { MAX_STORED_ENTRY_HTML, type StoredItem } from '../store/records.ts';
import type { PipelineContext } from './context.ts';
import type { ExtractJobData } from './queues.ts';

export interface ExtractResult {
  itemKey: string;
  partial: boolean;
  bodyChars: number;
}

/** The best body the feed itself carries: its full content when present, else the summary. */
function bodyFromFeed(item: FeedItem): string {
  if (item.contentHtml) {
    const fromContent = extractArticle(`<html><body><article>${item.contentHtml}</article></body></html>`, item.url ?? '');
    if (fromContent.text.length > item.summary.length) return fromContent.text;
  }
  return item.summary;
}

/**
 * Turns the fetched page into body text. When there is no page, or it yields too little text to
 * trust (paywall, consent wall, error page), the item keeps the feed's content and is marked
 * partial so the digest can say so.
 */
export async function extractItem(context: PipelineContext, job: Pick<Job<ExtractJobData>, 'data'>): Promise<ExtractResult> {
  const { itemKey, feedId, item, fetchFailure } = job.data;
  const feed = context.configIndex.feed(feedId);
  const html = fetchFailure === null ? await context.items.loadHtml(itemKey) : null;
  // A re-run after a crash between storing the item and finishing finds the page gone: keep what was stored.
  const stored = html === null ? await context.items.loadItem(itemKey) : null;
  if (stored) {
    await context.queues.match.add('match', { itemKey }, { jobId: itemKey });
    return { itemKey, partial: stored.partial, bodyChars: stored.body.length };
  }
  let body = '';
  let partialReason = fetchFailure;
  let published = item.published;
  let author = item.author;
  let page: { modified: string | null; canonicalUrl: string | null; lang: string | null } = { modified: null, canonicalUrl: null, lang: null };
  if (html !== null) {
    const article = extractArticle(html, item.url ?? '');
    page = { modified: article.modified, canonicalUrl: article.canonicalUrl, lang: article.lang };
    if (isTooThin(article)) partialReason = 'the article page held too little text (paywall or consent page?)';
    else {
      body = article.text;
      published ??= article.published;
      author ??= article.byline;
    }
  } else if (partialReason === null) {
    partialReason = 'the fetched page expired before extraction';
  }
  const partial = partialReason !== null;
  if (partial) body = bodyFromFeed(item);
  const record: StoredItem = {
    itemKey,
    feedId,
    source: feed?.name ?? feedId,
    guid: item.guid,
    url: item.url,
    title: item.title,
    summary: item.summary,
    published,
    author,
    body,
    partial,
    partialReason,
    storedAt: context.now().toISOString(),
    ...page,
    entry: { ...item, contentHtml: item.contentHtml === null ? null : item.contentHtml.slice(0, MAX_STORED_ENTRY_HTML) },
  };
  await context.items.saveItem(record);
  await context.queues.match.add('match', { itemKey }, { jobId: itemKey });
  await context.items.deleteHtml(itemKey);
  return { itemKey, partial, bodyChars: body.length };
}
