import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/store/local-redis.ts';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../helpers/redis.ts';

/** Runs the real `vigil` bin, as a user would after `npm ci`. */
function vigil(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, ['bin/vigil.mjs', ...args], {
    encoding: 'utf8',
    env: { ...process.env, VIGIL_LOG_LEVEL: 'silent', ...env },
    timeout: 90_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same, without blocking this process: needed when the test itself serves the feeds. */
function vigilAsync(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/vigil.mjs', ...args], { env: { ...process.env, VIGIL_LOG_LEVEL: 'silent', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'vigil-cli-'));
}

const RSS = (items: number) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>http://example.org/</link>${Array.from(
    { length: items },
    (_, index) => `<item><title>Item ${index}</title><link>http://127.0.0.1:1/never-${index}</link><description>Short note ${index}.</description></item>`,
  ).join('')}</channel></rss>`;

describe('command-line conventions', () => {
  it('prints the version of package.json with --version', () => {
    const { code, stdout } = vigil(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe((JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);
  });

  it('shows the global -c, --config in every sub-command help', () => {
    for (const command of [['poll'], ['status'], ['feed', 'inspect'], ['config', 'check']]) {
      const { code, stdout } = vigil([...command, '--help']);
      expect(code).toBe(0);
      expect(stdout).toContain('-c, --config <path>');
    }
  });

  it('exits 2 for usage errors: an unknown option, a missing argument, an unknown feed', () => {
    expect(vigil(['status', '--bogus']).code).toBe(2);
    expect(vigil(['match']).code).toBe(2);
    const unknownFeed = vigil(['poll', 'no-such-feed', '--config', 'config/demo.yaml'], { VIGIL_REDIS_URL: testRedisUrl() });
    expect(unknownFeed.code).toBe(2);
    expect(unknownFeed.stderr).toContain('unknown feed "no-such-feed"');
  });

  it('prints config check as JSON with --json, without the Redis password', () => {
    const { code, stdout } = vigil(['config', 'check', '--json', '--config', 'config/demo.yaml'], { VIGIL_REDIS_URL: 'redis://:hunter22@127.0.0.1:6379' });
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as { ok: boolean; redis: { url: string }; topics: string[] };
    expect(summary.ok).toBe(true);
    expect(summary.topics).toContain('detainee-escapes');
    expect(summary.redis.url).toBe('redis://:***@127.0.0.1:6379');
    expect(stdout).not.toContain('hunter22');
  });

  it('streams one JSON line per page with extract --jsonl, names a corrupt file and goes on (exit 1)', () => {
    const dir = tempDir();
    const paragraph = 'Guards at the camp said dozens of detainees had escaped during the night after an attack on the perimeter. ';
    const page = `<html><head><title>Escape</title></head><body><article><h1>Escape</h1><p>${paragraph.repeat(4)}</p></article></body></html>`;
    writeFileSync(join(dir, 'a.html'), page);
    writeFileSync(join(dir, 'b.html.gz'), Buffer.from('this is not gzip'));
    writeFileSync(join(dir, 'c.html.gz'), gzipSync(page));
    const { code, stdout, stderr } = vigil(['extract', dir, '--jsonl']);
    expect(code).toBe(1);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; text: string });
    expect(lines.map((line) => line.id)).toEqual(['a', 'c']);
    expect(lines[1]?.text).toContain('dozens of detainees had escaped');
    expect(stderr).toContain('b.html.gz');
    // Not a terminal: no progress line.
    expect(stderr).not.toContain('extracting:');
  });
});

describe('Redis: never a private server for a deployment, never a password on screen', () => {
  it('status exits 1 naming the URL (password hidden) after a visible wait, and starts no redis-server', () => {
    const { code, stderr } = vigil(['status', '--config', 'config/demo.yaml'], { VIGIL_REDIS_URL: 'redis://:s3cr3tpass@127.0.0.1:1', VIGIL_REDIS_WAIT: '1s' });
    expect(code).toBe(1);
    expect(stderr).toContain('waiting for Redis at redis://:***@127.0.0.1:1');
    expect(stderr).toMatch(/no Redis answers at redis:\/\/:\*\*\*@127\.0\.0\.1:1 \(ECONNREFUSED\)/);
    expect(stderr).not.toContain('s3cr3tpass');
    expect(stderr).not.toContain('private redis-server');
  });

  describe('a Redis that refuses the password', () => {
    let server: ReturnType<typeof spawn>;
    let port: number;
    beforeAll(async () => {
      port = await freePort();
      server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--requirepass', 'rotated-pass'], {
        stdio: 'ignore',
      });
      for (let tries = 0; tries < 100; tries += 1) {
        const client = new Redis({ port, host: '127.0.0.1', password: 'rotated-pass', lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
        client.on('error', () => undefined);
        const ok = await client.connect().then(
          () => true,
          () => false,
        );
        client.disconnect();
        if (ok) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('test redis-server with a password did not start');
    });
    afterAll(() => {
      server.kill('SIGKILL');
    });

    it.each([['status'], ['worker'], ['digest'], ['alerts', 'test', 'detainee-escapes']])(
      '%s fails at once with exit 1 and never shows the password',
      (...command) => {
        const started = Date.now();
        const { code, stderr, stdout } = vigil([...command, '--config', 'config/demo.yaml'], { VIGIL_REDIS_URL: `redis://:old-password@127.0.0.1:${port}` });
        expect(code).toBe(1);
        expect(stderr).toMatch(/WRONGPASS|invalid password|NOAUTH/);
        expect(`${stderr}${stdout}`).not.toContain('old-password');
        expect(stderr).not.toContain('private redis-server');
        // Wrong credentials are not worth waiting for.
        expect(Date.now() - started).toBeLessThan(15_000);
      },
    );
  });
});

