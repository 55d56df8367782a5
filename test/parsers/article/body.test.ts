import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/parsers/article/index.ts';

const URL = 'https://news.example.org/2024/03/05/river-crossing';

const P1 =
  'Engineers reopened the northern river crossing on Tuesday, three weeks after floodwater undermined two of its piers, the regional transport authority said.';
const P2 =
  'Traffic will be limited to one lane in each direction while divers inspect the remaining supports, a process officials expect to take until the end of the month.';
const P3 =
  'Residents of the valley, who had faced a detour of more than forty kilometres, welcomed the decision but questioned why repairs had taken so long to begin.';
const P4 =
  'The authority said a review of all crossings built before 1970 would begin in the spring, starting with the ones rated in the poorest condition last year.';

function page(article: string, extra = ''): string {
  return `<!doctype html><html lang="en"><head><title>River crossing reopens | Example News</title></head><body>
  <header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
  <main>${article}</main>
  <aside class="sidebar"><h3>Most read</h3><ol><li><a href="/a">Mayor resigns after a long and bitter dispute with the council over budget cuts</a></li><li><a href="/b">Storm warning issued for the coast as winds are expected to reach record speeds</a></li></ol></aside>
  ${extra}
  <footer class="site-footer"><p>© 2024 Example News. All rights reserved.</p><p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></p></footer>
  </body></html>`;
}

describe('extractArticle body', () => {
  it('keeps the paragraphs and drops navigation, sidebar and footer', () => {
    const html = page(`<article><h1>River crossing reopens</h1><div class="article-body"><p>${P1}</p><p>${P2}</p><p>${P3}</p><p>${P4}</p></div></article>`);
    const result = extractArticle(html, URL);
    expect(result.paragraphs).toEqual([P1, P2, P3, P4]);
    expect(result.text).toBe([P1, P2, P3, P4].join('\n\n'));
    expect(result.text).not.toMatch(/Most read|Privacy|Home|All rights reserved/);
  });

  it('drops share bars, captions, bylines, newsletter pitches and "read more" lines inside the article', () => {
    const html = page(`<article>
      <h1>River crossing reopens</h1>
      <div class="byline">By Jane Doe</div>
      <div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Tweet</a> <a href="#">Email</a></div>
      <div class="story-body">
        <p>${P1}</p>
        <figure><img src="/bridge.jpg" alt=""><figcaption>The crossing seen from the south bank on Monday. Photo: Jane Doe / Example Agency</figcaption></figure>
        <p>${P2}</p>
        <p>Advertisement</p>
        <p>${P3}</p>
        <p>Get the morning briefing delivered to your inbox: sign up for our free newsletter.</p>
        <p>${P4}</p>
        <p>Read more: <a href="/2024/02/01/floods">Floods close crossing for the third time this year</a></p>
      </div></article>`);
    const result = extractArticle(html, URL);
    expect(result.paragraphs).toEqual([P1, P2, P3, P4]);
  });

  it('drops link-heavy blocks such as related-story lists inside the article container', () => {
    const html = page(`<article><div class="content">
      <p>${P1}</p><p>${P2}</p><p>${P3}</p>
      <ul><li><a href="/x">Council approves new budget for road repairs across the district</a></li>
          <li><a href="/y">Second bridge in the valley to close for inspection next week</a></li>
          <li><a href="/z">Opinion: our crossings need more than patching</a></li></ul>
      <p>${P4}</p></div></article>`);
    const result = extractArticle(html, URL);
    expect(result.paragraphs).toEqual([P1, P2, P3, P4]);
  });

  it('keeps headings and list items that belong to the text', () => {
    const html = page(`<article><div class="entry-content">
      <p>${P1}</p>
      <h2>What changes for drivers</h2>
      <p>${P2}</p>
      <ul><li>One lane open in each direction</li><li>A speed limit of 30 km/h on the bridge</li><li>No heavy goods vehicles until April</li></ul>
      <h3>What comes next</h3>
      <p>${P3}</p><p>${P4}</p></div></article>`);
    const result = extractArticle(html, URL);
    expect(result.paragraphs).toEqual([
      P1,
      'What changes for drivers',
      P2,
      'One lane open in each direction',
      'A speed limit of 30 km/h on the bridge',
      'No heavy goods vehicles until April',
      'What comes next',
      P3,
      P4,
    ]);
  });

  it('drops a heading that only introduces trailing furniture', () => {
    const html = page(`<article><div class="entry-content"><p>${P1}</p><p>${P2}</p><p>${P3}</p><h2>Related</h2></div></article>`);
    expect(extractArticle(html, URL).paragraphs).toEqual([P1, P2, P3]);
  });

  it('splits <br><br>-separated text into paragraphs and decodes entities', () => {
    const html = page(
      `<div id="content"><div class="post">${P1}<br><br>${P2}<br/><br/>Tom &amp; Jerry&nbsp;said it was &ldquo;overdue&rdquo;, and that the valley had waited long enough.<br><br>${P3}</div></div>`,
    );
    const result = extractArticle(html, URL);
    expect(result.paragraphs).toEqual([P1, P2, 'Tom & Jerry said it was “overdue”, and that the valley had waited long enough.', P3]);
  });

  it('joins an article split across sibling containers', () => {
    const html = page(`<article><div class="story"><div class="story-part"><p>${P1}</p><p>${P2}</p></div>
      <div class="ad-slot"><p>Advertisement</p></div>
      <div class="story-part"><p>${P3}</p><p>${P4}</p></div></div></article>`);
    expect(extractArticle(html, URL).paragraphs).toEqual([P1, P2, P3, P4]);
  });

  it('ignores scripts, styles, hidden elements and form controls', () => {
    const html = page(`<article><div class="content"><script>var x = "not text";</script><style>p { color: red }</style>
      <p>${P1}</p><div hidden><p>Hidden paragraph that a reader never sees on the page at all.</p></div>
      <p style="display:none">Another paragraph that is not displayed to the reader of the page.</p>
      <p>${P2}</p><button>Load comments</button><p>${P3}</p></div></article>`);
    expect(extractArticle(html, URL).paragraphs).toEqual([P1, P2, P3]);
  });

  it('does not throw on malformed or hostile markup', () => {
    const broken = [
      '',
      '<',
      '<<<>>>',
      '<html><body><p>unclosed <b>bold <i>italic',
      '<div'.repeat(5000),
      `<table><tr><td><p>${P1}</td></p></tr><div>${P2}</table>`,
      '\u0000\uFFFF<p>\uD800</p>',
      '<!-- never closed',
      `<html><body>${'<div>'.repeat(20000)}<p>${P1}</p>${'</div>'.repeat(20000)}</body></html>`,
      `<constructor><__proto__ class="toString"><p>${P1}</p></__proto__></constructor>`,
    ];
    for (const html of broken) {
      const result = extractArticle(html, URL);
      expect(typeof result.text).toBe('string');
      expect(result.text).toBe(result.paragraphs.join('\n\n'));
    }
    expect(extractArticle(`<table><tr><td><p>${P1}</td></p></tr><div>${P2}</table>`, URL).text).toContain(P1);
    expect(extractArticle(`<constructor><__proto__ class="toString"><p>${P1}</p></__proto__></constructor>`, URL).paragraphs).toEqual([P1]);
  });

  it('bounds the work on huge pages', () => {
    const filler = `<div class="teaser"><a href="/t">${'Headline of another story '.repeat(4)}</a></div>`.repeat(40_000);
    const html = page(`<article><div class="content"><p>${P1}</p><p>${P2}</p></div></article>`, filler);
    expect(html.length).toBeGreaterThan(5_000_000);
    const result = extractArticle(html, URL);
    expect(result.paragraphs).toEqual([P1, P2]);
  });

  it('uses the published schema.org articleBody when the markup yields almost nothing', () => {
    const body = [P1, P2, P3, P4].join('\n\n');
    const html = `<html><head><script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'River crossing reopens', articleBody: body })}</script></head>
      <body><div id="app"><p>Loading…</p></div></body></html>`;
    expect(extractArticle(html, URL).paragraphs).toEqual([P1, P2, P3, P4]);
  });
});

