import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { renderAlert, renderDigest, renderEmptyDigest } from '../../src/mail/render-digest.ts';
import type { DigestInput } from '../../src/mail/types.ts';
import { entry, hit, topicMatch } from './entries.ts';

const topics = [
  { id: 'escapes', name: 'Detainee escapes' },
  { id: 'repatriation', name: 'Repatriation policy' },
  { id: 'border', name: 'Border incidents' },
];

const mongo = entry({
  itemId: 'mongo',
  title: '27 inmates escape Mongo prison after armed attack',
  source: 'AP',
  published: '2025-03-03T23:30:00Z',
  summary: 'Gunmen attacked the prison in Mongo overnight.',
  matches: [
    topicMatch(
      'escapes',
      9,
      ['escaped', 'prison'],
      [
        hit('title', 'escape', '27 inmates escape Mongo prison after armed attack'),
        hit('body', 'escaped', 'At least 27 inmates escaped from the central prison in Mongo; several were imprisoned on terrorism charges.'),
      ],
    ),
  ],
});
const kuje = entry({
  itemId: 'kuje',
  title: 'Kuje jailbreak suspects re-arrested',
  published: '2025-03-02T08:00:00Z',
  matches: [topicMatch('escapes', 9, ['jailbreak'], [hit('title', 'jailbreak', 'Kuje jailbreak suspects re-arrested')])],
});
const tunnel = entry({
  itemId: 'tunnel',
  title: 'Guards suspended after tunnel found under detention centre',
  summary: 'Officials said the tunnel was discovered during a routine inspection, and no detainees had escaped through it.',
  published: '2025-03-03T15:00:00Z',
  matches: [topicMatch('escapes', 4, ['escaped'], [])],
});
const camps = entry({
  itemId: 'camps',
  title: 'Families from northeast Syria camps flown home',
  source: 'Sahel Observer',
  published: '2025-03-03T09:00:00Z',
  partial: true,
  summary: 'Twelve women and 31 children were repatriated from al-Hol camp on Monday.',
  matches: [
    topicMatch(
      'repatriation',
      6,
      ['repatriated'],
      [hit('summary', 'repatriated', 'Twelve women and 31 children were repatriated from al-Hol camp on Monday.')],
    ),
  ],
  alsoIn: [
    { source: 'Reuters', url: 'https://reuters.example.com/camps', title: 'Syria camp families return' },
    { source: 'Local Radio', url: null, title: 'Families return' },
  ],
});
const both = entry({
  itemId: 'both',
  title: 'Escaped militants among those returned under new deal',
  published: '2025-03-03T20:00:00Z',
  matches: [topicMatch('escapes', 3, ['escaped'], []), topicMatch('repatriation', 5, ['returned'], [])],
});

function digest(overrides: Partial<DigestInput> = {}): DigestInput {
  return {
    group: { id: 'sahel-desk', name: 'Sahel desk' },
    topics,
    entries: [camps, tunnel, both, kuje, mongo],
    generatedAt: new Date('2025-03-04T06:00:00Z'),
    perTopicCap: 10,
    timezone: 'Europe/Paris',
    ...overrides,
  };
}

function visibleText(html: string): string {
  return load(html)('body').text().replace(/\s+/g, ' ');
}

/** Whether the needles occur one after the other (each searched for after the previous one). */
function inOrder(haystack: string, needles: string[]): boolean {
  let from = 0;
  for (const needle of needles) {
    const position = haystack.indexOf(needle, from);
    if (position === -1) return false;
    from = position + needle.length;
  }
  return true;
}

