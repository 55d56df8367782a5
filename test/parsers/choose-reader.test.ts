import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/http/charset.ts';
import { parseFeed } from '../../src/parsers/feed.ts';
import { chooseReader } from '../../src/parsers/feed/choose-reader.ts';
import { readWithRssParser } from '../../src/parsers/feed/rss-parser-reader.ts';
import { readTolerantly } from '../../src/parsers/feed/tolerant-reader.ts';

const FEED_URL = 'https://news.example.org/feeds/world.xml';
const fixtureDir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/feeds');
const fixtures = readdirSync(fixtureDir)
  .filter((file) => file.endsWith('.xml'))
  .map((file) => [file, decodeBody(readFileSync(join(fixtureDir, file)), null).replace(/^[\s\ufeff]+/, '')] as const);
const tolerantWarning = (feed: { warnings: string[] }) => feed.warnings.find((warning) => warning.startsWith('read with the tolerant parser'));

/** What plain rss-parser (no custom fields) makes of a document: the library's own verdict on it. */
async function rssParserAccepts(text: string): Promise<boolean> {
  return new Parser().parseString(text).then(
    () => true,
    () => false,
  );
}

describe('chooseReader', () => {
  it('gives JSON to the JSON Feed reader and well-formed RSS and Atom to rss-parser', () => {
    expect(chooseReader('{"version":"https://jsonfeed.org/version/1.1"}').reader).toBe('json-feed');
    expect(chooseReader('<rss version="2.0"><channel><title>t</title></channel></rss>').reader).toBe('rss-parser');
    expect(chooseReader('<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></feed>').reader).toBe('rss-parser');
    expect(chooseReader('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel/></rdf:RDF>').reader).toBe(
      'rss-parser',
    );
  });

  it.each([
    ['xml:base', '<rss version="2.0" xml:base="https://b.example/"><channel><title>t</title><item><link>a</link></item></channel></rss>', /xml:base/],
    ['a prefixed Atom root', '<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>t</a:title></a:feed>', /Atom root is prefixed/],
    ['<rss> without a version', '<rss><channel><title>t</title></channel></rss>', /no version attribute/],
    ['an RSS root in a foreign namespace', '<rss version="2.0" xmlns="https://other.example/"><channel/></rss>', /not RSS's/],
    [
      'inline markup',
      '<rss version="2.0"><channel><title>t</title><item><description>a <b>b</b> c</description></item></channel></rss>',
      /<description> holds markup as elements/,
    ],
    [
      'inline XHTML in Atom',
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="xhtml"><div>x</div></content></entry></feed>',
      /<content> holds markup/,
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
    ['items in a second channel', '<rss version="2.0"><channel/><channel><item><title>x</title></item></channel></rss>', /<item> sits where/],
    ['an undeclared prefix', '<rss version="2.0"><channel><item><dc:creator>A</dc:creator></item></channel></rss>', /prefix "dc:" is never declared/],
    [
      'a namespace under two prefixes',
      '<rss version="2.0" xmlns:a="http://www.w3.org/2005/Atom"><channel xmlns:atom="http://www.w3.org/2005/Atom"/></rss>',
      /written with both/,
    ],
    ['an RSS document without a channel', '<rss version="2.0"><title>t</title></rss>', /has no <channel>/],
    [
      'an Atom link without attributes',
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><link>https://a.example/</link></entry></feed>',
      /<link> has no attributes/,
    ],
    [
      'an Atom date JavaScript cannot read',
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><published>yesterday</published></entry></feed>',
      /not a date rss-parser can read/,
    ],
    [
      'broken XML',
      '<rss version="2.0"><channel><title>t</title><item><title>x</item></channel></rss>',
      /not well-formed XML \(<\/item> where <\/title> was expected, line 1, column 59\)/,
    ],
    ['a bare ampersand', '<rss version="2.0"><channel><title>Q&A</title></channel></rss>', /not well-formed XML \("&" starts no/],
    ['an HTML entity', '<rss version="2.0"><channel><title>a&nbsp;b</title></channel></rss>', /not well-formed XML/],
    ['an unquoted attribute', '<rss version=2.0><channel/></rss>', /not quoted/],
    ['text after the root', '<rss version="2.0"><channel><title>t</title></channel></rss>junk', /content after the root element/],
    ['a truncated document', '<rss version="2.0"><channel><title>t</title>', /ends inside <channel>/],
  ])('sends %s to the tolerant reader and says why', async (_case, body, reason) => {
    const choice = chooseReader(body);
    expect(choice.reader).toBe('tolerant');
    expect(choice.reason).toMatch(reason);
    const feed = await parseFeed(body, FEED_URL);
    expect(tolerantWarning(feed)).toMatch(reason);
  });

  it('calls malformed every document rss-parser itself rejects, and nothing it reads', async () => {
    const documents = [
      '<rss version="2.0"><channel><title>a & b</title></channel></rss>',
      '<rss version="2.0"><channel><title>a &amp b</title></channel></rss>',
      '<rss version="2.0"><channel><title a="1"b="2">t</title></channel></rss>',
      '<rss version="2.0"><channel><title>t</title></channel></rss><rss/>',
      '<rss version="2.0"><channel><!-- a -- b --></channel></rss>',
      '<rss version="2.0"><channel><title>&#0;</title></channel></rss>',
      '<rss version="2.0"><channel><title x>t</title></channel></rss>',
      '<rss version="2.0"><channel>< title>t</title></channel></rss>',
      'junk<rss version="2.0"><channel/></rss>',
      '<rss version="2.0"><channel><title><![CDATA[x]]></title><description><![CDATA[<p>a & b</p>]]></description></channel></rss>',
      '<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss version="0.91"><channel><title>&#233;&#x20AC;&lt;&gt;&quot;&apos;&amp;</title></channel></rss>',
    ];
    for (const document of documents) {
      const choice = chooseReader(document);
      if (choice.reader === 'rss-parser') expect(await rssParserAccepts(document), document).toBe(true);
    }
    // The last two are well-formed and go to rss-parser.
    expect(documents.slice(-2).map((document) => chooseReader(document).reader)).toEqual(['rss-parser', 'rss-parser']);
  });

  it('reads an item with several authors, the first of them nested, the same way through either reader', async () => {
    const body = `<rss version="2.0"><channel><item><title>t</title><author><name>First</name></author><author>second@example.org</author></item></channel></rss>`;
    const choice = chooseReader(body);
    expect(choice.reader).toBe('rss-parser');
    if (choice.reader !== 'rss-parser') return;
    const read = await readWithRssParser(body, FEED_URL, choice.shape);
    expect(read).toEqual(readTolerantly(body, FEED_URL));
    expect(
      chooseReader(
        body.replace('<author><name>First</name></author><author>second@example.org</author>', '<author>a@example.org</author><author><name>B</name></author>'),
      ).reason,
    ).toMatch(/<author> with elements after its first/);
  });
});

/**
 * The two readers must agree: every document chooseReader gives to rss-parser reads exactly as
 * the tolerant reader reads it, so the route never changes what the poller sees.
 */
describe('rss-parser and the tolerant reader agree on real feeds', () => {
  it.each(fixtures)('%s', async (file, text) => {
    const choice = chooseReader(text);
    if (file === 'feedrs-rss2-relurl.xml') {
      expect(choice).toMatchObject({ reader: 'tolerant', reason: expect.stringMatching(/xml:base/) });
      return;
    }
    expect(choice.reader).toBe('rss-parser');
    if (choice.reader !== 'rss-parser') return;
    const read = await readWithRssParser(text, `https://corpus.example/${file}`, choice.shape);
    expect(read).not.toHaveProperty('rejected');
    expect(read).toEqual(readTolerantly(text, `https://corpus.example/${file}`));
  });

  it('sends each of them to the tolerant reader once a description holds markup, and still reads the same items', async () => {
    for (const [file, text] of fixtures) {
      const marked = text.replace(/<(description|summary|title)>([^<]{3,})<\/\1>/, '<$1><b>$2</b></$1>');
      if (marked === text) continue;
      expect(chooseReader(marked).reader, file).toBe('tolerant');
      const feed = await parseFeed(marked, `https://corpus.example/${file}`);
      const plain = await parseFeed(text, `https://corpus.example/${file}`);
      expect(
        feed.items.map((item) => item.guid),
        file,
      ).toEqual(plain.items.map((item) => item.guid));
    }
  });
});
