import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/mail/escape.ts';
import { renderAlert, renderDigest } from '../../src/mail/render-digest.ts';
import { MAX_TITLE_LENGTH, truncateAtWord } from '../../src/text/untrusted.ts';
import { entry, hit, topicMatch } from './entries.ts';

/** A headline of about 100 KB: what a hostile or broken feed can put in <title>. */
const HUGE_TITLE = `Prison break in Hasakah: ${'dozens of detainees escaped overnight after an attack on the gate '.repeat(1500)}`;

const huge = entry({
  itemId: 'huge',
  title: HUGE_TITLE,
  matches: [topicMatch('escapes', 30, ['escaped'], [hit('title', 'escaped', HUGE_TITLE.slice(0, 200))])],
});

describe('truncateAtWord', () => {
  it('leaves text within the limit alone', () => {
    expect(truncateAtWord('Kuje jailbreak suspects re-arrested', 300)).toBe('Kuje jailbreak suspects re-arrested');
    const exact = 'x'.repeat(300);
    expect(truncateAtWord(exact, 300)).toBe(exact);
  });

  it('cuts on a word boundary and ends with one ellipsis, within the limit', () => {
    const cut = truncateAtWord(HUGE_TITLE, 300);
    expect(cut.length).toBeLessThanOrEqual(300);
    expect(cut.length).toBeGreaterThan(250);
    expect(cut.endsWith('…')).toBe(true);
    expect(HUGE_TITLE.startsWith(cut.slice(0, -1))).toBe(true);
    // The word before the ellipsis is whole: the original continues with a space after it.
    expect(HUGE_TITLE[cut.length - 1]).toBe(' ');
  });

  it('never doubles an ellipsis or leaves dangling punctuation before it', () => {
    const text = `${'word '.repeat(58)}end... and more words after it to go past the limit`;
    const cut = truncateAtWord(text, 300);
    expect(cut.endsWith('end…')).toBe(true);
    expect(truncateAtWord(`${'a, '.repeat(200)}`, 300)).toMatch(/a…$/);
    expect(truncateAtWord(`${'ab'.repeat(150)}… tail`, 300)).not.toMatch(/……$/);
  });

  it('cuts a text without spaces hard, and never inside a surrogate pair', () => {
    const cut = truncateAtWord('🙂'.repeat(400), 300);
    expect(cut.length).toBeLessThanOrEqual(300);
    expect(cut.endsWith('🙂…')).toBe(true);
    expect(truncateAtWord('x'.repeat(1000), 300)).toBe(`${'x'.repeat(299)}…`);
  });
});

describe('titles in mail', () => {
  it('keep a 100 KB title out of the alert subject, the HTML and the text part', () => {
    const rendered = renderAlert({
      topic: { id: 'escapes', name: 'Detainee escapes' },
      reason: 'score 30 ≥ 20',
      entries: [huge],
      generatedAt: new Date('2025-03-04T06:00:00Z'),
      timezone: 'UTC',
    });
    expect(rendered.subject.length).toBeLessThan(MAX_TITLE_LENGTH + 60);
    expect(rendered.subject).toMatch(/…$/);
    expect(rendered.html.length).toBeLessThan(20_000);
    expect(rendered.text.length).toBeLessThan(5_000);
  });

  it('keep a 100 KB title to 300 characters in a digest, in full and brief listings', () => {
    const others = Array.from({ length: 3 }, (_, index) => ({ ...huge, itemId: `huge-${index}`, url: `https://news.example.org/huge-${index}` }));
    const rendered = renderDigest({
      group: { id: 'analysts', name: 'CT analysts' },
      topics: [{ id: 'escapes', name: 'Detainee escapes' }],
      entries: [huge, ...others],
      generatedAt: new Date('2025-03-04T06:00:00Z'),
      perTopicCap: 2,
      timezone: 'UTC',
    });
    expect(rendered.html.length).toBeLessThan(40_000);
    expect(rendered.text.length).toBeLessThan(10_000);
    expect(rendered.text).toContain(truncateAtWord(HUGE_TITLE, MAX_TITLE_LENGTH));
  });
});

describe('bidi controls', () => {
  it('drops the Arabic letter mark (U+061C) with the other bidi controls', () => {
    expect(cleanText('invoice\u061Cfdp.exe \u2066x\u2069 \u200Fy')).toBe('invoicefdp.exe x y');
  });
});
