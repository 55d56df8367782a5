import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeHTML } from 'entities';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/http/charset.ts';
import { FeedParseError, parseFeed } from '../../src/parsers/feed.ts';
import { canonicalUrl } from '../../src/parsers/urls.ts';

/**
 * The shared evaluation corpus: 143 real and synthetic feeds with expectations in manifest.json
 * (see its README). Every file is decoded without a Content-Type, as `vigil feed inspect` would.
 */
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const corpusDir = resolve(projectRoot, '../shared/eval/feeds');

interface ManifestEntry {
  file: string;
  format: string;
  malformed: boolean;
  features: string[];
  expected?: {
    items?: number | null;
    first_title?: string;
    first_link?: string;
    feed_title?: string;
    basis?: string;
  };
}

function loadManifest(): ManifestEntry[] {
  const manifestPath = join(corpusDir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new Error(
      `feed corpus missing: expected ${manifestPath} (the shared evaluation corpus, ../shared/eval/feeds relative to the project root)`,
    );
  }
  return JSON.parse(readFileSync(manifestPath, 'utf8')) as ManifestEntry[];
}

const manifest = loadManifest();
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
const feedUrlFor = (file: string) => `https://corpus.example/${file}`;

describe('feed corpus', () => {
  it('has the documented 143 files', () => {
    expect(manifest).toHaveLength(143);
  });

  const isNotAFeed = (entry: ManifestEntry) => entry.format === 'unknown' || entry.expected?.items === null;
  const notFeeds = manifest.filter(isNotAFeed);
  it.each(notFeeds.map((entry) => [entry.file, entry] as const))('rejects %s (not a feed) with FeedParseError', async (file) => {
    const body = decodeBody(readFileSync(join(corpusDir, file)), null);
    await expect(parseFeed(body, feedUrlFor(file))).rejects.toThrow(FeedParseError);
  });

  const feeds = manifest.filter((entry) => !isNotAFeed(entry));
  it.each(feeds.map((entry) => [entry.file, entry] as const))('reads %s', async (file, entry) => {
    const body = decodeBody(readFileSync(join(corpusDir, file)), null);
    const feedUrl = feedUrlFor(file);
    if (entry.malformed && entry.expected?.items === undefined && entry.expected?.feed_title === undefined) {
      // Malformed with no expectation: either a clean rejection or a parse that admits the repair.
      try {
        const feed = await parseFeed(body, feedUrl);
        expect(feed.warnings.length).toBeGreaterThan(0);
      } catch (error) {
        expect(error).toBeInstanceOf(FeedParseError);
      }
      return;
    }
    const feed = await parseFeed(body, feedUrl);
    const expected = entry.expected ?? {};
    if (typeof expected.items === 'number') expect(feed.items).toHaveLength(expected.items);
    // JSON Feed titles are plain text, but publishers put HTML entities in them anyway (the
    // manifest keeps "Blog &#8211; InfluxData" literally); a reader should see the dash.
    if (expected.feed_title !== undefined) {
      expect([collapse(expected.feed_title), collapse(decodeHTML(expected.feed_title))]).toContain(collapse(feed.title ?? ''));
    }
    if (expected.first_title !== undefined) expect(feed.items[0]?.title).toBe(collapse(expected.first_title));
    if (expected.first_link !== undefined) expect(feed.items[0]?.url).toBe(canonicalUrl(expected.first_link));
    for (const item of feed.items) {
      expect(item.guid).not.toBe('');
      // One capture was double-encoded by its publisher (README: no parser can fix it).
      if (!entry.features.includes('double-encoded-utf8-mojibake-in-source')) {
        expect(item.title).not.toMatch(/\uFFFD|Ã[\u0080-\u00bf]|â€/);
      }
      if (item.url !== null) expect(item.url).toMatch(/^https?:\/\//);
      if (item.published !== null) expect(item.published).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
  });
});
