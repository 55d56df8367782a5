import { describe, expect, it } from 'vitest';
import { OpmlError, parseOpml, planImport, serialiseOpml, slugify } from '../../src/feeds/opml.ts';

const READER_EXPORT = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>My subscriptions</title></head>
  <body>
    <outline text="News" title="News">
      <outline type="rss" text="BBC World" title="BBC World" xmlUrl="https://feeds.bbci.co.uk/news/world/rss.xml" htmlUrl="https://www.bbc.co.uk/news/world"/>
      <outline text="Regional">
        <outline type="rss" text="Sahel &amp; West Africa" xmlurl="https://example.org/sahel.xml"/>
      </outline>
    </outline>
    <outline type="rss" text="Café Révolution" xmlUrl="https://cafe.example/feed"/>
    <outline type="rss" text="Broken" xmlUrl="feed.xml"/>
  </body>
</opml>`;

describe('parseOpml', () => {
  it('flattens folders and reads titles, text and xmlUrl in any case', () => {
    const opml = parseOpml(READER_EXPORT);
    expect(opml.title).toBe('My subscriptions');
    expect(opml.feeds).toEqual([
      { title: 'BBC World', xmlUrl: 'https://feeds.bbci.co.uk/news/world/rss.xml', htmlUrl: 'https://www.bbc.co.uk/news/world', folders: ['News'] },
      { title: 'Sahel & West Africa', xmlUrl: 'https://example.org/sahel.xml', htmlUrl: null, folders: ['News', 'Regional'] },
      { title: 'Café Révolution', xmlUrl: 'https://cafe.example/feed', htmlUrl: null, folders: [] },
    ]);
    expect(opml.invalid).toEqual([{ title: 'Broken', xmlUrl: 'feed.xml' }]);
  });

  it.each([
    [
      'unclosed elements',
      '<opml version="2.0"><body><outline text="a" xmlUrl="https://a.example/"></body></opml>',
      /subs\.opml: not well-formed XML: .*\(line 1, column \d+\)/,
    ],
    ['a truncated file', '<opml version="2.0"><body><outline text="a" xmlUrl="https://a.example/"/>', /subs\.opml: not well-formed XML: .* is never closed/],
    ['another document', '<rss version="2.0"><channel/></rss>', /subs\.opml: not OPML: the root element is <rss>, expected <opml>/],
    ['an OPML without a body', '<opml version="2.0"><head/></opml>', /subs\.opml: the OPML has no <body>/],
    ['no XML at all', 'just text', /subs\.opml: not OPML: the root element is missing/],
  ])('rejects %s with an OpmlError that says what is wrong', (_case, text, message) => {
    expect(() => parseOpml(text, 'subs.opml')).toThrow(OpmlError);
    expect(() => parseOpml(text, 'subs.opml')).toThrow(message);
  });
});

describe('serialiseOpml', () => {
  it('round-trips through parseOpml, escaping what needs it', () => {
    const feeds = [
      { title: 'Fish & "Chips" <daily>', xmlUrl: 'https://a.example/feed?x=1&y=2', htmlUrl: 'https://a.example/' },
      { title: 'Plain', xmlUrl: 'https://b.example/rss' },
    ];
    const text = serialiseOpml('vigil feeds', feeds, new Date('2024-03-05T14:07:00Z'));
    expect(text).toContain('<opml version="2.0">');
    expect(text).toContain('<dateCreated>Tue, 05 Mar 2024 14:07:00 GMT</dateCreated>');
    const parsed = parseOpml(text);
    expect(parsed.title).toBe('vigil feeds');
    expect(parsed.feeds).toEqual([
      { title: 'Fish & "Chips" <daily>', xmlUrl: 'https://a.example/feed?x=1&y=2', htmlUrl: 'https://a.example/', folders: [] },
      { title: 'Plain', xmlUrl: 'https://b.example/rss', htmlUrl: null, folders: [] },
    ]);
  });
});

describe('planImport', () => {
  it('makes unique ids from titles and skips feeds already configured (by canonical URL) or listed twice', () => {
    const opml = parseOpml(`<opml version="2.0"><body>
      <outline text="BBC World" xmlUrl="https://feeds.bbci.co.uk/news/world/rss.xml"/>
      <outline text="BBC World" xmlUrl="https://feeds.bbci.co.uk/news/world/rss.xml?utm_source=reader#top"/>
      <outline text="Sahel Desk" xmlUrl="https://sahel.example/feed"/>
      <outline text="Sahel Desk" xmlUrl="https://sahel2.example/feed"/>
      <outline text="Already here" xmlUrl="https://known.example/rss?utm_medium=x"/>
    </body></opml>`);
    const plan = planImport(
      [
        { id: 'bbc-world', url: 'https://other.example/rss' },
        { id: 'known', url: 'https://known.example/rss' },
      ],
      opml,
    );
    expect(plan.add).toEqual([
      { id: 'bbc-world-2', name: 'BBC World', url: 'https://feeds.bbci.co.uk/news/world/rss.xml' },
      { id: 'sahel-desk', name: 'Sahel Desk', url: 'https://sahel.example/feed' },
      { id: 'sahel-desk-2', name: 'Sahel Desk', url: 'https://sahel2.example/feed' },
    ]);
    expect(plan.skipped).toEqual([
      {
        title: 'BBC World',
        url: 'https://feeds.bbci.co.uk/news/world/rss.xml?utm_source=reader#top',
        reason: 'listed twice in the OPML (added as "bbc-world-2")',
      },
      { title: 'Already here', url: 'https://known.example/rss?utm_medium=x', reason: 'already configured as "known"' },
    ]);
  });

  it('slugs titles into config ids', () => {
    expect(slugify('Café Révolution — Afrique!')).toBe('cafe-revolution-afrique');
    expect(slugify('العربية')).toBe('feed');
    expect(slugify("FDD's Long War Journal")).toBe('fdd-s-long-war-journal');
  });
});