describe('extractArticle keeps text that only looks like furniture', () => {
  it('keeps list items that lead with a link but carry their own sentence', () => {
    const item = (title: string, rest: string): string => `<li><strong><a href="/s">${title}</a>.</strong> ${rest}</li>`;
    const html = page(`<article><div class="post-content"><p>${P1}</p><p>${P2}</p><ol>
      ${item('Council approves a new budget for road repairs across the whole district', 'The plan doubles spending on bridges over the next five years, according to the draft.')}
      ${item('Second bridge in the valley to close for an inspection next week', 'Officials said the closure would last at least ten days while engineers check the deck.')}
      </ol><p>${P3}</p></div></article>`);
    const result = extractArticle(html, URL);
    expect(result.paragraphs).toHaveLength(5);
    expect(result.paragraphs[2]).toMatch(/^Council approves .* according to the draft\.$/);
  });

  it('keeps tweets embedded in the article and drops the author contact line', () => {
    const html = page(`<article><div class="entry-content"><p>${P1}</p>
      <div class="social-media-embed"><blockquote class="twitter-tweet"><p>The crossing is open again, finally. Thanks to everyone who worked through the night on it.</p>— Valley Resident (@valley) March 5, 2024</blockquote></div>
      <p>${P2}</p><p>${P3}</p><p>Jane Doe may be reached at jdoe@example.org. Follow her on Twitter @janedoe.</p></div></article>`);
    const result = extractArticle(html, URL);
    expect(result.text).toContain('The crossing is open again, finally.');
    expect(result.text).not.toContain('may be reached');
  });
});

describe('extractArticle when the furniture rules leave nothing', () => {
  it('retries without them so an article in an unluckily named container is still found', () => {
    // three parts, each too small a share of the prose for the furniture rescue on its own
    const html = `<html><body><div class="layout">
      <div class="widget-text"><p>${P1}</p></div><div class="widget-text"><p>${P2}</p></div>
      <div class="widget-text"><p>${P3}</p><p>${P4}</p></div></div>
      <div class="menu"><a href="/">Home</a> <a href="/news">News</a></div></body></html>`;
    expect(extractArticle(html, URL).paragraphs).toEqual([P1, P2, P3, P4]);
  });
});
