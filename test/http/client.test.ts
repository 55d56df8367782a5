import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { httpSchema, type HttpConfig } from '../../src/config/schema.ts';
import { FetchError, HttpClient, type HttpClientDependencies } from '../../src/http/client.ts';
import type { FetchOptions } from '../../src/http/types.ts';
import { FeedParseError, parseFeed } from '../../src/parsers/feed.ts';
import { SAMPLE_FEED, startFaultServer, type FaultServer } from '../helpers/fault-server.ts';

let server: FaultServer;
const clients: HttpClient[] = [];

/** Short timeouts keep the fault tests fast; loopback needs allowPrivateNetworks. */
function client(overrides: Partial<Record<keyof HttpConfig, unknown>> = {}, dependencies: HttpClientDependencies = {}): HttpClient {
  const config = httpSchema.parse({
    timeout: 0.6,
    connectTimeout: 0.5,
    allowPrivateNetworks: true,
    maxFeedBytes: 256 * 1024,
    maxPageBytes: 512 * 1024,
    ...overrides,
  });
  const created = new HttpClient(config, dependencies);
  clients.push(created);
  return created;
}

async function fetchError(http: HttpClient, path: string, options: FetchOptions = { kind: 'feed' }): Promise<FetchError> {
  const started = Date.now();
  try {
    await http.fetch(path.startsWith('http') ? path : server.url(path), options);
  } catch (error) {
    expect(error).toBeInstanceOf(FetchError);
    // Every failure must come back promptly, whatever the server does.
    expect(Date.now() - started).toBeLessThan(3_000);
    return error as FetchError;
  }
  throw new Error(`expected ${path} to fail`);
}

beforeAll(async () => {
  server = await startFaultServer();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((entry) => entry.close()));
});

afterAll(async () => {
  await server.close();
});

