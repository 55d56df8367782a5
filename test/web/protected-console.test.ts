import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/jobs/runtime.ts';
import { type WebServer, startWeb } from '../../src/web/start.ts';
import { testConfig, testRuntime } from '../helpers/pipeline.ts';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../helpers/redis.ts';

const prefix = uniquePrefix('web-protected');
const credentials = { user: 'vigil', password: 'correct horse battery', token: 'prometheus-scrape-token' };
let runtime: Runtime;
let web: WebServer;

beforeAll(async () => {
  runtime = testRuntime(testConfig({ prefix, smtpPort: 1, feeds: [{ id: 'f', url: 'http://127.0.0.1:1/feed.xml' }] }));
  web = await startWeb({ context: runtime.context, host: '127.0.0.1', port: 0, credentials, console: true });
});

afterAll(async () => {
  await web.close();
  const redis = new Redis(testRedisUrl());
  await deleteKeys(redis, prefix);
  await redis.quit();
  await runtime.close();
});

function request(path: string, authorization?: string, init: RequestInit = {}): Promise<Response> {
  return fetch(new URL(path, web.url), { redirect: 'manual', ...init, headers: { ...(authorization ? { authorization } : {}), ...init.headers } });
}

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('a console with credentials', () => {
  it('asks for them on every page, action, Bull Board and /metrics', async () => {
    for (const path of ['/', '/feeds', '/digests', '/items/0123456789abcdef01234567', '/queues', '/queues/api/queues', '/metrics', '/static/vigil.css']) {
      const response = await request(path);
      expect(response.status, path).toBe(401);
      expect(response.headers.get('www-authenticate'), path).toBe('Basic realm="vigil", charset="UTF-8"');
    }
    expect((await request('/feeds/f/disable', undefined, { method: 'POST' })).status).toBe(401);
    expect((await runtime.context.feeds.get('f')).disabledReason).toBeNull();
  });

  it('lets the password in, and the token in where a machine scrapes', async () => {
    expect((await request('/', basic('vigil', 'correct horse battery'))).status).toBe(200);
    expect((await request('/queues/api/queues', basic('vigil', 'correct horse battery'))).status).toBe(200);
    expect((await request('/', basic('vigil', 'correct horse'))).status).toBe(401);
    expect((await request('/', basic('admin', 'correct horse battery'))).status).toBe(401);
    expect((await request('/metrics', 'Bearer prometheus-scrape-token')).status).toBe(200);
    expect((await request('/metrics', 'Bearer wrong')).status).toBe(401);
  });

  it('leaves the liveness and readiness probes open: they show nothing of the content', async () => {
    expect((await request('/healthz')).status).toBe(200);
    expect([200, 503]).toContain((await request('/readyz')).status);
  });
});

describe('listening', () => {
  it('refuses a non-loopback address without credentials', async () => {
    await expect(
      startWeb({ context: runtime.context, host: '0.0.0.0', port: 0, credentials: { user: 'vigil', password: null, token: null }, console: true }),
    ).rejects.toThrow(/refusing to listen on 0\.0\.0\.0 without credentials/);
  });

  it('says when the port is taken', async () => {
    await expect(startWeb({ context: runtime.context, host: '127.0.0.1', port: web.port, credentials, console: true })).rejects.toThrow(
      /port \d+ on 127\.0\.0\.1 is already in use/,
    );
  });

  it('serves only the operator endpoints for a worker', async () => {
    const operator = await startWeb({
      context: runtime.context,
      host: '127.0.0.1',
      port: 0,
      credentials: { user: 'vigil', password: null, token: null },
      console: false,
    });
    try {
      expect((await fetch(new URL('/metrics', operator.url))).status).toBe(200);
      expect((await fetch(new URL('/healthz', operator.url))).status).toBe(200);
      for (const path of ['/', '/feeds', '/queues']) expect((await fetch(new URL(path, operator.url))).status, path).toBe(404);
    } finally {
      await operator.close();
    }
  });
});