describe('renderDigest', () => {
  it('counts distinct items and items per topic in the subject, topic names in lower case', () => {
    expect(renderDigest(digest()).subject).toBe('vigil: 5 new — detainee escapes 4, repatriation policy 2');
  });

  it('has a section per topic with matches, in the group topic order, items by score then newest', () => {
    const { html, text } = renderDigest(digest());
    const shown = visibleText(html);
    for (const body of [shown, text]) {
      expect(inOrder(body, ['Detainee escapes', mongo.title, kuje.title, tunnel.title, both.title, 'Repatriation policy', camps.title, both.title])).toBe(true);
    }
    expect(shown).toContain('Border incidents: nothing new');
    expect(text).toContain('Border incidents: nothing new');
  });

  it('follows the group topic order, not the order of the entries', () => {
    const { text } = renderDigest(digest({ topics: [topics[1], topics[0]].filter((topic) => topic !== undefined) }));
    expect(inOrder(text, ['Repatriation policy (2)', 'Detainee escapes (4)'])).toBe(true);
  });

  it('shows an item matching two topics under both, each naming the other', () => {
    const { html } = renderDigest(digest());
    const $ = load(html);
    const shown = visibleText(html);
    expect($('a').filter((_, link) => $(link).text() === both.title)).toHaveLength(2);
    expect(shown).toContain('also under: Repatriation policy');
    expect(shown).toContain('also under: Detainee escapes');
  });

  it('links titles to the article and dates them in the group timezone', () => {
    const { html, text } = renderDigest(digest());
    const $ = load(html);
    expect($(`a:contains("${mongo.title}")`).attr('href')).toBe('https://news.example.org/mongo');
    expect(visibleText(html)).toContain('AP · 4 Mar 2025, 00:30 CET');
    expect(text).toContain('AP · 4 Mar 2025, 00:30 CET');
    expect(renderDigest(digest({ timezone: 'Asia/Kolkata' })).text).toContain('AP · 4 Mar 2025, 05:00 GMT+5:30');
  });

  it('falls back to UTC, and says so, when the timezone is unknown', () => {
    expect(renderDigest(digest({ timezone: 'Mars/Olympus' })).text).toContain('AP · 3 Mar 2025, 23:30 UTC');
  });

  it('highlights matched terms as whole words in the best snippet', () => {
    const { html, text } = renderDigest(digest());
    const $ = load(html);
    const marked = $('span')
      .filter((_, element) => ($(element).attr('style') ?? '').includes('background-color'))
      .map((_, element) => $(element).text())
      .get();
    expect(marked).toEqual(expect.arrayContaining(['escaped', 'prison']));
    expect(marked).not.toContain('imprisoned');
    expect(marked.some((word) => word.includes('imprison'))).toBe(false);
    expect(text).toContain('At least 27 inmates *escaped* from the central *prison* in Mongo; several were imprisoned');
  });

  it('uses the summary when no body or summary hit gives a snippet', () => {
    const { text } = renderDigest(digest());
    expect(text).toContain('no detainees had *escaped* through it');
    expect(text).toContain('Summary of Kuje *jailbreak* suspects re-arrested.');
  });

  it('notes partial items and lists the other outlets of a syndicated story', () => {
    const { html, text } = renderDigest(digest());
    const $ = load(html);
    expect(visibleText(html)).toContain('partial: article page unavailable, summary from the feed');
    expect(text).toContain('[partial: article page unavailable, summary from the feed]');
    expect(visibleText(html)).toContain('also in: Reuters, Local Radio');
    expect($('a:contains("Reuters")').attr('href')).toBe('https://reuters.example.com/camps');
    expect($('a:contains("Local Radio")')).toHaveLength(0);
    expect(text).toContain('also in: Reuters <https://reuters.example.com/camps>, Local Radio');
    expect(visibleText(html).split('partial: article page unavailable')).toHaveLength(2);
  });

  it('shows at most perTopicCap items per topic in full and lists the rest briefly at the end', () => {
    const { html, text } = renderDigest(digest({ perTopicCap: 2 }));
    const shown = visibleText(html);
    expect(shown).toContain('and 2 more — listed at the end');
    expect(text).toContain('and 2 more — listed at the end');
    expect(
      inOrder(shown, [
        'Detainee escapes',
        mongo.title,
        kuje.title,
        'and 2 more',
        'Repatriation policy',
        'More items',
        'Detainee escapes — 2 more',
        tunnel.title,
        both.title,
      ]),
    ).toBe(true);
    // The tunnel story only matched the capped topic: its snippet is not shown, only its title and link.
    expect(shown).not.toContain('routine inspection');
    expect(load(html)(`a:contains("${tunnel.title}")`).attr('href')).toBe('https://news.example.org/tunnel');
    expect(inOrder(text, ['More items', `- ${tunnel.title} — Example News`, 'https://news.example.org/tunnel'])).toBe(true);
    expect(renderDigest(digest()).text).not.toContain('More items');
  });

  it('builds mail-client HTML: tables, inline styles, no scripts, stylesheets or remote assets', () => {
    const $ = load(renderDigest(digest()).html);
    expect($('table').length).toBeGreaterThan(1);
    expect($('script, style, link, img, iframe, form, object, embed')).toHaveLength(0);
    expect($('[src]')).toHaveLength(0);
    expect($('[class]')).toHaveLength(0);
  });

  it('renders the nothing-new note when no entry matches one of the group topics', () => {
    const offTopic = entry({ itemId: 'other', title: 'Elsewhere', matches: [topicMatch('not-followed', 5, ['x'])] });
    const rendered = renderDigest(digest({ entries: [offTopic] }));
    expect(rendered.subject).toBe('vigil: nothing new — Sahel desk');
    expect(rendered.text).not.toContain('Elsewhere');
  });
});

describe('renderEmptyDigest', () => {
  it('says nothing new for the group, with the time in its zone', () => {
    const rendered = renderEmptyDigest({ id: 'sahel-desk', name: 'Sahel desk' }, new Date('2025-03-04T06:00:00Z'), 'Europe/Paris');
    expect(rendered.subject).toBe('vigil: nothing new — Sahel desk');
    expect(rendered.text).toContain('No new items matched');
    expect(rendered.text).toContain('4 Mar 2025, 07:00 CET');
    expect(visibleText(rendered.html)).toContain('No new items matched');
  });
});

describe('renderAlert', () => {
  const alert = {
    topic: { id: 'escapes', name: 'Detainee escapes' },
    reason: 'score 9 ≥ 8',
    entries: [tunnel, mongo],
    generatedAt: new Date('2025-03-04T06:00:00Z'),
    timezone: 'Europe/Paris',
  };

  it('names the topic and the reason, and lists items strongest first', () => {
    const rendered = renderAlert(alert);
    expect(rendered.subject).toBe('vigil alert: detainee escapes — score 9 ≥ 8 (2 items)');
    expect(rendered.text).toContain('Why: score 9 ≥ 8 · 2 items');
    expect(inOrder(visibleText(rendered.html), ['Detainee escapes', 'score 9 ≥ 8', mongo.title, tunnel.title])).toBe(true);
    expect(rendered.text).toContain('*escaped*');
  });

  it('puts a single item title in the subject, on one line', () => {
    const rendered = renderAlert({ ...alert, entries: [{ ...mongo, title: 'Prison attack\r\nBcc: victim@example.org' }] });
    expect(rendered.subject).toBe('vigil alert: detainee escapes — score 9 ≥ 8: Prison attack Bcc: victim@example.org');
    expect(rendered.subject).not.toMatch(/[\r\n]/);
  });
});
