import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncSchedules } from '../../src/jobs/schedules.ts';
import { type WebServer, startWeb } from '../../src/web/start.ts';
import { FEED_PASSWORD, SMTP_PASSWORD, type SeededPipeline, seedPipeline } from './seeded-pipeline.ts';

let seeded: SeededPipeline;
let web: WebServer;

beforeAll(async () => {
  seeded = await seedPipeline('web-console');
  web = await startWeb({
    context: seeded.runtime.context,
    host: '127.0.0.1',
    port: 0,
    credentials: { user: 'vigil', password: null, token: null },
    console: true,
  });
}, 90_000);

afterAll(async () => {
  await web?.close();
  await seeded?.close();
});

async function get(path: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(new URL(path, web.url), { redirect: 'manual', ...init });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

function keyOf(title: string): string {
  const line = seeded.summary.matched.find((entry) => entry.title.includes(title));
  if (!line) throw new Error(`the seed run did not match "${title}"`);
  return line.itemKey;
}

/** The cookie and form token a browser would hold after opening the feeds page. */
async function formSession(): Promise<{ cookie: string; token: string }> {
  const response = await fetch(new URL('/feeds', web.url));
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const token =
    load(await response.text())('input[name="_csrf"]')
      .first()
      .attr('value') ?? '';
  expect(cookie).toMatch(/^vigil_csrf=/);
  expect(token).toBe(cookie.slice('vigil_csrf='.length));
  return { cookie, token };
}

function post(path: string, fields: Record<string, string>, headers: Record<string, string>): Promise<{ status: number; headers: Headers; text: string }> {
  return get(path, { method: 'POST', body: new URLSearchParams(fields), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
}

describe('matches page', () => {
  it('lists matched items newest first with topics, scores, highlighted snippets and where they were delivered', async () => {
    const { status, text } = await get('/');
    expect(status).toBe(200);
    const $ = load(text);
    const rows = $('article.match');
    expect(rows.length).toBeGreaterThanOrEqual(4);
    const belgium = $(`article.match[data-item="${keyOf('Belgium brings home')}"]`);
    expect(belgium.find('a.title').attr('href')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pages\/belgium-repatriation$/);
    expect(belgium.find('a.title').attr('rel')).toBe('noopener noreferrer nofollow');
    const score = seeded.summary.matched.find((line) => line.title.startsWith('Belgium'))?.topics.find((topic) => topic.id === 'repatriation-policy')?.score;
    expect(belgium.find('.badge.topic').text()).toBe(`Repatriation policy · ${score}`);
    expect(belgium.find('.snippet mark').length).toBeGreaterThan(0);
    expect(belgium.find('.badge.delivered').text()).toMatch(/^digest → analysts, \d+ \w+ \d{4}, \d\d:\d\d UTC$/);
    expect(belgium.find('a[href^="/items/"]').attr('href')).toBe(`/items/${keyOf('Belgium brings home')}`);
    const shown = $('article.match')
      .map((_, element) => seeded.summary.matched.find((line) => line.itemKey === $(element).attr('data-item'))?.itemKey)
      .get();
    expect(shown).toHaveLength(rows.length);
    const matches = await seeded.runtime.context.items.loadMatches(shown);
    const times = shown.map((key) => Date.parse(matches.get(key)?.matchedAt ?? ''));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('collapses the same story from another outlet under the first one', async () => {
    const $ = load((await get('/')).text);
    const copyKey = keyOf('Gunmen free dozens of prisoners');
    const originalKey = keyOf('27 inmates escape Chad prison');
    // Whichever of the two is listed, the other is folded under it, not listed on its own.
    const listed = [originalKey, copyKey].filter((key) => $(`article.match[data-item="${key}"]`).length === 1);
    expect(listed).toHaveLength(1);
    const folded = [originalKey, copyKey].find((key) => key !== listed[0]);
    expect($(`article.match[data-item="${listed[0]}"] .copies a[href="/items/${folded}"]`).length).toBe(1);
  });

  it('filters by topic and by feed, and says which filter it did not understand', async () => {
    const byTopic = load((await get('/?topic=repatriation-policy')).text);
    const titles = byTopic('article.match a.title')
      .map((_, element) => byTopic(element).text())
      .get();
    expect(titles).toEqual(['Belgium brings home children and mothers from Syrian camps']);
    const byFeed = load((await get('/?feed=observer')).text);
    expect(byFeed('article.match').length + byFeed('.copies li').length).toBe(2);
    const unknown = await get('/?topic=no-such-topic&from=yesterday');
    expect(unknown.status).toBe(200);
    expect(unknown.text).toContain('unknown topic &quot;no-such-topic&quot;: showing every topic');
    expect(unknown.text).toContain('&quot;yesterday&quot; is not a day (YYYY-MM-DD): ignored');
  });

  it('filters by date range on the match time', async () => {
    const today = new Date().toISOString().slice(0, 10);
    expect(load((await get(`/?from=${today}&to=${today}`)).text)('article.match').length).toBeGreaterThan(0);
    const beforeAnyMatch = load((await get('/?to=2001-01-01')).text);
    expect(beforeAnyMatch('article.match').length).toBe(0);
    expect(beforeAnyMatch('.empty').text()).toContain('No matches with these filters');
  });

  it('marks items whose article page could not be used as partial', async () => {
    const $ = load((await get('/')).text);
    const partialTitles = $('article.match')
      .filter((_, element) => $(element).find('.badge.partial').length > 0)
      .find('a.title, span.title')
      .map((_, element) => $(element).text())
      .get();
    // The javascript: link cannot be fetched, so that item carries the feed's text only.
    expect(partialTitles.some((title) => title.includes('Jailbreak: Islamic State prisoners escape'))).toBe(true);
  });
});

describe('item page', () => {
  it('shows the text with hits highlighted, why each topic matched, the metadata and the raw feed entry', async () => {
    const key = keyOf('27 inmates escape Chad prison');
    const { status, text } = await get(`/items/${key}`);
    expect(status).toBe(200);
    const $ = load(text);
    const explain = $('section.explain[data-topic="detainee-escapes"]');
    expect(explain.find('h3').text()).toMatch(/Detainee escapes score \d+/);
    expect(explain.find('li code').length).toBeGreaterThan(2);
    expect(
      $('.body mark')
        .map((_, element) => $(element).text())
        .get(),
    ).toContain('escaped');
    expect($('dl.facts').text()).toContain('Canonical URL');
    expect($('dl.facts').text()).toContain('https://news.example/Inmates%20escape%20Chad%20prison');
    expect($('dl.facts').text()).toContain('en');
    const entry = JSON.parse($('pre').text()) as { title: string; url: string };
    expect(entry.title).toBe('At least 27 inmates escape Chad prison after armed attack');
    expect(entry.url).toMatch(/\/pages\/mongo-escape$/);
  });

  it('answers 404 for an unknown or malformed item key', async () => {
    expect((await get('/items/0123456789abcdef01234567')).status).toBe(404);
    const malformed = await get('/items/%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(malformed.status).toBe(404);
    expect(malformed.text).not.toContain('<script>');
  });
});

describe('feeds page and its actions', () => {
  it('puts the broken feed on top with its error in words, password hidden', async () => {
    const $ = load((await get('/feeds')).text);
    const first = $('table.feeds tbody tr').first();
    expect(first.attr('data-feed')).toBe('gone');
    expect(first.find('.badge.failing').text()).toContain('failing');
    expect(first.text()).toContain('HTTP 404');
    expect(first.text()).toContain('backing off until');
    expect(first.text()).toContain('reader:***@127.0.0.1');
    const wire = $('tr[data-feed="wire"]');
    expect(wire.find('td[data-label="Items"]').text()).toContain('3 seen');
    expect(wire.find('td[data-label="Polls 24 h"]').text().trim()).toBe('1');
  });

  it('refuses a state change without the form token, or from another site', async () => {
    const { cookie, token } = await formSession();
    expect((await post('/feeds/wire/disable', {}, { cookie })).status).toBe(403);
    expect((await post('/feeds/wire/disable', { _csrf: 'x'.repeat(43) }, { cookie })).status).toBe(403);
    const crossSite = await post('/feeds/wire/disable', { _csrf: token }, { cookie, origin: 'http://evil.example' });
    expect(crossSite.status).toBe(403);
    expect((await post('/feeds/wire/disable', { _csrf: token }, { cookie, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await seeded.runtime.context.feeds.get('wire')).disabledReason).toBeNull();
    expect((await get('/feeds/wire/disable')).status).toBe(404);
  });

  it('disables, enables and polls a feed with the token', async () => {
    const { cookie, token } = await formSession();
    const disabled = await post('/feeds/observer/disable', { _csrf: token }, { cookie, origin: new URL(web.url).origin });
    expect(disabled.status).toBe(303);
    expect(disabled.headers.get('location')).toBe('/feeds?done=disable&feed=observer');
    expect((await seeded.runtime.context.feeds.get('observer')).disabledReason).toMatch(/^disabled from the console/);
    const page = load((await get('/feeds?done=disable&feed=observer')).text);
    expect(page('.notice').text()).toContain('observer: disabled');
    expect(page('tr[data-feed="observer"] button[data-action="enable"]').length).toBe(1);

    expect((await post('/feeds/observer/enable', { _csrf: token }, { cookie })).status).toBe(303);
    expect((await seeded.runtime.context.feeds.get('observer')).disabledReason).toBeNull();

    expect((await post('/feeds/wire/poll', { _csrf: token }, { cookie })).status).toBe(303);
    const jobs = await seeded.runtime.context.queues.poll.getJobs(['waiting']);
    expect(jobs.some((job) => job.data.feedId === 'wire' && job.data.manual === true && job.id?.startsWith('manual-wire-'))).toBe(true);
    expect((await post('/feeds/no-such-feed/poll', { _csrf: token }, { cookie })).status).toBe(404);
  });

  it('does not show text from the query string as a notice', async () => {
    const { text } = await get('/feeds?done=%3Cb%3Eyou%20are%20hacked&feed=wire');
    expect(load(text)('.notice').length).toBe(0);
  });
});

describe('digests page', () => {
  it('shows each group with its next run, the digests sent and what the next one holds', async () => {
    await syncSchedules(seeded.config, seeded.runtime.context.queues);
    const $ = load((await get('/digests')).text);
    const analysts = $('section[data-group="analysts"]');
    expect(analysts.find('table.digests tbody tr').length).toBe(1);
    expect(analysts.find('table.digests').text()).toMatch(/<digest-analysts-/);
    expect(analysts.text()).toContain('Nothing pending');
    expect(analysts.text()).toMatch(/Next run.*07:00 UTC/s);
    const desk = $('section[data-group="desk"]');
    expect(desk.find('ul.pending li').text()).toContain('Belgium brings home children');
  });
});

describe('untrusted content on the pages', () => {
  it('holds no scripts, event handlers, remote loads or non-http links from sources on any page', async () => {
    const hostileKey = keyOf('IS detainees escape prison');
    for (const path of ['/', `/items/${hostileKey}`, `/items/${keyOf('Jailbreak')}`, '/feeds', '/digests', '/?feed=hostile']) {
      const { text, headers } = await get(path);
      expect(headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(headers.get('content-security-policy')).not.toContain('script-src');
      const $ = load(text);
      expect($('script, iframe, object, embed, img, svg, input:not([type="hidden"]):not([type="date"]), base').length, path).toBe(0);
      for (const element of $('*').toArray()) {
        const attributes = 'attribs' in element ? element.attribs : {};
        for (const name of Object.keys(attributes)) expect(name.startsWith('on'), `${path}: attribute ${name}`).toBe(false);
        expect(attributes.src, `${path}: nothing loads anything`).toBeUndefined();
      }
      $('a[href]').each((_, element) => expect($(element).attr('href'), path).toMatch(/^(https?:\/\/|\/|\?)/));
      expect(text, path).not.toMatch(/javascript:/i);
      // Forms only ever post to the console itself.
      $('form').each((_, element) => expect($(element).attr('action'), path).toMatch(/^\//));
    }
    const item = load((await get(`/items/${hostileKey}`)).text);
    expect(item('h1').text()).toContain('IS detainees escape prison');
    expect(item('pre').text()).toContain('IS detainees escape prison');
  });

  it('never shows the SMTP or feed passwords on a page or in /metrics', async () => {
    for (const path of ['/', '/feeds', '/digests', '/metrics', '/readyz', `/items/${keyOf('27 inmates escape')}`]) {
      const { text } = await get(path);
      expect(text, path).not.toContain(SMTP_PASSWORD);
      expect(text, path).not.toContain(FEED_PASSWORD);
    }
  });
});

describe('operator endpoints', () => {
  it('answers /healthz, and /readyz with 503 and the reason until the schedules exist', async () => {
    expect(await get('/healthz')).toMatchObject({ status: 200, text: 'ok\n' });
    const queues = seeded.runtime.context.queues;
    await queues.poll.removeJobScheduler('poll-gone');
    const notReady = await get('/readyz');
    expect(notReady.status).toBe(503);
    expect(notReady.text).toContain('no poll schedule for 1 feed(s): gone');
    await syncSchedules(seeded.config, queues);
    expect(await get('/readyz')).toMatchObject({ status: 200, text: 'ready\n' });
  });

  it('exposes Prometheus metrics: feeds by state, queue depths, Redis memory, process metrics', async () => {
    const { status, headers, text } = await get('/metrics');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain('text/plain');
    expect(text).toMatch(/^vigil_feeds\{state="failing"\} 1$/m);
    expect(text).toMatch(/^vigil_feeds\{state="ok"\} 3$/m);
    expect(text).toMatch(/^vigil_feed_consecutive_errors\{feed="gone"\} 1$/m);
    expect(text).toMatch(/^vigil_feed_last_success_timestamp_seconds\{feed="gone"\} 0$/m);
    expect(text).toMatch(/^vigil_queue_jobs\{queue="notify",state="failed"\} 0$/m);
    expect(text).toMatch(/^vigil_redis_up 1$/m);
    expect(text).toMatch(/^vigil_redis_used_memory_bytes \d+/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    expect(text).toMatch(/^process_resident_memory_bytes /m);
    expect(text).toMatch(/^vigil_matches_total\{topic="detainee-escapes"\} 0$/m);
  });
});

describe('queues', () => {
  it('serves Bull Board under /queues with its API over vigil queues', async () => {
    const board = await get('/queues');
    expect(board.status).toBe(200);
    expect(board.text).toContain('<base href="/queues/"');
    expect(board.headers.get('content-security-policy')).toContain("script-src 'self'");
    const api = await get('/queues/api/queues?activeQueue=poll&status=latest&page=1');
    expect(api.status).toBe(200);
    const names = (JSON.parse(api.text) as { queues: { name: string }[] }).queues.map((queue) => queue.name).sort();
    expect(names).toEqual(['extract', 'fetch', 'match', 'notify', 'poll']);
    const crossSite = await get('/queues/api/queues/poll/clean/completed', { method: 'PUT', headers: { origin: 'http://evil.example' } });
    expect(crossSite.status).toBe(403);
  });

  it('serves its stylesheet', async () => {
    const css = await get('/static/vigil.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
  });
});