describe('vigil poll on a real Redis and loopback feeds', () => {
  const prefix = uniquePrefix('cli-poll');
  let server: Server;
  let configPath: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/broken.xml') {
        response.writeHead(500).end('down');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS(1));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const dir = tempDir();
    configPath = join(dir, 'vigil.yaml');
    // Fifteen feeds: more than Node's default of ten listeners per emitter, so a listener per job would warn.
    const feeds = Array.from({ length: 14 }, (_, index) => `  - { id: wire-${index}, url: "${base}/wire-${index}.xml", fetchArticles: false }`);
    feeds.push(`  - { id: broken, url: "${base}/broken.xml" }`);
    writeFileSync(
      configPath,
      [
        'redis:',
        `  url: ${testRedisUrl()}`,
        `  prefix: "${prefix}"`,
        'http: { allowPrivateNetworks: true, timeout: 5s }',
        'worker: { attempts: 1, backoff: 1s }',
        'topics:',
        '  - { id: escapes, name: Escapes, query: "escap*" }',
        'feeds:',
        ...feeds,
        'groups:',
        '  - { id: desk, to: [desk@example.org] }',
        'mail: { transport: outbox, outboxDir: outbox-test }',
      ].join('\n'),
    );
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    const redis = new Redis(testRedisUrl());
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('polls every feed, exits 1 because one failed, and prints no library warnings', async () => {
    const { code, stdout, stderr } = await vigilAsync(['poll', '--all', '--config', configPath]);
    expect(stdout).toContain('feeds polled: 15 (1 failed)');
    expect(stdout).toMatch(/broken: failed/);
    expect(code).toBe(1);
    expect(stderr).not.toMatch(/Warning/);
  }, 90_000);

  it('prints status, digest --dry-run and alerts test as JSON with --json', () => {
    // No feed is fetched here, so the blocking helper is fine.
    const status = vigil(['status', '--json', '--config', configPath]);
    expect(status.code, status.stderr).toBe(0);
    const parsed = JSON.parse(status.stdout) as { feeds: { id: string; health: string }[]; queues: { name: string }[] };
    expect(parsed.feeds.find((feed) => feed.id === 'broken')?.health).toBe('failing');
    expect(parsed.queues.map((queue) => queue.name)).toContain('poll');
    const dryRun = vigil(['digest', '--dry-run', '--json', '--config', configPath]);
    expect(dryRun.code, dryRun.stderr).toBe(0);
    expect((JSON.parse(dryRun.stdout) as { groupId: string; status: string }[])[0]).toMatchObject({ groupId: 'desk', status: 'dry-run' });
    const alerts = vigil(['alerts', 'test', 'escapes', '--json', '--config', configPath]);
    expect(alerts.code, alerts.stderr).toBe(0);
    expect(JSON.parse(alerts.stdout)).toMatchObject({ topicId: 'escapes', alert: null, wouldFire: false });
  });
});
