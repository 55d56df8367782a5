import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { cleanText, escapeHtml, safeHttpUrl } from '../../src/mail/escape.ts';
import { renderAlert, renderDigest } from '../../src/mail/render-digest.ts';
import { entry, hit, topicMatch } from './entries.ts';

const hostile = entry({
  itemId: 'hostile',
  title: '<script>alert(1)</script> Prison attack',
  source: '<img src=x onerror=alert(1)>',
  url: 'javascript:alert(document.cookie)',
  summary: 'Read more <a href="javascript:alert(2)" onclick="steal()">here</a><iframe src="https://evil.example/"></iframe>',
  published: '2025-03-03T10:00:00Z',
  partial: true,
  matches: [
    topicMatch(
      'escapes',
      5,
      ['prison'],
      [
        hit(
          'body',
          'prison',
          '<img src="https://tracker.example/pixel.gif" width=1 height=1> the prison "wall" & <form action=https://evil.example><input name=pw></form>',
        ),
      ],
    ),
  ],
  alsoIn: [
    { source: 'Mirror <b onmouseover=alert(3)>site</b>', url: 'data:text/html,<script>alert(4)</script>', title: 'copy' },
    { source: 'Creds', url: 'https://bank.example@evil.example/login', title: 'copy' },
    { source: 'Good outlet', url: 'https://good.example/story?a=1&b="2"', title: 'copy' },
  ],
});

function assertInert(html: string): void {
  const $ = load(html);
  expect($('script, iframe, img, form, input, object, embed, style, link, meta[http-equiv]')).toHaveLength(0);
  $('*').each((_, element) => {
    const attributes = $(element).attr() ?? {};
    for (const name of Object.keys(attributes)) expect(name.toLowerCase().startsWith('on'), `attribute ${name}`).toBe(false);
    expect(attributes.src).toBeUndefined();
  });
  $('[href]').each((_, element) => {
    expect($(element).attr('href')).toMatch(/^https?:\/\//);
  });
}

describe('untrusted content in rendered mail', () => {
  const input = {
    group: { id: 'desk', name: 'Desk <i>one</i>' },
    topics: [{ id: 'escapes', name: 'Detainee escapes' }],
    entries: [hostile],
    generatedAt: new Date('2025-03-04T06:00:00Z'),
    perTopicCap: 10,
    timezone: 'UTC',
  };

  it('keeps the hostile text as text and none of it as markup in a digest', () => {
    const { html } = renderDigest(input);
    assertInert(html);
    const $ = load(html);
    const shown = $('body').text();
    expect(shown).toContain('<script>alert(1)</script> Prison attack');
    expect(shown).toContain('<img src=x onerror=alert(1)>');
    expect(shown).toContain('Desk <i>one</i>');
    expect($('i, b')).toHaveLength(0);
  });

  it('drops non-http(s) links and links with credentials but keeps their text', () => {
    const $ = load(renderDigest(input).html);
    expect($('a').filter((_, link) => $(link).text().includes('Prison attack'))).toHaveLength(0);
    expect($('body').text()).toContain('also in: Mirror <b onmouseover=alert(3)>site</b>, Creds, Good outlet');
    expect($('a:contains("Good outlet")').attr('href')).toBe('https://good.example/story?a=1&b=%222%22');
    expect($('a[href*="evil.example"]')).toHaveLength(0);
  });

  it('keeps hostile text inert in an alert and out of the plain-text links', () => {
    const rendered = renderAlert({
      topic: { id: 'escapes', name: 'Detainee escapes' },
      reason: 'score 5 ≥ 4',
      entries: [hostile],
      generatedAt: new Date(),
      timezone: 'UTC',
    });
    assertInert(rendered.html);
    expect(rendered.text).not.toContain('javascript:');
    expect(rendered.text).not.toContain('data:text/html');
  });
});

describe('escape helpers', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('accepts only absolute http(s) URLs without credentials', () => {
    expect(safeHttpUrl('https://example.org/a b')).toBe('https://example.org/a%20b');
    expect(safeHttpUrl(' HTTP://Example.org ')).toBe('http://example.org/');
    for (const unsafe of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,x',
      'vbscript:x',
      'file:///etc/passwd',
      '//evil.example/x',
      '/relative',
      'mailto:a@b.example',
      'https://user:pw@example.org/',
      '',
      null,
    ]) {
      expect(safeHttpUrl(unsafe), String(unsafe)).toBeNull();
    }
  });

  it('removes controls and bidi overrides from single-line text', () => {
    expect(cleanText('  Breaking:\r\n\tprison\u0000 attack \u202Egnp.exe\u202C ')).toBe('Breaking: prison attack gnp.exe');
  });
});
