import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../src/demo/server.ts';

const demoRoot = fileURLToPath(new URL('../../demo/', import.meta.url));
const TOPICS = ['detainee-escapes', 'repatriation-policy', 'relocation-regions'] as const;

const expectedTypes: Record<string, string> = {
  wire: 'application/rss+xml; charset=utf-8',
  monitor: 'application/atom+xml; charset=utf-8',
  regional: 'application/rdf+xml; charset=utf-8',
};

/** Item/entry link paths, by regex: the real feed parser is not this test's subject. */
function itemLinkPaths(xml: string, feedUrl: string): string[] {
  const rss = [...xml.matchAll(/<item[\s>][\s\S]*?<\/item>/g)].map((m) => /<link>([^<]+)<\/link>/.exec(m[0])?.[1]);
  const atom = [...xml.matchAll(/<entry[\s>][\s\S]*?<\/entry>/g)].map((m) => /<link\b[^>]*\brel="alternate"[^>]*\bhref="([^"]+)"/.exec(m[0])?.[1]);
  return [...rss, ...atom].map((link) => {
    if (link === undefined) throw new Error(`an item in ${feedUrl} has no link`);
    return new URL(link.replaceAll('&amp;', '&'), feedUrl).pathname;
  });
}

function countItems(xml: string): number {
  return (xml.match(/<item[\s>]/g) ?? []).length + (xml.match(/<entry[\s>]/g) ?? []).length;
}

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8')) as unknown;
}

