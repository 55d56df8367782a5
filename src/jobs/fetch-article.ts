import type { Job } from 'bullmq';
import { FetchError } from '../http/client.ts';
import type { PipelineContext } from './context.ts';
import type { FetchJobData } from './queues.ts';

export interface FetchArticleResult {
  itemKey: string;
  fetched: boolean;
  failure: string | null;
}

/** True when BullMQ will not retry this job after the current attempt. */
function isLastAttempt(job: Pick<Job, 'attemptsMade' | 'opts'>): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/**
 * Fetches the article page and hands the HTML to the extract step. A page that cannot be had
 * (permanent HTTP error, blocked, too large, or transient errors on the last attempt) does not
 * lose the item: it goes on with the feed's own content and is marked partial.
 */
export async function fetchArticle(context: PipelineContext, job: Pick<Job<FetchJobData>, 'data' | 'attemptsMade' | 'opts'>): Promise<FetchArticleResult> {
  const { itemKey, feedId, item } = job.data;
  const feed = context.configIndex.feed(feedId);
  let failure: string | null = null;
  if (!item.url) failure = 'the feed gives no link for this item';
  else if (feed && !feed.fetchArticles) failure = 'article fetching is off for this feed';
  else {
    try {
      const response = await context.http.fetch(item.url, { kind: 'page' });
      await context.items.saveHtml(itemKey, response.body);
    } catch (error) {
      const permanent = error instanceof FetchError && error.permanent;
      if (!permanent && !isLastAttempt(job)) throw error;
      failure = (error as Error).message;
      context.logger.warn({ itemKey, url: item.url, err: failure }, 'article page unavailable; using the feed content');
    }
  }
  await context.queues.extract.add('extract', { itemKey, feedId, item, fetchFailure: failure }, { jobId: itemKey });
  return { itemKey, fetched: failure === null, failure };
}
