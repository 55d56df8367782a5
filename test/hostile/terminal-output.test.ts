import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../helpers/redis.ts';

/** What a terminal acts on (ESC, CSI, carriage return) or uses to reorder text (bidi controls), raw. */
const RAW_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

const STORY =
  'Dozens of Islamic State detainees escaped from a prison in Hasakah after militants stormed the gate, officials said. ' +
  'Guards were overwhelmed during the jailbreak, the largest breakout from the prison this year. ';

/** A title that would reverse the rest of the line, clear the screen on some terminals, and hide a mark. */
const HOSTILE_TITLE = 'Islamic State detainees escape prison \u202Egnp.exe\u202C \u009b2J\u061C breakout';

const server = createServer((request, response) => {
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (request.url === '/story') {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(`<html><body><article><h1>Escape</h1><p>${STORY}</p><p>${STORY}</p><p>${STORY}</p></article></body></html>`);
    return;
  }
  response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
  response.end(
    `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Hostile</title><link>${base}/</link>` +
      `<item><title>${HOSTILE_TITLE}</title><link>${base}/story</link><description>${STORY}</description></item></channel></rss>`,
  );
});

const redis = new Redis(testRedisUrl());
const prefix = uniquePrefix('terminal');
const dir = mkdtempSync(join(tmpdir(), 'vigil-hostile-'));

function vigil(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, ['bin/vigil.mjs', ...args], {
      env: { ...process.env, VIGIL_LOG_LEVEL: 'silent', VIGIL_REDIS_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('exit', (code) => resolveRun({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
});

afterAll(async () => {
  await new Promise((resolveClose) => server.close(resolveClose));
  await deleteKeys(redis, prefix);
  await redis.quit();
});

describe('source text on a terminal', () => {
  it('vigil poll prints a hostile title with its controls made visible, never raw', async () => {
    const config = join(dir, 'vigil.yaml');
    writeFileSync(
      config,
      stringify({
        topicsFile: resolve('config/topics.yaml'),
        redis: { url: testRedisUrl(), prefix },
        http: { allowPrivateNetworks: true, respectRobotsTxt: false, timeout: '5s' },
        feeds: [{ id: 'hostile', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml` }],
      }),
    );
    const { code, stdout, stderr } = await vigil(['poll', 'hostile', '--config', config]);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('Islamic State detainees escape prison \\u202egnp.exe\\u202c \\u009b2J\\u061c breakout');
    expect(stdout).not.toMatch(RAW_CONTROL);
  });

  it('vigil match goes past malformed lines, names them, keeps its JSON output free of raw controls, and exits 1', async () => {
    const topics = join(dir, 'topics.yaml');
    writeFileSync(topics, 'topics:\n  - { id: escapes, name: Escapes, query: "escap* AND prison" }\n');
    const items = join(dir, 'items.jsonl');
    writeFileSync(
      items,
      [JSON.stringify({ id: 'a', title: HOSTILE_TITLE }), '{"id": "b", "title": ', JSON.stringify({ id: 'c', title: 'Prison escape' })].join('\n'),
    );
    const { code, stdout, stderr } = await vigil(['match', items, '--topics', topics, '--explain']);
    expect(code).toBe(1);
    expect(stdout).not.toMatch(RAW_CONTROL);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; topics: { hits: { snippet: string }[] }[] });
    expect(lines.map((line) => line.id)).toEqual(['a', 'c']);
    // Escaped for the terminal, the same text once parsed.
    expect(lines[0]?.topics[0]?.hits[0]?.snippet).toContain('\u202Egnp.exe');
    expect(stderr).toContain(`${items}:2: expected a JSON object`);
    expect(stderr).toMatch(/1 of 3 lines could not be read/);
  });
});
