/** `vigil feed inspect`: one feed read exactly as the poller reads it, reported for a person to look at. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { httpSchema } from '../config/schema.ts';
import { decodeBody } from '../http/charset.ts';
import { HttpClient } from '../http/client.ts';
import { parseFeed } from '../parsers/feed.ts';
import type { ParsedFeed } from '../parsers/types.ts';

export interface InspectOptions {
  allowPrivate?: boolean;
  url?: string;
  full?: boolean;
}

interface FetchInfo {
  url: string;
  status: number;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
}

/** What `vigil feed inspect` prints: enough to see why a feed yields what it yields. */
export function inspectionReport(source: string, feed: ParsedFeed, fetched: FetchInfo | null, full = false): Record<string, unknown> {
  return {
    source,
    ...(fetched ? { fetched } : {}),
    format: feed.format,
    title: feed.title,
    siteUrl: feed.siteUrl,
    itemCount: feed.items.length,
    items: feed.items.map((item) => (full ? item : { title: item.title, url: item.url, guid: item.guid, published: item.published, author: item.author })),
    warnings: feed.warnings,
  };
}

export async function inspectFeed(target: string, options: InspectOptions): Promise<Record<string, unknown>> {
  if (/^https?:\/\//i.test(target)) {
    const http = new HttpClient(httpSchema.parse({ allowPrivateNetworks: options.allowPrivate ?? false }));
    try {
      const result = await http.fetch(target, { kind: 'feed' });
      const feed = await parseFeed(result.body, result.url);
      const { url, status, contentType, etag, lastModified } = result;
      return inspectionReport(target, feed, { url, status, contentType, etag, lastModified }, options.full);
    } finally {
      await http.close();
    }
  }
  const path = resolve(target);
  const raw = readFileSync(path);
  const bytes = path.endsWith('.gz') ? gunzipSync(raw) : raw;
  // A saved file has no URL of its own; --url lets relative links resolve as they would live.
  const feedUrl = options.url ?? pathToFileURL(path).href;
  const feed = await parseFeed(decodeBody(bytes, null), feedUrl);
  return inspectionReport(target, feed, null, options.full);
}
