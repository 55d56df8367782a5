/**
 * A deterministic farm of news feeds and article pages on 127.0.0.1, for bench/pipeline/run.ts and the
 * fault tests (test/faults). Every feed, item and page is a pure function of (feed, item) numbers,
 * so runs are comparable and the answer key (which items match a report topic) is known by
 * construction, never computed by vigil's own matcher.
 *
 * - Feed f serves its latest `itemsPerFeed` items as RSS 2.0, with an ETag so unchanged feeds
 *   answer 304 to a conditional GET.
 * - Article pages are 5–60 KB of HTML: head with metadata, scripts and styles, a nav of section
 *   links, an aside of related stories, a footer, and the story itself as paragraphs.
 * - About 3 % of items carry a paragraph written to match one of the default topics
 *   (config/topics.yaml); about 5 % carry a near-miss paragraph (a criminal jailbreak, a company
 *   repatriating profits, refugees going home) that must not match.
 * - New items can be published over time (`publish`): item n of the schedule goes to feed n mod F
 *   at `start + n * 60 000 / perMinute`; the farm records when each was first served in a feed.
 * - Every response can wait a fixed delay (`latencyMs`); paths under /hang/ never answer.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom } from '../lib/seeded-random.ts';

export interface FarmOptions {
  feeds: number;
  itemsPerFeed: number;
  latencyMs?: number;
  /** Per mille of items that match a topic (default 30 = 3 %). */
  matchPerMille?: number;
  /** Keep every request's path and time in `requestLog` (fault tests check feeds keep their schedule). */
  recordRequests?: boolean;
}

export type FarmTopic = 'detainee-escapes' | 'repatriation-policy' | 'relocation-regions';
export const FARM_TOPICS: readonly FarmTopic[] = ['detainee-escapes', 'repatriation-policy', 'relocation-regions'];

export interface FarmItem {
  feed: number;
  index: number;
  path: string;
  title: string;
  summary: string;
  /** The topic this item was written to match, or null. */
  topic: FarmTopic | null;
  nearMiss: boolean;
  /** Publication time in ms (base items: fixed dates in the past; published items: their slot). */
  publishedAt: number;
}

export interface PublishPlan {
  startAt: number;
  perMinute: number;
  total: number;
}

/** 32-bit hash of a string, for deterministic per-item choices. */
function hash32(text: string): number {
  return createHash('sha1').update(text).digest().readUInt32BE(0);
}

// Neutral news vocabulary: none of these words appear in the default topics' queries or synonyms.
const NOUNS = (
  'council budget school road bridge harbour festival market farmer museum library election mayor minister committee report ' +
  'survey hospital nurse teacher student river weather storm harvest railway airport station company factory worker union ' +
  'contract price inflation bank loan tax pension energy grid solar wind turbine water supply drought flood forecast season ' +
  'tourist hotel restaurant chef bakery orchestra theatre exhibition artist novel author film director league match coach ' +
  'stadium fans referee championship trophy village town city district province coast island valley forest park garden ' +
  'housing rent tenant landlord garage bicycle ferry lantern bakery choir plan project'
).split(' ');
const VERBS = (
  'announced approved reviewed opened closed raised lowered expanded delayed praised criticised discussed planned ' +
  'published signed rejected welcomed launched extended reduced increased visited hosted completed postponed'
).split(' ');
const ADJECTIVES = (
  'local regional new annual major small large recent early late busy green rural urban coastal northern ' +
  'southern eastern western final initial modest record historic popular quiet busy'
).split(' ');
const CONNECTORS = ['after', 'before', 'while', 'because', 'although', 'since', 'as', 'when'];
const NAMES = ['Ana Ribeiro', 'Tom Hale', 'Priya Nair', 'Jonas Berg', 'Leila Haddad', 'Marta Kowalska', 'Chen Wei', 'Omar Diallo'];
const PLACES = ['Westmoor', 'Kelbridge', 'Norhaven', 'Ashcombe', 'Daleford', 'Brynmoor', 'Calderstone', 'Eastwick'];

function pick<T>(list: readonly T[], next: () => number): T {
  return list[Math.floor(next() * list.length)] as T;
}

