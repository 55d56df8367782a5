import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { INDEPENDENT_REPORT, OTHER_WIRE_STORY, WIRE_NEW_INTRO_AND_FOOTER, WIRE_STORY } from '../mail/fixtures/wire-stories.ts';

/**
 * A small news site on loopback for the console tests: a wire feed, an outlet republishing one of its
 * stories (a near-duplicate), a hostile feed (markup in titles, a javascript: link, a page full of active
 * content, the same shapes as the digest's hostile test) and a feed that is gone (404).
 */

const ESCAPE_STORY =
  'Dozens of Islamic State detainees escaped from a prison in Hasakah after militants stormed the gate, officials said. ' +
  'Guards were overwhelmed during the jailbreak, the largest breakout from the facility this year. ';

const RAQQA_STORY =
  'Kurdish-led forces said three Islamic State prisoners broke out of a detention centre near Raqqa overnight and a manhunt was under way. ' +
  'Local officials blamed a shortage of guards at the jail.';

const REPATRIATION_STORY = [
  'Belgium has brought home eleven children and four mothers from camps in northeast Syria where families of Islamic State fighters are held, the foreign ministry said.',
  'The women will face trial on terrorism charges; the children were placed with relatives. Rights groups urged other states to repatriate their nationals from al-Hol and Roj.',
  'The flight landed at a military airport near Brussels early on Tuesday after a journey organised with the help of the Kurdish-led administration that runs the camps, officials said.',
  'Belgium had long said it would only bring home children under the age of ten, but a court ruling last year obliged the government to consider the cases of their mothers as well.',
  'Aid workers in the camps describe worsening conditions, with shortages of water and medicine and repeated violence in the sections where foreign families are held.',
  'About 40 Belgian children are believed to remain in the camps, according to a parliamentary report published in the spring.',
].join('\n\n');

function paragraphs(text: string): string {
  return text
    .split('\n\n')
    .map((paragraph) => `<p>${paragraph}</p>`)
    .join('');
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><title>${title}</title><link rel="canonical" href="https://news.example/${encodeURIComponent(title)}"></head><body><article><h1>${title}</h1>${body}</article></body></html>`;
}

const PAGES: Record<string, string> = {
  'mongo-escape': page('Inmates escape Chad prison', paragraphs(WIRE_STORY)),
  'mongo-escape-observer': page('Gunmen free prisoners in Chad', paragraphs(WIRE_NEW_INTRO_AND_FOOTER)),
  'mongo-reuters': page('Armed men storm Chad prison', paragraphs(INDEPENDENT_REPORT)),
  'sudan-refugees': page('Chad to send Sudanese refugees home', paragraphs(OTHER_WIRE_STORY)),
  'belgium-repatriation': page('Belgium repatriates families', paragraphs(REPATRIATION_STORY)),
  hostile:
    `<html><body><article><h1>Escape</h1><p onclick="steal()">${ESCAPE_STORY}<img src="https://tracker.example/pixel.gif" onerror="alert(1)"></p>` +
    `<p>${ESCAPE_STORY}<a href="javascript:alert(2)">more</a></p><script>alert(3)</script><form action="https://evil.example/"><input name=q></form>` +
    `<iframe src="https://evil.example/"></iframe><p>${ESCAPE_STORY}</p></article></body></html>`,
};

function item(base: string, title: string, slug: string, published: string, description = ''): string {
  return `<item><title>${title}</title><link>${base}/pages/${slug}</link><pubDate>${published}</pubDate><description>${description}</description></item>`;
}

function rss(title: string, base: string, items: string[]): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>${base}/</link>${items.join('')}</channel></rss>`;
}

function feeds(base: string): Record<string, string> {
  return {
    'wire.xml': rss('Wire', base, [
      item(
        base,
        'At least 27 inmates escape Chad prison after armed attack',
        'mongo-escape',
        'Mon, 03 Mar 2025 23:30:00 GMT',
        'Gunmen attacked the central prison in Mongo.',
      ),
      item(base, 'Chad to repatriate Sudanese refugees from eastern camps', 'sudan-refugees', 'Tue, 04 Mar 2025 09:00:00 GMT'),
      item(base, 'Belgium brings home children and mothers from Syrian camps', 'belgium-repatriation', 'Tue, 04 Mar 2025 10:00:00 GMT'),
    ]),
    'observer.xml': rss('Sahel Observer', base, [
      item(base, 'Gunmen free dozens of prisoners in central Chad raid', 'mongo-escape-observer', 'Tue, 04 Mar 2025 06:00:00 GMT'),
      item(base, 'Armed men storm Chad prison, free 27 detainees', 'mongo-reuters', 'Tue, 04 Mar 2025 07:00:00 GMT'),
    ]),
    'hostile.xml': rss('Hostile', base, [
      `<item><title>&lt;script&gt;alert(1)&lt;/script&gt; IS detainees escape prison &lt;img src=x onerror=alert(1)&gt;</title><link>${base}/pages/hostile</link>` +
        `<description>&lt;b onmouseover="x()"&gt;${ESCAPE_STORY}&lt;/b&gt;</description></item>`,
      `<item><title>Jailbreak: Islamic State prisoners escape &lt;svg onload=alert(1)&gt;</title><link>javascript:alert(document.cookie)</link><guid isPermaLink="false">js-link</guid><description>${RAQQA_STORY}</description></item>`,
    ]),
  };
}

export interface NewsSite {
  base: string;
  feedUrl(name: 'wire' | 'observer' | 'hostile' | 'gone'): string;
  close(): Promise<void>;
}

export async function startNewsSite(): Promise<NewsSite> {
  let base = '';
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    const feed = /^\/feeds\/([a-z]+\.xml)$/.exec(path)?.[1];
    const slug = /^\/pages\/([a-z-]+)$/.exec(path)?.[1];
    const body = feed ? feeds(base)[feed] : slug ? PAGES[slug] : undefined;
    if (body === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('Not Found');
      return;
    }
    response.writeHead(200, { 'content-type': feed ? 'application/rss+xml' : 'text/html; charset=utf-8' });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    feedUrl: (name) => `${base}/feeds/${name}.xml`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
