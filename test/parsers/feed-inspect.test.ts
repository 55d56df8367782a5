import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerFeedInspectCommand } from '../../src/cli/commands/feed-inspect.ts';
import { FetchError } from '../../src/http/client.ts';
import { FeedParseError } from '../../src/parsers/feed.ts';
import { SAMPLE_FEED, startFaultServer, type FaultServer } from '../helpers/fault-server.ts';

let server: FaultServer;
let dir: string;

beforeAll(async () => {
  server = await startFaultServer();
  dir = mkdtempSync(join(tmpdir(), 'vigil-feed-inspect-'));
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Runs `vigil feed inspect ...` and returns the JSON it printed. */
async function run(...args: string[]): Promise<Record<string, unknown>> {
  const program = new Command().exitOverride();
  registerFeedInspectCommand(program);
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += chunk.toString();
    return true;
  });
  await program.parseAsync(['feed', 'inspect', ...args], { from: 'user' });
  vi.restoreAllMocks();
  return JSON.parse(out) as Record<string, unknown>;
}

describe('vigil feed inspect', () => {
  it('reads a saved file (gzipped too) and resolves links against --url', async () => {
    const path = join(dir, 'feed.xml.gz');
    writeFileSync(path, gzipSync(SAMPLE_FEED));
    const report = await run(path, '--url', 'https://news.example.org/rss');
    expect(report).toMatchObject({
      source: path,
      format: 'rss2',
      title: 'Fault server feed',
      itemCount: 1,
      items: [{ title: 'First item', url: 'https://news.example.org/articles/1', guid: 'item-1', published: '2024-03-05T14:07:00.000Z' }],
      warnings: [],
    });
  });

  it('fetches a URL with --allow-private and shows what came back', async () => {
    const report = await run(server.url('/feed.xml'), '--allow-private');
    expect(report.fetched).toMatchObject({ url: server.url('/feed.xml'), status: 200, contentType: 'application/rss+xml; charset=utf-8' });
    expect(report.items).toEqual([
      { title: 'First item', url: server.url('/articles/1'), guid: 'item-1', published: '2024-03-05T14:07:00.000Z', author: null },
    ]);
  });

  it('refuses loopback without --allow-private, and reports non-feeds', async () => {
    await expect(run(server.url('/feed.xml'))).rejects.toThrow(FetchError);
    await expect(run(server.url('/html-feed'), '--allow-private')).rejects.toThrow(FeedParseError);
  });
});
