import { describe, expect, it } from 'vitest';
import { extractArticle, isTooThin } from '../../../src/parsers/article/index.ts';

const URL = 'https://news.example.org/2024/03/05/story';
const PARAGRAPH =
  'Engineers reopened the northern river crossing on Tuesday, three weeks after floodwater undermined two of its piers, the regional transport authority said in a statement.';

describe('isTooThin', () => {
  it('accepts a real article', () => {
    const html = `<html><body><article>${`<p>${PARAGRAPH}</p>`.repeat(6)}</article></body></html>`;
    expect(isTooThin(extractArticle(html, URL))).toBe(false);
  });

  it('flags a paywall teaser', () => {
    const html = `<html><body><article><p>${PARAGRAPH}</p><div class="paywall"><p>Subscribe to continue reading. Already a subscriber? Log in.</p></div></article></body></html>`;
    expect(isTooThin(extractArticle(html, URL))).toBe(true);
  });

  it('flags a consent wall and an error page', () => {
    const consent = `<html><body><div class="content"><h1>Before you continue</h1><p>We use cookies and data to deliver and maintain our services, measure audience engagement and show personalised content and ads. Select accept all cookies to continue, or open the cookie settings to choose what we may store on your device and for which purposes we may use the information collected about your visit.</p></div></body></html>`;
    const notFound = `<html><body><main><h1>Page not found</h1><p>Sorry, the page you requested could not be found. It may have been moved or deleted. Try the search box above or go back to the front page to find the latest news, sport and weather from around the region.</p></main></body></html>`;
    expect(isTooThin(extractArticle(consent, URL))).toBe(true);
    expect(isTooThin(extractArticle(notFound, URL))).toBe(true);
  });

  it('flags an empty extraction and honours a custom word minimum', () => {
    expect(isTooThin(extractArticle('<html><body><div id="app"></div></body></html>', URL))).toBe(true);
    const article = { text: PARAGRAPH.repeat(3) };
    expect(isTooThin(article)).toBe(false);
    expect(isTooThin(article, 200)).toBe(true);
  });

  it('does not flag a long article that happens to mention cookies', () => {
    const text = Array.from(
      { length: 12 },
      () => `${PARAGRAPH} Regulators said sites that ask users to accept all cookies must also offer a reject button.`,
    ).join('\n\n');
    expect(isTooThin({ text })).toBe(false);
  });
});
