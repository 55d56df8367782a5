import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../helpers/redis.ts';

const prefix = uniquePrefix('web-cli');
const redis = new Redis(testRedisUrl());

afterAll(async () => {
  await deleteKeys(redis, prefix);
  await redis.quit();
});

/** A config on the test Redis with one feed nobody serves (port 1 refuses at once). */
function writeConfig(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'vigil-web-cli-')), 'vigil.yaml');
  writeFileSync(
    path,
    [
      'redis:',
      `  url: ${testRedisUrl()}`,
      `  prefix: "${prefix}"`,
      'http: { allowPrivateNetworks: true }',
      `topicsFile: ${join(process.cwd(), 'config/topics.yaml')}`,
      'feeds:',
      '  - { id: nowhere, url: "http://127.0.0.1:1/feed.xml" }',
      'groups:',
      '  - { id: analysts, to: [analysts@example.org] }',
    ].join('\n'),
  );
  return path;
}

function vigil(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, ['bin/vigil.mjs', ...args], {
    encoding: 'utf8',
    env: { ...process.env, VIGIL_LOG_LEVEL: 'silent', ...env },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts a long-running command and resolves with the first URL it announces (stdout or its JSON log on stderr). */
function startAnnouncing(args: string[], env: NodeJS.ProcessEnv): Promise<{ child: ChildProcessWithoutNullStreams; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['bin/vigil.mjs', ...args], { env: { ...process.env, ...env } });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL announced within 30 s:\n${output}`)), 30_000);
    const look = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url, output: () => output });
      }
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before announcing a URL:\n${output}`)));
  });
}

function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('vigil web', () => {
  it('refuses a public address without credentials (exit 2) and a bad port', () => {
    const refused = vigil(['web', '--host', '0.0.0.0', '-c', writeConfig()], { VIGIL_WEB_PASSWORD: '', VIGIL_WEB_TOKEN: '' });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('refusing to listen on 0.0.0.0 without credentials');
    expect(refused.stderr).toContain('VIGIL_WEB_PASSWORD');
    const badPort = vigil(['web', '--port', 'eighty', '-c', writeConfig()]);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('--port: expected a port number');
  });

  it('waits for its Redis and exits 1 naming it when it never answers, without starting one', () => {
    const config = writeConfig();
    const result = vigil(['web', '-c', config], { VIGIL_REDIS_URL: 'redis://:pw-secret@127.0.0.1:1', VIGIL_REDIS_WAIT: '0s' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no Redis answers at redis://:***@127.0.0.1:1');
    expect(result.stderr).not.toContain('pw-secret');
  });

  it('serves the console until SIGTERM, then exits 0', async () => {
    const { child, url } = await startAnnouncing(['web', '--port', '0', '-c', writeConfig()], { VIGIL_LOG_LEVEL: 'silent' });
    const exited = exitCode(child);
    try {
      expect((await fetch(new URL('/healthz', url))).status).toBe(200);
      const page = await fetch(new URL('/feeds', url));
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('data-feed="nowhere"');
      expect(await (await fetch(new URL('/metrics', url))).text()).toMatch(/^vigil_feeds\{state="ok"\} 1$/m);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});

describe('vigil worker --http', () => {
  it('refuses a public address without credentials (exit 2)', () => {
    const result = vigil(['worker', '--http', '0.0.0.0:9464', '-c', writeConfig()], { VIGIL_WEB_PASSWORD: '', VIGIL_WEB_TOKEN: '' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--http: refusing to listen on 0.0.0.0');
    expect(vigil(['worker', '--http', 'nine', '-c', writeConfig()]).code).toBe(2);
  });

  it('serves /healthz, /readyz and /metrics with its own pipeline counters while it works', async () => {
    const { child, url } = await startAnnouncing(['worker', '--http', '0', '-c', writeConfig()], { VIGIL_LOG_LEVEL: 'info' });
    const exited = exitCode(child);
    try {
      expect((await fetch(new URL('/healthz', url))).status).toBe(200);
      // The worker registered its schedules before it began to serve.
      expect(await (await fetch(new URL('/readyz', url))).text()).toBe('ready\n');
      // Its first poll of the refusing feed shows up as a failed poll and a network fetch error.
      let metrics = '';
      for (let attempt = 0; attempt < 50 && !/^vigil_fetch_errors_total\{kind="network",request="feed"\} 1$/m.test(metrics); attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        metrics = await (await fetch(new URL('/metrics', url))).text();
      }
      expect(metrics).toMatch(/^vigil_fetch_errors_total\{kind="network",request="feed"\} 1$/m);
      expect(metrics).toMatch(/^vigil_polls_total\{outcome="failed"\} 1$/m);
      expect((await fetch(new URL('/', url))).status).toBe(404);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