describe('HttpClient: normal fetches', () => {
  it('fetches a feed with our User-Agent, Accept and Accept-Encoding', async () => {
    const http = client({ userAgent: 'vigil-test/1.0 (+https://example.org)' });
    const result = await http.fetch(server.url('/feed.xml'), { kind: 'feed' });
    expect(result).toMatchObject({ url: server.url('/feed.xml'), status: 200, notModified: false });
    expect(result.contentType).toBe('application/rss+xml; charset=utf-8');
    const feed = await parseFeed(result.body, result.url);
    expect(feed.items[0]?.url).toBe(server.url('/articles/1'));
    const seen = server.requests.filter((request) => request.path === '/feed.xml').at(-1);
    expect(seen?.headers['user-agent']).toBe('vigil-test/1.0 (+https://example.org)');
    expect(seen?.headers.accept).toContain('application/rss+xml');
    expect(seen?.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it.each(['/gzip', '/deflate', '/deflate-raw', '/br'])('decompresses %s', async (path) => {
    const result = await client().fetch(server.url(path), { kind: 'feed' });
    expect((await parseFeed(result.body, result.url)).title).toBe('Fault server feed');
  });

  it('follows up to maxRedirects redirects and reports the final URL', async () => {
    const result = await client().fetch(server.url('/chain/5'), { kind: 'feed' });
    expect(result.url).toBe(server.url('/chain/0'));
    expect(result.status).toBe(200);
  });

  it('sends validators and turns 304 into notModified with an empty body', async () => {
    const http = client();
    const first = await http.fetch(server.url('/conditional'), { kind: 'feed' });
    expect(first).toMatchObject({ status: 200, notModified: false, etag: '"v1"', lastModified: 'Tue, 05 Mar 2024 14:07:00 GMT' });
    expect(first.retryAfterSeconds).toBe(300); // Cache-Control: max-age=300
    const second = await http.fetch(server.url('/conditional'), { kind: 'feed', etag: first.etag, lastModified: first.lastModified });
    expect(second).toMatchObject({ status: 304, notModified: true, body: '', etag: '"v1"' });
    const sent = server.requests.filter((request) => request.path === '/conditional').at(-1);
    expect(sent?.headers['if-none-match']).toBe('"v1"');
    expect(sent?.headers['if-modified-since']).toBe('Tue, 05 Mar 2024 14:07:00 GMT');
  });
});

describe('HttpClient: charsets', () => {
  it('decodes windows-1252 bytes served with a wrong "charset=utf-8" without mojibake', async () => {
    const result = await client().fetch(server.url('/wrong-charset'), { kind: 'feed' });
    expect((await parseFeed(result.body, result.url)).title).toBe('Café – €5');
  });

  it('trusts valid UTF-8 over a header and prolog that claim ISO-8859-1', async () => {
    const result = await client().fetch(server.url('/utf8-declared-latin1'), { kind: 'feed' });
    expect((await parseFeed(result.body, result.url)).title).toBe('Zürich – Genève');
  });
});

describe('HttpClient: faults end in a clear FetchError', () => {
  it('gives up on slow headers', async () => {
    const error = await fetchError(client(), '/slow-headers');
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain(server.url('/slow-headers'));
    expect(error.permanent).toBe(false);
  });

  it('gives up on a body that trickles in forever', async () => {
    const error = await fetchError(client(), '/slow-body');
    expect(error.kind).toBe('timeout');
  });

  it('stops an endless body at the byte cap', async () => {
    const error = await fetchError(client({ timeout: 5 }), '/endless');
    expect(error.kind).toBe('too-large');
    expect(error.message).toMatch(/larger than 256 kB after decompression \(http\.maxFeedBytes\)/);
  });

  it('refuses a gzip bomb by its decompressed size', async () => {
    const error = await fetchError(client({ timeout: 5 }), '/gzip-bomb');
    expect(error.kind).toBe('too-large');
    expect(error.permanent).toBe(true);
  });

  it('uses the page cap for pages and refuses an over-long Content-Length up front', async () => {
    const error = await fetchError(client({ timeout: 5, respectRobotsTxt: false }), '/too-long-declared', { kind: 'page' });
    expect(error.kind).toBe('too-large');
    expect(error.message).toContain('http.maxPageBytes');
  });

  it('detects a redirect loop', async () => {
    const error = await fetchError(client(), '/redirect-loop/a');
    expect(error.kind).toBe('redirect-loop');
    expect(error.message).toContain('/redirect-loop/b');
  });

  it('stops after maxRedirects', async () => {
    const error = await fetchError(client({ maxRedirects: 5 }), '/chain/6');
    expect(error.kind).toBe('too-many-redirects');
    expect(error.message).toContain('http.maxRedirects');
  });

  it.each([
    [404, true],
    [410, true],
    [500, false],
  ])('reports HTTP %i (permanent: %s)', async (status, permanent) => {
    const error = await fetchError(client(), `/status/${status}`);
    expect(error).toMatchObject({ kind: 'status', status, permanent });
    expect(error.message).toContain(`HTTP ${status}`);
  });

  it('honours 429 Retry-After: surfaces it, then does not ask the host again until it passes', async () => {
    const http = client();
    const error = await fetchError(http, '/status/429');
    expect(error).toMatchObject({ kind: 'status', status: 429, permanent: false, retryAfterSeconds: 120 });
    const before = server.requests.length;
    expect(error.postponed).toBe(false);
    const again = await fetchError(http, '/feed.xml');
    // Never asked: postponed, not a failure of /feed.xml.
    expect(again).toMatchObject({ kind: 'rate-limited', postponed: true });
    expect(again.message).toMatch(/asked us to wait \(Retry-After\) \d+s more.*not requested, postponed/);
    expect(again.retryAfterSeconds).toBeGreaterThan(100);
    expect(server.requests.length).toBe(before);
  });

  it('waits out a Retry-After pause shorter than the wait it allows, then asks', async () => {
    server.on('/status/429-short', (_request, response) => {
      response.writeHead(429, { 'retry-after': '1' });
      response.end();
    });
    const http = client();
    expect(await fetchError(http, '/status/429-short')).toMatchObject({ kind: 'status', status: 429 });
    const started = Date.now();
    const result = await http.fetch(server.url('/feed.xml'), { kind: 'feed' });
    expect(result.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('reads Retry-After given as an HTTP date on 503', async () => {
    const error = await fetchError(client(), '/status/503-date');
    expect(error.status).toBe(503);
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(28);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(31);
  });

  it('fetches an HTML page served as a feed, which the parser rejects naming the advertised feed', async () => {
    const result = await client().fetch(server.url('/html-feed'), { kind: 'feed' });
    const parsing = parseFeed(result.body, result.url);
    await expect(parsing).rejects.toThrow(FeedParseError);
    await expect(parsing).rejects.toThrow(
      `${server.url('/html-feed')}: this is an HTML page, not a feed; the page advertises: ${server.url('/real-feed.xml')}`,
    );
  });

  it.each(['/empty', '/empty-gzip'])('returns an empty body for %s, which the parser rejects', async (path) => {
    const result = await client().fetch(server.url(path), { kind: 'feed' });
    expect(result.body).toBe('');
    await expect(parseFeed(result.body, result.url)).rejects.toThrow(/the document is empty/);
  });

  it('rejects URLs it cannot or must not fetch', async () => {
    const http = client();
    expect(await fetchError(http, 'not a url')).toMatchObject({ kind: 'invalid-url', permanent: true });
    expect(await fetchError(http, 'ftp://127.0.0.1/feed')).toMatchObject({ kind: 'invalid-url', permanent: true });
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await fetchError(client({ timeout: 5 }), '/slow-headers', { kind: 'feed', signal: controller.signal });
    expect(error.kind).toBe('aborted');
  });
});

describe("HttpClient: time waiting for the host is not the server's time", () => {
  it('fetches many feeds from one slow host without a single false timeout', async () => {
    server.on('/slow-feed', (_request, response) => {
      setTimeout(() => {
        response.writeHead(200, { 'content-type': 'application/rss+xml' });
        response.end(SAMPLE_FEED);
      }, 150);
    });
    // 30 requests, 2 at a time, 150 ms each: the last waits about 2 s in the queue, twice http.timeout.
    const http = client({ timeout: 1, perHostConcurrency: 2 });
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, () =>
        http.fetch(server.url('/slow-feed'), { kind: 'feed' }).then(
          (result) => result.status,
          (error: FetchError) => error.message,
        ),
      ),
    );
    expect(outcomes.filter((outcome) => outcome !== 200)).toEqual([]);
  });

  it("reports a long wait for a slot as the host's backlog, postponed, without asking the server", async () => {
    server.on('/busy-feed', (_request, response) => {
      setTimeout(() => {
        response.writeHead(200, { 'content-type': 'application/rss+xml' });
        response.end(SAMPLE_FEED);
      }, 500);
    });
    const http = client({ timeout: 2, perHostConcurrency: 1 }, { hostWaitLimitMs: 200 });
    const before = server.requests.filter((request) => request.path === '/busy-feed').length;
    const [first, second] = await Promise.all([http.fetch(server.url('/busy-feed'), { kind: 'feed' }), fetchError(http, '/busy-feed')]);
    expect(first.status).toBe(200);
    expect(second).toMatchObject({ kind: 'host-busy', postponed: true, permanent: false });
    expect(second.message).toContain('waited 0.2s for a slot on host 127.0.0.1');
    expect(second.message).not.toMatch(/slow|stalled|http\.timeout/);
    expect(server.requests.filter((request) => request.path === '/busy-feed').length - before).toBe(1);
  });

  it('ends a 12-hop redirect chain with a redirect error, however long the hops waited for their turn', async () => {
    // Each hop waits 300 ms (perHostDelay) for its turn: six hops take longer than http.timeout, but the server answers at once.
    const error = await fetchError(client({ timeout: 1, perHostDelay: 0.3, maxRedirects: 5 }), '/chain/12');
    expect(error.kind).toBe('too-many-redirects');
    const followed = await client({ timeout: 1, perHostDelay: 0.15, maxRedirects: 12 }).fetch(server.url('/chain/12'), { kind: 'feed' });
    expect(followed.url).toBe(server.url('/chain/0'));
  });
});

describe('HttpClient: SSRF guard', () => {
  it('refuses loopback unless allowPrivateNetworks is set (IP literal)', async () => {
    const error = await fetchError(client({ allowPrivateNetworks: false }), '/feed.xml');
    expect(error).toMatchObject({ kind: 'blocked-address', permanent: true });
    expect(error.message).toMatch(/loopback address.*http\.allowPrivateNetworks/);
  });

  it('refuses a host name that resolves to loopback (checked on the address actually connected)', async () => {
    const port = new URL(server.origin).port;
    const before = server.requests.length;
    const error = await fetchError(client({ allowPrivateNetworks: false }), `http://localhost:${port}/feed.xml`);
    expect(error.kind).toBe('blocked-address');
    expect(server.requests.length).toBe(before);
  });
});

describe('HttpClient: robots.txt and politeness', () => {
  it('refuses pages robots.txt disallows and fetches robots.txt once per host', async () => {
    const http = client();
    const count = (path: string) => server.requests.filter((request) => request.path === path).length;
    const before = count('/robots.txt');
    const privateBefore = count('/private/page');
    const page = await http.fetch(server.url('/articles/1'), { kind: 'page' });
    expect(page.body).toContain('Article one.');
    const refused = await fetchError(http, '/private/page', { kind: 'page' });
    expect(refused).toMatchObject({ kind: 'robots', permanent: true });
    expect(refused.message).toContain(`${server.origin}/robots.txt disallows this page`);
    await fetchError(http, '/private/page', { kind: 'page' });
    expect(count('/robots.txt') - before).toBe(1);
    expect(count('/private/page')).toBe(privateBefore);
  });

  it('applies the group for our product token instead of *', async () => {
    const http = client({ userAgent: 'StrictBot/2.0 (+https://example.org/bot)' });
    expect((await fetchError(http, '/no-strictbot/page', { kind: 'page' })).kind).toBe('robots');
    // The strictbot group replaces the * group, which is what disallows /private/.
    expect((await http.fetch(server.url('/private/page'), { kind: 'page' })).body).toContain('secret');
  });

  it('does not apply robots.txt to feeds, or when respectRobotsTxt is off', async () => {
    server.on('/private/feed.xml', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.end('<rss version="2.0"><channel><title>private feed</title></channel></rss>');
    });
    expect((await client().fetch(server.url('/private/feed.xml'), { kind: 'feed' })).status).toBe(200);
    const page = await client({ respectRobotsTxt: false }).fetch(server.url('/private/page'), { kind: 'page' });
    expect(page.body).toContain('secret');
  });

  it('keeps at most perHostConcurrency requests in flight and spaces starts by perHostDelay', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    server.on('/slowish', (_request, response) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end('ok');
      }, 60);
    });
    const http = client({ perHostConcurrency: 2, perHostDelay: 0.05, timeout: 5 });
    await Promise.all(Array.from({ length: 6 }, () => http.fetch(server.url('/slowish'), { kind: 'feed' })));
    expect(maxInFlight).toBe(2);
    const starts = server.requests.filter((request) => request.path === '/slowish').map((request) => request.at);
    expect(starts).toHaveLength(6);
    for (let index = 1; index < starts.length; index += 1) {
      expect((starts[index] ?? 0) - (starts[index - 1] ?? 0)).toBeGreaterThanOrEqual(35); // 50 ms at the client, minus scheduling jitter
    }
  });
});