function sentence(next: () => number): string {
  const words = [
    `The ${pick(ADJECTIVES, next)} ${pick(NOUNS, next)} in ${pick(PLACES, next)} ${pick(VERBS, next)} the ${pick(NOUNS, next)} ${pick(NOUNS, next)}`,
    `${pick(CONNECTORS, next)} the ${pick(ADJECTIVES, next)} ${pick(NOUNS, next)} ${pick(VERBS, next)} its ${pick(NOUNS, next)}`,
  ];
  if (next() < 0.5) words.push(`said ${pick(NAMES, next)}, who follows the ${pick(NOUNS, next)} for the ${pick(NOUNS, next)}`);
  return `${words.join(', ')}.`;
}

function paragraph(next: () => number): string {
  const count = 3 + Math.floor(next() * 4);
  const sentences: string[] = [];
  for (let index = 0; index < count; index += 1) sentences.push(sentence(next));
  return sentences.join(' ');
}

/** A fixed pool of filler paragraphs: pages are assembled from it, so serving costs no generation. */
const FILLER: string[] = (() => {
  const next = seededRandom(20240305);
  return Array.from({ length: 4000 }, () => paragraph(next));
})();

const PRISONS = [
  'Ghuwayran prison in Hasakah',
  'the al-Sina detention centre',
  'a prison near al-Shaddadi',
  'the Tasfirat detention facility',
  'a jail in Raqqa',
];
const COUNTRIES = ['Belgium', 'Germany', 'the Netherlands', 'Denmark', 'Finland', 'Kazakhstan', 'Sweden', 'France'];
const SAHEL = ['Mozambique', 'the Sahel', 'the southern Philippines', 'Somalia', 'Niger and Mali'];

/** Paragraphs written to match each default topic (variant chosen per item). */
function topicParagraph(topic: FarmTopic, variant: number): string {
  const count = 5 + (variant % 40);
  switch (topic) {
    case 'detainee-escapes':
      return variant % 2 === 0
        ? `Dozens of Islamic State detainees escaped from ${pick(PRISONS, () => (variant % 97) / 97)} after militants attacked the gates with a car bomb, Kurdish-led forces said, and ${count} suspected ISIS fighters remain at large.`
        : `Security officials said ${count} jihadist prisoners broke out of ${pick(PRISONS, () => (variant % 89) / 89)} during a riot, the latest jailbreak of Islamic State detainees in northeast Syria.`;
    case 'repatriation-policy':
      return variant % 2 === 0
        ? `${pick(COUNTRIES, () => (variant % 83) / 83)} repatriated ${count} women and children of Islamic State fighters from the al-Hol camp in Syria on Tuesday, the foreign ministry said.`
        : `The government of ${pick(COUNTRIES, () => (variant % 79) / 79)} said it would strip citizenship from ${count} foreign fighters who joined the Islamic State in Syria and refused to repatriate them from the camps.`;
    case 'relocation-regions':
      return variant % 2 === 0
        ? `Islamic State fighters have moved to ${pick(SAHEL, () => (variant % 73) / 73)}, where the group's affiliate recruited ${count} foreign fighters this year, according to a United Nations monitoring report.`
        : `The Islamic State Sahel Province claimed ${count} attacks in ${pick(SAHEL, () => (variant % 71) / 71)} this month, as ISWAP and other Islamic State affiliates expand beyond Iraq and Syria.`;
  }
}

/** Near misses: share words with the topics but not their meaning; vigil must not match them. */
const NEAR_MISSES = [
  'Three gang leaders escaped from a prison in Guayaquil through a tunnel, police said, in the latest breakout linked to drug cartels.',
  'The company plans to repatriate profits from its overseas subsidiaries and relocate its headquarters to Westmoor next year.',
  'Lebanon resumed the return of Syrian refugees this week; aid groups said the families fled the war a decade ago.',
  'Fans fled the stadium in the rain as the final was suspended, and the club said tickets would be honoured at a later date.',
];

export class Farm {
  readonly feeds: number;
  readonly itemsPerFeed: number;
  readonly latencyMs: number;
  private readonly matchPerMille: number;
  private plan: PublishPlan | null = null;
  /** `feed/index` of published items → first time a feed response carried it. */
  readonly firstServed = new Map<string, number>();
  requests = 0;
  readonly requestLog: { path: string; at: number }[] = [];
  private readonly recordRequests: boolean;
  private readonly baseTime = Date.UTC(2026, 0, 1);

