import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { load } from 'cheerio';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { runDigestsNow, runPollNow } from '../../src/jobs/on-demand.ts';
import { testConfig, testRuntime } from '../helpers/pipeline.ts';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../helpers/redis.ts';
import { startTestSmtp } from '../helpers/smtp.ts';

const STORY =
  'Dozens of Islamic State detainees escaped from a prison in Hasakah after militants stormed the gate, officials said. ' +
  'Guards were overwhelmed during the jailbreak, the largest breakout from the facility this year. ';

const OTHER_STORY =
  'Kurdish-led forces said three Islamic State prisoners broke out of a detention centre near Raqqa overnight and a manhunt was under way. ' +
  'Local officials blamed a shortage of guards at the jail.';

/** A hostile feed: markup in titles and summaries, a javascript: link, and a page full of active content. */
const server = createServer((request, response) => {
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (request.url === '/story') {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(
      `<html><body><article><h1>Escape</h1><p onclick="steal()">${STORY}<img src="https://tracker.example/pixel.gif" onerror="alert(1)"></p>` +
        `<p>${STORY}<a href="javascript:alert(2)">more</a></p><script>alert(3)</script><form action="https://evil.example/"><input name=q></form><p>${STORY}</p></article></body></html>`,
    );
    return;
  }
  const hostileTitle = '&lt;script&gt;alert(1)&lt;/script&gt; IS detainees escape prison &lt;img src=x onerror=alert(1)&gt;';
  response.writeHead(200, { 'content-type': 'application/rss+xml' });
  response.end(
    `<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile</title><link>${base}/</link>` +
      `<item><title>${hostileTitle}</title><link>${base}/story</link><description>&lt;b onmouseover="x()"&gt;${STORY}&lt;/b&gt;</description></item>` +
      `<item><title>Jailbreak: Islamic State prisoners escape &lt;svg onload=alert(1)&gt;</title><link>javascript:alert(document.cookie)</link><guid isPermaLink="false">js-link</guid><description>${OTHER_STORY}</description></item>` +
      `</channel></rss>`,
  );
});

const redis = new Redis(testRedisUrl());
const prefix = uniquePrefix('untrusted');

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await deleteKeys(redis, prefix);
  await redis.quit();
});

describe('untrusted content in a delivered digest', () => {
  it('holds no scripts, event handlers, forms, remote images or non-http links from sources', async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const smtp = await startTestSmtp();
    const feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
    const runtime = testRuntime(testConfig({ prefix, smtpPort: smtp.port, feeds: [{ id: 'hostile', url: feedUrl }] }));
    try {
      const summary = await runPollNow(runtime, ['hostile'], { timeoutMs: 60_000 });
      expect(summary.matched).toHaveLength(2);
      const [outcome] = await runDigestsNow(runtime, ['analysts']);
      expect(outcome?.status).toBe('sent');
      const digest = smtp.messages.find((message) => message.subject?.startsWith('vigil: '));
      const html = String(digest?.html);
      const $ = load(html);
      expect($('script, iframe, object, embed, form, input, img, svg').length).toBe(0);
      for (const element of $('*').toArray()) {
        const attributes = 'attribs' in element ? element.attribs : {};
        for (const name of Object.keys(attributes)) expect(name.startsWith('on'), `attribute ${name}`).toBe(false);
        expect(attributes.src, 'no element loads anything').toBeUndefined();
      }
      $('a[href]').each((_, element) => expect($(element).attr('href')).toMatch(/^https?:\/\//));
      expect(html).not.toMatch(/javascript:/i);
      // Markup in titles is dropped by the feed parser; the words around it survive.
      expect($.root().text()).toContain('IS detainees escape prison');
      expect(String(digest?.text)).toContain('Jailbreak: Islamic State prisoners escape');
    } finally {
      await runtime.close();
      await smtp.close();
    }
  });
});
