import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/parsers/feed.ts';
import { chooseReader } from '../../src/parsers/feed/choose-reader.ts';

const FEED_URL = 'https://news.example.org/feeds/world.xml';
const tolerantWarning = (feed: { warnings: string[] }) => feed.warnings.find((warning) => warning.startsWith('read with the tolerant parser'));

describe('parseFeed: rss-parser for well-formed feeds, the tolerant reader for the rest', () => {
  it('reads well-formed RSS and Atom with rss-parser (no tolerant-reader warning)', async () => {
    const rss = await parseFeed(
      `<rss version="2.0" xmlns:atom10="http://www.w3.org/2005/Atom"><channel><title>T</title>
        <atom10:link rel="alternate" href="https://site.example/"/>
        <item><title>A</title><guid isPermaLink="false">urn:a</guid><atom10:link href="https://site.example/a"/></item></channel></rss>`,
      FEED_URL,
    );
    expect(rss.warnings).toEqual([]);
    // The atom links are found under the prefix the document declares, not only "atom:".
    expect(rss).toMatchObject({ siteUrl: 'https://site.example/', items: [{ guid: 'urn:a', url: 'https://site.example/a' }] });
    const atom = await parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><entry><id>urn:e</id><title>E</title></entry></feed>`, FEED_URL);
    expect(atom.warnings).toEqual([]);
  });

  it.each([
    ['xml:base', '<rss version="2.0" xml:base="https://b.example/"><channel><title>t</title><item><link>a</link></item></channel></rss>', /xml:base/],
    ['a prefixed Atom root', '<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>t</a:title></a:feed>', /Atom root is prefixed/],
    ['<rss> without a version', '<rss><channel><title>t</title></channel></rss>', /no version attribute/],
    [
      'inline markup',
      '<rss version="2.0"><channel><title>t</title><item><description>a <b>b</b> c</description></item></channel></rss>',
      /<description> holds markup as elements/,
    ],
    [
      'a mis-cased name',
      '<rss version="2.0"><channel><title>t</title><item><PubDate>Tue, 05 Mar 2024 14:07:00 GMT</PubDate></item></channel></rss>',
      /<PubDate> is not spelled <pubDate>/,
    ],
    [
      'items outside the channel',
      '<rss version="2.0"><channel><title>t</title></channel><item><title>x</title></item></rss>',
      /<item> sits where rss-parser does not look/,
    ],
    ['broken XML', '<rss version="2.0"><channel><title>t</title><item><title>x</item></channel></rss>', /not well-formed XML/],
  ])('hands %s to the tolerant reader and says why', async (_case, body, reason) => {
    expect(chooseReader(body).reader).toBe('tolerant');
    const feed = await parseFeed(body, FEED_URL);
    expect(tolerantWarning(feed)).toMatch(reason);
  });

  it('keeps xml:base, inline markup and mis-cased dates that rss-parser would lose', async () => {
    const feed = await parseFeed(
      `<rss version="2.0" xml:base="https://b.example/x/"><channel><title>t</title>
        <item><title>a</title><link>a.html</link><description>one <b>two</b> three</description><PubDate>Tue, 05 Mar 2024 14:07:00 GMT</PubDate></item>
      </channel></rss>`,
      FEED_URL,
    );
    expect(feed.items[0]).toMatchObject({ url: 'https://b.example/x/a.html', summary: 'one two three', published: '2024-03-05T14:07:00.000Z' });
  });
});
