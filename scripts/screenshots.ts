/**
 * Screenshots of every console page at desktop and phone width, over the bundled demo run through the real
 * pipeline (its own Redis prefix, removed afterwards), and a check that no page is wider than the screen.
 *
 *   node --import tsx scripts/screenshots.ts            → docs/web/<page>-<width>.png
 *   node --import tsx scripts/screenshots.ts --serve    → the same console kept running to look at by hand
 *
 * Needs Redis (VIGIL_REDIS_URL, default redis://127.0.0.1:6379) and Chromium (`apt-get install -y chromium`).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { chromium } from 'playwright-core';
import { openSession } from '../src/cli/session.ts';
import { loadConfig } from '../src/config/load.ts';
import type { VigilConfig } from '../src/config/schema.ts';
import { startDemoServer } from '../src/demo/server.ts';
import { runDigestsNow, runPollNow } from '../src/jobs/on-demand.ts';
import { syncSchedules } from '../src/jobs/schedules.ts';
import { deleteByPrefix } from '../src/store/delete-prefix.ts';
import { startWeb } from '../src/web/start.ts';
import { CHROMIUM_HINT, findChromium } from './find-chromium.ts';

const OUT_DIR = 'docs/web';
const WIDTHS = [1280, 390];
const MAX_SHOT_HEIGHT = 1600;

function demoConfig(origin: string, outboxDir: string): VigilConfig {
  const loaded = loadConfig('config/demo.yaml');
  return {
    ...loaded,
    redis: { url: process.env.VIGIL_REDIS_URL ?? 'redis://127.0.0.1:6379', prefix: `{vigil-shots-${randomUUID().slice(0, 8)}}` },
    feeds: [
      ...loaded.feeds.map((feed) => ({ ...feed, url: feed.url.replace('http://127.0.0.1:8765', origin) })),
      // A feed that is gone, so the feeds page shows a failing one on top.
      { ...loaded.feeds[0], id: 'archive', name: 'Old Archive Feed', url: `${origin}/feeds/archive.xml` } as VigilConfig['feeds'][number],
    ],
    groups: [
      ...loaded.groups,
      {
        id: 'sahel-desk',
        name: 'Sahel desk',
        to: ['desk@example.org'],
        topics: ['relocation-regions'],
        schedule: { cron: '0 */6 * * *', tz: 'UTC' },
        whenEmpty: 'skip',
        perTopicCap: 10,
      },
    ],
    mail: { ...loaded.mail, transport: 'outbox', outboxDir },
  };
}

async function main(): Promise<void> {
  const serve = process.argv.includes('--serve');
  const executablePath = findChromium();
  if (!serve && !executablePath) throw new Error(CHROMIUM_HINT);
  const demo = await startDemoServer();
  const outbox = mkdtempSync(join(tmpdir(), 'vigil-shots-'));
  const session = await openSession({ config: demoConfig(demo.url, outbox), logLevel: 'warn' });
  const { context } = session.runtime;
  try {
    const feedIds = context.config.feeds.map((feed) => feed.id);
    const summary = await runPollNow(session.runtime, feedIds);
    console.log(`demo polled: ${summary.newItems} new items, ${summary.matched.length} matched`);
    await runDigestsNow(session.runtime, ['analysts']);
    await syncSchedules(context.config, context.queues);
    const server = await startWeb({ context, host: '127.0.0.1', port: 0, credentials: { user: 'vigil', password: null, token: null }, console: true });
    try {
      if (serve) {
        console.log(`console at ${server.url} (Ctrl-C to stop)`);
        await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
        return;
      }
      const { entries } = await context.matchIndex.page({ offset: 0, limit: 50 });
      const matches = await context.items.loadMatches(entries.map((entry) => entry.itemKey));
      // The item page of the item that matched the most topics shows the most explanation.
      const richest = [...matches.values()].sort((a, b) => b.matches.length - a.matches.length)[0];
      const pages: { name: string; path: string }[] = [
        { name: 'matches', path: '/' },
        { name: 'matches-filtered', path: '/?topic=detainee-escapes' },
        ...(richest ? [{ name: 'item', path: `/items/${richest.itemKey}` }] : []),
        { name: 'feeds', path: '/feeds' },
        { name: 'digests', path: '/digests' },
        { name: 'queues', path: '/queues' },
      ];
      mkdirSync(OUT_DIR, { recursive: true });
      const browser = await chromium.launch({ executablePath: executablePath ?? undefined, args: ['--no-sandbox'] });
      try {
        let overflowing = 0;
        for (const width of WIDTHS) {
          const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
          for (const entry of pages) {
            await page.goto(new URL(entry.path, server.url).href, { waitUntil: 'networkidle' });
            if (entry.name === 'queues') await page.getByText('poll', { exact: true }).first().waitFor({ timeout: 10_000 });
            const wide = Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));
            if (wide > 0) {
              overflowing += 1;
              console.log(`OVERFLOW: ${entry.path} at ${width} px is ${wide} px wider than the screen`);
            }
            const file = join(OUT_DIR, `${entry.name}-${width}.png`);
            // Long lists are cut: the top of a page shows its layout, and the files stay small enough to read.
            const height = Math.min(MAX_SHOT_HEIGHT, Number(await page.evaluate('document.documentElement.scrollHeight')));
            await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width, height } });
            console.log(file);
          }
          await page.close();
        }
        if (overflowing > 0) process.exitCode = 1;
      } finally {
        await browser.close();
      }
    } finally {
      await server.close();
    }
  } finally {
    await deleteByPrefix(session.runtime.redis, context.config.redis.prefix);
    await session.close();
    await demo.close();
    rmSync(outbox, { recursive: true, force: true });
  }
}

await main();
