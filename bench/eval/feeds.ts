/**
 * The shared feed corpus (feeds/manifest.json: real and synthetic feeds with expectations, see its
 * README): every file decoded without a Content-Type, as `vigil feed inspect` would, and checked
 * against the manifest.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeHTML } from 'entities';
import { decodeBody } from '../../src/http/charset.ts';
import { FeedParseError, parseFeed } from '../../src/parsers/feed.ts';
import { chooseReader } from '../../src/parsers/feed/choose-reader.ts';
import { readWithRssParser } from '../../src/parsers/feed/rss-parser-reader.ts';
import { readTolerantly } from '../../src/parsers/feed/tolerant-reader.ts';
import { isDeepStrictEqual } from 'node:util';
import type { ParsedFeed } from '../../src/parsers/types.ts';
import { canonicalUrl } from '../../src/parsers/urls.ts';
import { corpusPath } from './corpora.ts';
import type { EvalFigure } from './figure.ts';

interface ManifestEntry {
  file: string;
  format: string;
  malformed: boolean;
  features: string[];
  expected?: { items?: number | null; first_title?: string; first_link?: string; feed_title?: string };
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const MOJIBAKE = /\uFFFD|Ã[\u0080-\u00bf]|â€/;

/** What is wrong with one file's reading, or null when it reads as the manifest says. */
async function checkEntry(entry: ManifestEntry, body: string): Promise<string | null> {
  const feedUrl = `https://corpus.example/${entry.file}`;
  const notAFeed = entry.format === 'unknown' || entry.expected?.items === null;
  let feed: ParsedFeed;
  try {
    feed = await parseFeed(body, feedUrl);
  } catch (error) {
    if (error instanceof FeedParseError && (notAFeed || (entry.malformed && entry.expected === undefined))) return null;
    return `could not be read: ${(error as Error).message}`;
  }
  if (notAFeed) return 'is not a feed but was read as one';
  const expected = entry.expected ?? {};
  if (entry.malformed && expected.items === undefined && expected.feed_title === undefined) {
    return feed.warnings.length > 0 ? null : 'malformed, but read without a warning';
  }
  if (typeof expected.items === 'number' && feed.items.length !== expected.items) return `${feed.items.length} items, expected ${expected.items}`;
  // JSON Feed titles are plain text, but publishers put entities in them anyway: a reader should see the character.
  if (expected.feed_title !== undefined && ![collapse(expected.feed_title), collapse(decodeHTML(expected.feed_title))].includes(collapse(feed.title ?? ''))) {
    return `feed title "${feed.title}", expected "${expected.feed_title}"`;
  }
  if (expected.first_title !== undefined && feed.items[0]?.title !== collapse(expected.first_title)) return `first title "${feed.items[0]?.title}"`;
  if (expected.first_link !== undefined && feed.items[0]?.url !== canonicalUrl(expected.first_link)) return `first link ${feed.items[0]?.url}`;
  for (const item of feed.items) {
    if (item.guid === '') return 'an item without a guid';
    // One capture was double-encoded by its publisher (README: no parser can fix it).
    if (!entry.features.includes('double-encoded-utf8-mojibake-in-source') && MOJIBAKE.test(item.title)) return `mojibake in "${item.title}"`;
    if (item.url !== null && !/^https?:\/\//.test(item.url)) return `item URL ${item.url}`;
    if (item.published !== null && !ISO_UTC.test(item.published)) return `item date ${item.published}`;
  }
  return null;
}

export async function run(root: string, log: (line: string) => void): Promise<EvalFigure[]> {
  const dir = corpusPath(root, 'feeds');
  const manifest = JSON.parse(readFileSync(corpusPath(root, 'feeds/manifest.json'), 'utf8')) as ManifestEntry[];
  let good = 0;
  for (const entry of manifest) {
    const problem = await checkEntry(entry, decodeBody(readFileSync(join(dir, entry.file)), null));
    if (problem === null) good += 1;
    else log(`  ${entry.file}: ${problem}`);
  }
  log(`feed corpus: ${good} of ${manifest.length} files read as the manifest expects`);
  // The two readers must agree: every document rss-parser reads gives exactly the tolerant reader's feed,
  // so which reader ran never changes what the poller sees.
  let readByRssParser = 0;
  let agreeing = 0;
  for (const { file } of manifest.filter((entry) => entry.format !== 'json' && entry.format !== 'unknown')) {
    const feedUrl = `https://corpus.example/${file}`;
    const text = decodeBody(readFileSync(join(dir, file)), null).replace(/^[\s\ufeff]+/, '');
    const choice = chooseReader(text);
    if (choice.reader !== 'rss-parser') continue;
    const first = await readWithRssParser(text, feedUrl, choice.shape);
    readByRssParser += 1;
    // rss-parser never rejects a document the route gave it, and reads it as the tolerant reader does.
    if (!('rejected' in first) && isDeepStrictEqual(first, readTolerantly(text, feedUrl))) agreeing += 1;
    else log(`  ${file}: rss-parser and the tolerant reader disagree`);
  }
  log(`reader agreement: ${agreeing} of ${readByRssParser} documents read by rss-parser equal the tolerant reading`);
  return [
    { label: 'feeds: corpus files read as the manifest expects', value: good / manifest.length, floor: 1 },
    // 103 of the 132 RSS/Atom files when the readers were split; fewer means documents lost the first reader.
    { label: 'feeds: documents read by rss-parser', value: readByRssParser, floor: 100 },
    { label: 'feeds: rss-parser readings equal to the tolerant reading', value: readByRssParser === 0 ? 0 : agreeing / readByRssParser, floor: 1 },
  ];
}
