import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { parse, stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/store/local-redis.ts';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../helpers/redis.ts';

const prefix = uniquePrefix('demo');
const redis = new Redis(testRedisUrl());

afterAll(async () => {
  await deleteKeys(redis, prefix);
  await redis.quit();
});

/** The bundled demo config, on its own Redis prefix and outbox so the test leaves a user's demo state alone. */
function demoConfigCopy(): { path: string; outbox: string } {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-demo-'));
  const config = parse(readFileSync('config/demo.yaml', 'utf8')) as Record<string, unknown>;
  const outbox = join(dir, 'outbox');
  config.redis = { url: testRedisUrl(), prefix };
  config.topicsFile = resolve('config/topics.yaml');
  config.mail = { ...(config.mail as Record<string, unknown>), outboxDir: outbox };
  const path = join(dir, 'demo.yaml');
  writeFileSync(path, stringify(config));
  return { path, outbox };
}

function vigil(args: string[]) {
  const result = spawnSync(process.execPath, ['bin/vigil.mjs', ...args], {
    encoding: 'utf8',
    env: { ...process.env, VIGIL_LOG_LEVEL: 'silent' },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('vigil demo', () => {
  it('runs the pipeline on the bundled feeds, writes the digest to the outbox, and finds nothing new the second time', async () => {
    const { path, outbox } = demoConfigCopy();
    const port = String(await freePort());
    const first = vigil(['demo', '--config', path, '--port', port]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^feeds polled: 3 \(0 failed\)$/m);
    expect(first.stdout).toMatch(/^new items: 36 /m);
    for (const topic of ['detainee-escapes', 'repatriation-policy', 'relocation-regions']) {
      expect(first.stdout).toMatch(new RegExp(`\\(${topic}\\): [1-9]\\d*$`, 'm'));
    }
    const digestLine = /^digest for analysts: sent, \d+ items → (\S+\.eml), (\S+\.html)$/m.exec(first.stdout);
    expect(digestLine, first.stdout).not.toBeNull();
    const [, eml, html] = digestLine ?? [];
    expect(eml?.startsWith(outbox), `${eml} in ${outbox}`).toBe(true);
    expect(existsSync(eml ?? '') && existsSync(html ?? '')).toBe(true);

    const second = vigil(['demo', '--config', path, '--port', port]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/^new items: 0$/m);
    expect(second.stdout).toContain('digest for analysts: nothing new since the last digest; nothing sent');

    const status = vigil(['status', '--config', path]);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/^ {2}wire: ok; .*12 items seen$/m);
    expect(status.stdout).toMatch(/^ {2}analysts: 0 items pending; .*last delivered \S+ \(\d+ items\)/m);
  }, 240_000);
});