  constructor(options: FarmOptions) {
    this.feeds = options.feeds;
    this.itemsPerFeed = options.itemsPerFeed;
    this.latencyMs = options.latencyMs ?? 0;
    this.matchPerMille = options.matchPerMille ?? 30;
    this.recordRequests = options.recordRequests ?? false;
  }

  feedPath(feed: number): string {
    return `/feeds/${feed}.xml`;
  }

  item(feed: number, index: number): FarmItem {
    const h = hash32(`${feed}/${index}`);
    const roll = h % 1000;
    const topic = roll < this.matchPerMille ? (FARM_TOPICS[(h >>> 10) % 3] ?? null) : null;
    const nearMiss = topic === null && roll >= 950;
    const next = seededRandom(h);
    const title = topic
      ? `${topic === 'detainee-escapes' ? 'Detainees' : topic === 'repatriation-policy' ? 'Returnees' : 'Affiliates'}: ${pick(ADJECTIVES, next)} ${pick(NOUNS, next)} report ${feed}-${index}`
      : `${pick(PLACES, next)} ${pick(NOUNS, next)} ${pick(VERBS, next)} (${feed}-${index})`;
    return {
      feed,
      index,
      path: `/a/${feed}/${index}.html`,
      title,
      summary: sentence(next),
      topic,
      nearMiss,
      publishedAt: index < this.itemsPerFeed ? this.baseTime + (feed * this.itemsPerFeed + index) * 1000 : this.publishedSlot(feed, index),
    };
  }

  /** All items that exist from the start (feed-major order). */
  baseItems(): FarmItem[] {
    const items: FarmItem[] = [];
    for (let feed = 0; feed < this.feeds; feed += 1) for (let index = 0; index < this.itemsPerFeed; index += 1) items.push(this.item(feed, index));
    return items;
  }

  /** Starts publishing `perMinute` new items a minute, `total` in all, from `startAt` (ms). */
  publish(plan: PublishPlan): void {
    this.plan = plan;
  }

  private gapMs(): number {
    return this.plan ? 60_000 / this.plan.perMinute : Infinity;
  }

  /** Sequence number n of the schedule → (feed, index). */
  scheduled(n: number): { feed: number; index: number } {
    return { feed: n % this.feeds, index: this.itemsPerFeed + Math.floor(n / this.feeds) };
  }

  private publishedSlot(feed: number, index: number): number {
    const n = (index - this.itemsPerFeed) * this.feeds + feed;
    return (this.plan?.startAt ?? 0) + n * this.gapMs();
  }

  /** Items published by the schedule so far (or all of it with `all`). */
  publishedItems(now = Date.now(), all = false): FarmItem[] {
    if (!this.plan) return [];
    const count = all ? this.plan.total : this.publishedCount(now);
    return Array.from({ length: count }, (_, n) => {
      const { feed, index } = this.scheduled(n);
      return this.item(feed, index);
    });
  }

  private publishedCount(now: number): number {
    if (!this.plan || now < this.plan.startAt) return 0;
    return Math.min(this.plan.total, Math.floor((now - this.plan.startAt) / this.gapMs()) + 1);
  }

  /** How many items feed `feed` holds at `now` (base + published). */
  private itemCount(feed: number, now: number): number {
    const published = this.publishedCount(now);
    const extra = published > feed ? Math.floor((published - 1 - feed) / this.feeds) + 1 : 0;
    return this.itemsPerFeed + extra;
  }

  feedXml(feed: number, origin: string, now = Date.now()): { body: string; etag: string } {
    const count = this.itemCount(feed, now);
    const items: string[] = [];
    for (let index = count - 1; index >= Math.max(0, count - this.itemsPerFeed); index -= 1) {
      const item = this.item(feed, index);
      if (index >= this.itemsPerFeed) {
        const key = `${feed}/${index}`;
        if (!this.firstServed.has(key)) this.firstServed.set(key, now);
      }
      items.push(
        `<item><title>${item.title}</title><link>${origin}${item.path}</link><guid isPermaLink="false">farm-${feed}-${index}</guid>` +
          `<pubDate>${new Date(item.publishedAt).toUTCString()}</pubDate><description>${item.summary}</description></item>`,
      );
    }
    const body =
      `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Farm feed ${feed}</title>` +
      `<link>${origin}/</link><description>Generated feed ${feed}</description>${items.join('\n')}</channel></rss>`;
    return { body, etag: `"farm-${feed}-${count}"` };
  }