describe('demo server', () => {
  let server: DemoServer;
  const feedBodies = new Map<string, string>();

  beforeAll(async () => {
    server = await startDemoServer();
    for (const feed of server.feedUrls) {
      const response = await fetch(feed.url);
      expect(response.status, feed.url).toBe(200);
      feedBodies.set(feed.id, await response.text());
    }
  });

  afterAll(async () => {
    await server.close();
  });

  it('listens on loopback and names the three feeds', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.feedUrls).toEqual([
      { id: 'wire', url: `${server.url}/feeds/wire.xml`, format: 'rss2' },
      { id: 'monitor', url: `${server.url}/feeds/monitor.atom`, format: 'atom' },
      { id: 'regional', url: `${server.url}/feeds/regional.rdf`, format: 'rss1' },
    ]);
  });

  it('serves each feed with its content type, the origin substituted, and at least 33 items in all', async () => {
    let total = 0;
    for (const feed of server.feedUrls) {
      const response = await fetch(feed.url);
      expect(response.headers.get('content-type')).toBe(expectedTypes[feed.id]);
      const body = await response.text();
      expect(body).not.toContain('{{BASE}}');
      expect(body).toContain(`${server.url}/pages/`);
      const count = countItems(body);
      expect(count, feed.id).toBeGreaterThanOrEqual(11);
      total += count;
    }
    expect(total).toBeGreaterThanOrEqual(33);
  });

  it('answers a conditional request with 304 when the ETag still matches', async () => {
    const url = `${server.url}/feeds/monitor.atom`;
    const first = await fetch(url);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    await first.text();

    const again = await fetch(url, { headers: { 'If-None-Match': `"stale", ${etag ?? ''}` } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    const changed = await fetch(url, { headers: { 'If-None-Match': '"something-else"' } });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain('<feed');
  });

  it('serves an article page as HTML with the origin substituted', async () => {
    const response = await fetch(`${server.url}/pages/militants-storm-shaddadi-detention-centre.html?utm_source=rss`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('<article');
    expect(html).toContain(`<link rel="canonical" href="${server.url}/pages/militants-storm-shaddadi-detention-centre.html">`);
    expect(html).not.toContain('{{BASE}}');
  });

  it('serves every item page, except the broken ones, which answer 500', async () => {
    const config = await readJson(join(demoRoot, 'server.json'));
    const broken = (config as { brokenPages: string[] }).brokenPages;
    expect(broken.length).toBeGreaterThanOrEqual(1);
    for (const [id, xml] of feedBodies) {
      for (const path of itemLinkPaths(xml, `${server.url}/feeds/${id}`)) {
        const response = await fetch(`${server.url}${path}`);
        await response.text();
        const slug = path.replace(/^\/pages\//, '').replace(/\.html$/, '');
        expect(response.status, path).toBe(broken.includes(slug) ? 500 : 200);
      }
    }
  });

  it('answers 404 for unknown paths and refuses to leave its folders', async () => {
    for (const path of [
      '/',
      '/nope',
      '/feeds/missing.xml',
      '/pages/missing.html',
      '/pages/..%2Fserver.json',
      '/pages/%2e%2e%2Fexpected.json',
      '/feeds/../expected.json',
      '/expected.json',
    ]) {
      const response = await fetch(`${server.url}${path}`);
      await response.text();
      expect(response.status, path).toBe(404);
    }
  });

  it('answers HEAD without a body and rejects other methods', async () => {
    const head = await fetch(`${server.url}/feeds/wire.xml`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe(expectedTypes.wire);
    expect(await head.text()).toBe('');

    const post = await fetch(`${server.url}/feeds/wire.xml`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('demo answer key (demo/expected.json)', () => {
  let server: DemoServer;
  let linkPaths: string[] = [];
  let expected: Record<string, string[]> = {};
  const raw = new Map<string, string>();

  beforeAll(async () => {
    server = await startDemoServer();
    linkPaths = [];
    for (const feed of server.feedUrls) {
      const xml = await (await fetch(feed.url)).text();
      raw.set(feed.id, xml);
      linkPaths.push(...itemLinkPaths(xml, feed.url));
    }
    expected = (await readJson(join(demoRoot, 'expected.json'))) as Record<string, string[]>;
  });

  afterAll(async () => {
    await server.close();
  });

  it('lists exactly the item links of the three feeds, each once', () => {
    expect(new Set(linkPaths).size).toBe(linkPaths.length);
    expect([...linkPaths].sort()).toEqual(Object.keys(expected).sort());
  });

  it('uses only the three topic ids', () => {
    for (const [path, topics] of Object.entries(expected)) {
      expect(Array.isArray(topics), path).toBe(true);
      for (const topic of topics) expect(TOPICS, path).toContain(topic);
    }
  });

  it('has at least five positives per topic and at least ten negatives', () => {
    for (const topic of TOPICS) {
      const positives = Object.values(expected).filter((topics) => topics.includes(topic));
      expect(positives.length, topic).toBeGreaterThanOrEqual(5);
    }
    const negatives = Object.values(expected).filter((topics) => topics.length === 0);
    expect(negatives.length).toBeGreaterThanOrEqual(10);
  });

  it('marks the broken page as a positive whose feed summary still carries the story', async () => {
    const config = (await readJson(join(demoRoot, 'server.json'))) as { brokenPages: string[] };
    for (const slug of config.brokenPages) {
      expect(expected[`/pages/${slug}.html`]?.length ?? 0, slug).toBeGreaterThan(0);
    }
  });

  it('exercises the feed quirks the pipeline must handle', () => {
    const wire = raw.get('wire') ?? '';
    const monitor = raw.get('monitor') ?? '';
    expect(wire).toMatch(/<link>[^<]*\?utm_source=rss&amp;utm_medium=feed<\/link>/);
    expect(wire).toContain('isPermaLink="false"');
    expect(wire).toContain('<content:encoded>');
    expect(wire).toMatch(/<title>[^<]*&(amp|#8217);[^<]*<\/title>/);
    expect(monitor).toMatch(/xml:base="http:\/\/127\.0\.0\.1:\d+\/"/);
    expect(monitor).toMatch(/<link rel="alternate" type="text\/html" href="\/pages\/[^"]+"\/>/);
  });
});

describe('demo server with another root', () => {
  let root = '';

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'vigil-demo-'));
    await mkdir(join(root, 'feeds'));
    await mkdir(join(root, 'pages'));
    await writeFile(join(root, 'feeds', 'wire.xml'), '<rss version="2.0"><channel><link>{{BASE}}/</link></channel></rss>');
    await writeFile(join(root, 'pages', 'only.html'), '<p>{{BASE}}</p>');
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('serves that folder and treats a missing server.json as no broken pages', async () => {
    const server = await startDemoServer({ root });
    try {
      expect(await (await fetch(`${server.url}/feeds/wire.xml`)).text()).toContain(`<link>${server.url}/</link>`);
      expect(await (await fetch(`${server.url}/pages/only.html`)).text()).toBe(`<p>${server.url}</p>`);
      const missing = await fetch(`${server.url}/feeds/monitor.atom`);
      await missing.text();
      expect(missing.status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('rejects a server.json whose brokenPages is not a list of slugs', async () => {
    await writeFile(join(root, 'server.json'), JSON.stringify({ brokenPages: 'only' }));
    await expect(startDemoServer({ root })).rejects.toThrow(/brokenPages/);
    await rm(join(root, 'server.json'));
  });

  it('listens on the port it is given', async () => {
    const first = await startDemoServer({ root });
    const port = Number(new URL(first.url).port);
    await first.close();
    const second = await startDemoServer({ root, port });
    try {
      expect(second.url).toBe(`http://127.0.0.1:${port}`);
    } finally {
      await second.close();
    }
  });
});
