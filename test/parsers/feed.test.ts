import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FeedParseError, parseFeed } from '../../src/parsers/feed.ts';
import { readTolerantly } from '../../src/parsers/feed/tolerant-reader.ts';

const FEED_URL = 'https://news.example.org/feeds/world.xml';

describe('parseFeed: RSS', () => {
  it('normalises an RSS 2.0 item', async () => {
    const feed = await parseFeed(
      `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>World &amp; Region</title>
  <link>https://news.example.org/world/</link>
  <item>
    <title>Talks &lt;b&gt;resume&lt;/b&gt; in Doha &amp;amp; Cairo</title>
    <link> https://news.example.org/a/1?utm_source=rss&amp;id=7#top </link>
    <guid isPermaLink="false">urn:example:1</guid>
    <description><![CDATA[<p>Delegations <em>met</em> on Monday.</p><p>More&nbsp;soon.</p>]]></description>
    <content:encoded><![CDATA[<p>Full text.</p>]]></content:encoded>
    <pubDate>Tue, 05 Mar 2024 14:07:00 +0100</pubDate>
    <dc:creator>Jane Doe</dc:creator>
  </item>
</channel>
</rss>`,
      FEED_URL,
    );
    expect(feed).toMatchObject({ format: 'rss2', title: 'World & Region', siteUrl: 'https://news.example.org/world/', warnings: [] });
    expect(feed.items).toEqual([
      {
        guid: 'urn:example:1',
        url: 'https://news.example.org/a/1?id=7',
        title: 'Talks resume in Doha & Cairo',
        summary: 'Delegations met on Monday. More soon.',
        contentHtml: '<p>Full text.</p>',
        published: '2024-03-05T13:07:00.000Z',
        author: 'Jane Doe',
      },
    ]);
  });

  it('falls back from a missing guid to the canonical link, then to a content hash', async () => {
    const feed = await parseFeed(
      `<rss version="2.0"><channel><title>t</title>
        <item><title>Linked</title><link>/story/1</link></item>
        <item><title>Same page, other anchor</title><link>/story/1#part-2</link></item>
        <item><title>No link</title><description>Body text</description></item>
        <item><title>Permalink guid</title><guid>https://news.example.org/story/9</guid></item>
      </channel></rss>`,
      FEED_URL,
    );
    const [linked, anchored, unlinked, permalink] = feed.items;
    expect(linked?.guid).toBe('https://news.example.org/story/1');
    expect(anchored?.url).toBe('https://news.example.org/story/1');
    expect(anchored?.guid).toMatch(/^https:\/\/news\.example\.org\/story\/1#[0-9a-f]{12}$/);
    expect(unlinked?.url).toBeNull();
    expect(unlinked?.guid).toMatch(/^sha256:[0-9a-f]{32}$/);
    expect(permalink?.url).toBe('https://news.example.org/story/9');
    // The hash is stable: the same item parsed again has the same identity.
    const again = await parseFeed(
      `<rss version="2.0"><channel><item><title>No link</title><description>Body text</description></item></channel></rss>`,
      FEED_URL,
    );
    expect(again.items[0]?.guid).toBe(unlinked?.guid);
  });

  it('resolves links against xml:base on the item and on the link itself', async () => {
    const feed = await parseFeed(
      `<rss version="2.0" xml:base="https://other.example/base/"><channel>
        <item><title>a</title><link>a.html</link></item>
        <item xml:base="/items/"><title>b</title><link>b.html</link></item>
        <item><title>c</title><link xml:base="https://cdn.example/x/">c.html</link></item>
      </channel></rss>`,
      FEED_URL,
    );
    expect(feed.items.map((item) => item.url)).toEqual([
      'https://other.example/base/a.html',
      'https://other.example/items/b.html',
      'https://cdn.example/x/c.html',
    ]);
  });

  it('reads RSS 1.0 (RDF) and RSS 0.91', async () => {
    const rdf = await parseFeed(
      `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://example.org/"><title>RDF feed</title><link>https://example.org/</link></channel>
  <item rdf:about="https://example.org/1"><title>One</title><link>https://example.org/1</link><dc:date>2024-03-05T14:07:00Z</dc:date></item>
</rdf:RDF>`,
      FEED_URL,
    );
    expect(rdf).toMatchObject({ format: 'rss1', title: 'RDF feed' });
    expect(rdf.items[0]).toMatchObject({ guid: 'https://example.org/1', url: 'https://example.org/1', published: '2024-03-05T14:07:00.000Z' });
    const old = await parseFeed(
      '<rss version="0.91"><channel><title>Old</title><item><title>x</title><link>http://example.org/x</link></item></channel></rss>',
      FEED_URL,
    );
    expect(old.format).toBe('rss091');
  });

  it('reads an <rss> without a version attribute as RSS 2.0', async () => {
    const feed = await parseFeed('<rss><channel><title>No version</title><item><title>x</title></item></channel></rss>', FEED_URL);
    expect(feed).toMatchObject({ format: 'rss2', title: 'No version' });
    expect(feed.items).toHaveLength(1);
  });
});

describe('parseFeed: links and authors feeds get wrong', () => {
  it('uses rooted permalink guids, http ids, nested author names, and absolute URLs in content', async () => {
    const rss = await parseFeed(
      `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>t</title>
        <item xml:base="https://news.example.org/world/"><title>a</title><guid>/world/story-1</guid>
          <author><name>Diane Chaleff</name><title>Product Manager</title></author>
          <content:encoded><![CDATA[<p><a href="story-2">next</a> <img src='/img/1.jpg'> <a href="#x">x</a> <a href="mailto:desk@example.org">m</a></p>]]></content:encoded>
        </item></channel></rss>`,
      FEED_URL,
    );
    expect(rss.items[0]).toMatchObject({
      url: 'https://news.example.org/world/story-1',
      author: 'Diane Chaleff',
      contentHtml:
        '<p><a href="https://news.example.org/world/story-2">next</a> <img src=\'https://news.example.org/img/1.jpg\'> <a href="#x">x</a> <a href="mailto:desk@example.org">m</a></p>',
    });
    const atom = await parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>e</title><id>https://numi.st/post/1</id>
        <content type="html" xml:base="https://numi.st/post/1/">&lt;img src="a.jpeg"&gt;</content></entry></feed>`,
      FEED_URL,
    );
    expect(atom.items[0]).toMatchObject({ url: 'https://numi.st/post/1', contentHtml: '<img src="https://numi.st/post/1/a.jpeg">' });
  });
});

describe('parseFeed: Atom', () => {
  it('picks rel="alternate" (or no rel) links, reads text constructs and xml:base', async () => {
    const feed = await parseFeed(
      `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example/">
  <title type="html">Blog &amp;amp; notes</title>
  <link rel="self" href="https://blog.example/atom.xml"/>
  <link href="/"/>
  <author><name>Feed Author</name></author>
  <entry>
    <title type="html">&lt;i&gt;Hello&lt;/i&gt; world</title>
    <link rel="replies" type="application/atom+xml" href="/comments/1.xml"/>
    <link rel="alternate" type="text/html" href="posts/1"/>
    <id>tag:blog.example,2024:1</id>
    <updated>2024-03-05T14:07:00Z</updated>
    <published>2024-03-04T10:00:00+02:00</published>
    <summary>Short</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Full <b>post</b></p></div></content>
  </entry>
  <entry xml:base="/archive/">
    <title>Second</title>
    <link href="2"/>
    <id>tag:blog.example,2024:2</id>
    <updated>2024-03-06T00:00:00Z</updated>
    <author><name>Guest</name></author>
    <content type="html">&lt;p&gt;Escaped &amp;amp; fine&lt;/p&gt;</content>
  </entry>
</feed>`,
      FEED_URL,
    );
    expect(feed).toMatchObject({ format: 'atom', title: 'Blog & notes', siteUrl: 'https://blog.example/' });
    expect(feed.items[0]).toEqual({
      guid: 'tag:blog.example,2024:1',
      url: 'https://blog.example/posts/1',
      title: 'Hello world',
      summary: 'Short',
      contentHtml: '<p>Full <b>post</b></p>',
      published: '2024-03-04T08:00:00.000Z',
      author: 'Feed Author',
    });
    expect(feed.items[1]).toMatchObject({
      url: 'https://blog.example/archive/2',
      contentHtml: '<p>Escaped &amp; fine</p>',
      summary: 'Escaped & fine',
      published: '2024-03-06T00:00:00.000Z',
      author: 'Guest',
    });
  });

  it('reads an Atom feed written with a prefix', async () => {
    const feed = await parseFeed(
      `<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"><atom:title>Prefixed</atom:title>
        <atom:entry><atom:title>E</atom:title><atom:id>1</atom:id><atom:link href="https://x.example/e"/></atom:entry></atom:feed>`,
      FEED_URL,
    );
    expect(feed.title).toBe('Prefixed');
    expect(feed.items[0]?.url).toBe('https://x.example/e');
  });
});

describe('parseFeed: JSON Feed', () => {
  it('reads JSON Feed 1.1', async () => {
    const feed = await parseFeed(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'JSON news',
        home_page_url: 'https://json.example/',
        authors: [{ name: 'Desk' }],
        items: [
          { id: 1, url: '/posts/1?fbclid=abc', title: 'One', content_html: '<p>Body <b>one</b></p>', date_published: '2024-03-05T14:07:00+01:00' },
          { id: 'two', external_url: 'https://elsewhere.example/2', content_text: 'Para one.\n\nPara <two>.', summary: 'S2', authors: [{ name: 'Writer' }] },
        ],
      }),
      'https://json.example/feed.json',
    );
    expect(feed).toMatchObject({ format: 'json', title: 'JSON news', siteUrl: 'https://json.example/' });
    expect(feed.items).toEqual([
      {
        guid: '1',
        url: 'https://json.example/posts/1',
        title: 'One',
        summary: 'Body one',
        contentHtml: '<p>Body <b>one</b></p>',
        published: '2024-03-05T13:07:00.000Z',
        author: 'Desk',
      },
      {
        guid: 'two',
        url: 'https://elsewhere.example/2',
        title: '',
        summary: 'S2',
        contentHtml: '<p>Para one.</p>\n<p>Para &lt;two&gt;.</p>',
        published: null,
        author: 'Writer',
      },
    ]);
    expect(feed.warnings).toContain('1 item(s) have no title');
  });

  it('rejects JSON that is not a JSON Feed, and broken JSON with its position', async () => {
    await expect(parseFeed('{"rss": {"channel": {}}}', FEED_URL)).rejects.toThrow(/not a JSON Feed/);
    const broken = parseFeed('{"version": "https://jsonfeed.org/version/1.1",\n "items": [ {"id": "1", "title": "cut', FEED_URL);
    await expect(broken).rejects.toThrow(FeedParseError);
    await expect(broken).rejects.toThrow(/^https:\/\/news\.example\.org\/feeds\/world\.xml: not valid JSON .* \(line 2, column \d+\)$/);
  });
});

describe('parseFeed: broken documents', () => {
  it('repairs leading whitespace, BOM, control characters, bare & and unclosed tags, and says so', async () => {
    const feed = await parseFeed(
      '\ufeff\n\n  <?xml version="1.0"?>\n<rss version="2.0"><channel><title>Fish & Chips\u0001</title>\n<item><title>One</title><link>http://example.org/?a=1&b=2</link></item>\n<item><title>Cut',
      FEED_URL,
    );
    expect(feed.title).toBe('Fish & Chips');
    expect(feed.items.map((item) => item.title)).toEqual(['One', 'Cut']);
    expect(feed.items[0]?.url).toBe('http://example.org/?a=1&b=2');
    expect(feed.warnings).toEqual(
      expect.arrayContaining([
        'removed 1 control character(s) that XML does not allow',
        'ignored whitespace before the XML declaration',
        'read 2 unescaped "&" as literal text (should be &amp;)',
        expect.stringMatching(/^malformed XML repaired: <item> is never closed \(document ends early\) \(line 4, column \d+\)$/),
      ]),
    );
  });

  it('does not mistake self-closing tags for unclosed ones', async () => {
    const feed = await parseFeed(
      '<rss version="2.0"><channel><title>T</title><cloud domain="x" port="80"/><item><title>A</title><enclosure url="http://e.example/a.mp3" /></item></channel></rss>',
      FEED_URL,
    );
    expect(feed.warnings).toEqual([]);
  });

  it('reads past a mismatched end tag and reports where it was', async () => {
    const feed = await parseFeed('<rss version="2.0"><channel><title>T</title>\n<item><title>A</b></title></item>\n</channel></rss>', FEED_URL);
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]?.title).toBe('A');
    expect(feed.warnings).toEqual([
      'read with the tolerant parser: not well-formed XML (</b> where </title> was expected, line 2, column 15), which rss-parser rejects',
      'malformed XML repaired: stray end tag </b> ignored (line 2, column 15)',
    ]);
  });

  it.each([
    ['', /the document is empty/],
    ['   \n ', /the document is empty/],
    ['<!DOCTYPE html><html><head><title>Home</title></head><body>hi</body></html>', /this is an HTML page, not a feed; find the feed link/],
    [
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>',
      /the root element is <svg>, not <rss>, <rdf:RDF> or <feed>: not a feed \(line 1, column 22\)/,
    ],
    ['Service Unavailable', /no XML element found/],
    ['<rss version="2.0"><channel', /XML too broken to read|no title or items/],
  ])('rejects %j with a FeedParseError naming the feed', async (body, message) => {
    const parsing = parseFeed(body, FEED_URL);
    await expect(parsing).rejects.toThrow(FeedParseError);
    await expect(parsing).rejects.toThrow(message);
    await expect(parsing).rejects.toThrow(FEED_URL);
  });
});

describe('parseFeed: the demo feeds', () => {
  const demoDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../demo/feeds');
  // Dozens of self-closing elements (<atom:link/>, <link/>, <category/>, <rdf:li/>) between them.
  it.each(['wire.xml', 'monitor.atom', 'regional.rdf'])('reads %s without a single warning', async (file) => {
    const text = readFileSync(join(demoDir, file), 'utf8');
    expect(text).toMatch(/<[^>]+\/>/);
    const feed = await parseFeed(text, `http://127.0.0.1:8080/${file}`);
    expect(feed.items.length).toBeGreaterThan(0);
    // monitor.atom uses xml:base, so it goes to the tolerant reader, which must find nothing to repair.
    expect(feed.warnings).toEqual(file === 'monitor.atom' ? ['read with the tolerant parser: the feed uses xml:base, which rss-parser ignores'] : []);
    expect(readTolerantly(text, `http://127.0.0.1:8080/${file}`).warnings).toEqual([]);
  });
});

describe('FeedParseError.notAFeed', () => {
  const failure = async (body: string): Promise<FeedParseError> => {
    const error: unknown = await parseFeed(body, FEED_URL).then(
      () => null,
      (reason: unknown) => reason,
    );
    if (!(error instanceof FeedParseError)) throw new Error(`expected a FeedParseError for ${JSON.stringify(body.slice(0, 40))}`);
    return error;
  };

  it.each([
    ['an HTML page', '<!DOCTYPE html><html><head><title>Home</title></head><body>hi</body></html>'],
    ['other XML', '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'],
    ['JSON that is not a JSON Feed', '{"rss": {"channel": {}}}'],
    ['a JSON array', '[1, 2, 3]'],
  ])('is true for %s (asking again will not help)', async (_kind, body) => {
    expect((await failure(body)).notAFeed).toBe(true);
  });

  it.each([
    ['an empty body', ''],
    ['a truncated RSS document', '<rss version="2.0"><channel'],
    ['truncated JSON', '{"version": "https://jsonfeed.org/version/1.1", "items": [ {"id": "1"'],
    ['a plain-text error', 'Service Unavailable'],
  ])('is false for %s (often temporary)', async (_kind, body) => {
    expect((await failure(body)).notAFeed).toBe(false);
  });
});