  articleHtml(feed: number, index: number, origin: string): string {
    const item = this.item(feed, index);
    const h = hash32(`page:${feed}/${index}`);
    const next = seededRandom(h);
    // Log-uniform target size between 5 and 60 KB.
    const target = Math.round(5_000 * Math.exp(next() * Math.log(12)));
    const nav = Array.from({ length: 40 }, (_, n) => `<li><a href="/section/${n}">${NOUNS[n % NOUNS.length]}</a></li>`).join('');
    const related = Array.from({ length: 8 }, (_, n) => `<li><a href="/a/${(feed + n + 1) % this.feeds}/${n}.html">${sentence(next)}</a></li>`).join('');
    const head =
      `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${item.title} | Farm ${feed}</title>` +
      `<meta name="description" content="${item.summary}"><meta property="og:title" content="${item.title}">` +
      `<meta property="article:published_time" content="${new Date(item.publishedAt).toISOString()}">` +
      `<link rel="canonical" href="${origin}${item.path}"><style>body{font-family:serif}.nav li{display:inline}</style>` +
      `<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());</script></head>`;
    const top = `<body><header class="site"><a href="/">Farm ${feed}</a><nav class="nav"><ul>${nav}</ul></nav></header><main><article>`;
    const bottom =
      `</article><aside class="related"><h2>Related</h2><ul>${related}</ul></aside></main>` +
      `<footer><p>© Farm News ${feed}. All rights reserved.</p><ul><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li>` +
      `<li><a href="/contact">Contact</a></li></ul><p>Subscribe to our newsletter for the latest ${pick(NOUNS, next)} news.</p></footer></body></html>`;
    const story: string[] = [`<h1>${item.title}</h1>`, `<p class="byline">By ${pick(NAMES, next)}</p>`];
    let size = head.length + top.length + bottom.length + story.join('').length;
    let paragraphs = 0;
    const special = item.topic ? topicParagraph(item.topic, h >>> 8) : item.nearMiss ? NEAR_MISSES[(h >>> 8) % NEAR_MISSES.length] : null;
    while (size < target || paragraphs < 3) {
      if (special && paragraphs === 1) story.push(`<p>${special}</p>`);
      const text = FILLER[Math.floor(next() * FILLER.length)] ?? '';
      story.push(`<p>${text}</p>`);
      size += text.length + 7;
      paragraphs += 1;
    }
    return head + top + story.join('') + bottom;
  }

  /** Every path a test or anchor may ask for, answered after the configured latency. */
  handle(request: IncomingMessage, response: ServerResponse, origin: string): void {
    this.requests += 1;
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (this.recordRequests) this.requestLog.push({ path, at: Date.now() });
    if (path.startsWith('/hang/')) return; // never answers; the client must time out
    const respond = () => {
      const feedMatch = /^\/feeds\/(\d+)\.xml$/.exec(path);
      if (feedMatch) {
        const feed = Number(feedMatch[1]);
        if (feed >= this.feeds) return notFound(response);
        const { body, etag } = this.feedXml(feed, origin);
        if (request.headers['if-none-match'] === etag) {
          response.writeHead(304, { etag });
          response.end();
          return;
        }
        response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag });
        response.end(body);
        return;
      }
      const pageMatch = /^\/a\/(\d+)\/(\d+)\.html$/.exec(path);
      if (pageMatch) {
        const feed = Number(pageMatch[1]);
        const index = Number(pageMatch[2]);
        if (feed >= this.feeds) return notFound(response);
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(this.articleHtml(feed, index, origin));
        return;
      }
      notFound(response);
    };
    if (this.latencyMs > 0) setTimeout(respond, this.latencyMs);
    else respond();
  }
}

function notFound(response: ServerResponse): void {
  response.writeHead(404, { 'content-type': 'text/plain' });
  response.end('no such page');
}

export interface FarmServer {
  farm: Farm;
  origin: string;
  port: number;
  close(): Promise<void>;
}

/** Serves a farm on 127.0.0.1 (port 0 = a free one). */
export async function startFarmServer(options: FarmOptions & { port?: number }): Promise<FarmServer> {
  const farm = new Farm(options);
  let origin = '';
  const server: Server = createServer((request, response) => farm.handle(request, response, origin));
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    farm,
    origin,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
