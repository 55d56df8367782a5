/**
 * The anchor for bench/pipeline/run.ts: what a user would write by hand to do vigil's job once —
 * rss-parser for the feed, fetch for the page, cheerio `load(html)('p').text()` for the body and a
 * keyword regular expression for matching — run sequentially and with a simple promise pool.
 * No dedupe store, no retries, no persistence: it only has to be faster than it looks.
 */
import { load } from 'cheerio';
import Parser from 'rss-parser';

const KEYWORDS = /islamic state|isis|jihad|al-hol|repatriat|escap|jailbreak|foreign fighters|sahel|mozambique/i;

export interface AnchorResult {
  mode: 'sequential' | 'pool';
  concurrency: number;
  feeds: number;
  articles: number;
  matched: number;
  seconds: number;
  articlesPerSecond: number;
}

async function text(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

async function pool<T>(tasks: (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const index = next;
      next += 1;
      const task = tasks[index];
      if (task) results[index] = await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, lane));
  return results;
}

/**
 * Reads feeds in order until `articleLimit` articles were fetched, extracted and keyword-tested.
 * concurrency 1 is the sequential script; more runs feeds, then articles, through a promise pool.
 */
export async function runAnchor(feedUrls: string[], articleLimit: number, concurrency: number): Promise<AnchorResult> {
  const parser = new Parser();
  const started = performance.now();
  let articles = 0;
  let matched = 0;
  let feeds = 0;
  const processArticle = async (link: string, title: string) => {
    const $ = load(await text(link));
    const body = $('p').text();
    if (KEYWORDS.test(title) || KEYWORDS.test(body)) matched += 1;
    articles += 1;
  };
  if (concurrency === 1) {
    for (const url of feedUrls) {
      if (articles >= articleLimit) break;
      const feed = await parser.parseString(await text(url));
      feeds += 1;
      for (const item of feed.items) {
        if (articles >= articleLimit) break;
        if (item.link) await processArticle(item.link, item.title ?? '');
      }
    }
  } else {
    // Enough feeds for the sample (the farm's feeds all hold the same number of items).
    const firstFeed = await parser.parseString(await text(feedUrls[0] ?? ''));
    const perFeed = Math.max(1, firstFeed.items.length);
    const wanted = feedUrls.slice(0, Math.ceil(articleLimit / perFeed));
    const parsed = await pool(
      wanted.map((url) => async () => parser.parseString(await text(url))),
      concurrency,
    );
    feeds = parsed.length;
    const links = parsed.flatMap((feed) => feed.items).slice(0, articleLimit);
    await pool(
      links.map((item) => () => (item.link ? processArticle(item.link, item.title ?? '') : Promise.resolve())),
      concurrency,
    );
  }
  const seconds = (performance.now() - started) / 1000;
  return { mode: concurrency === 1 ? 'sequential' : 'pool', concurrency, feeds, articles, matched, seconds, articlesPerSecond: articles / seconds };
}
