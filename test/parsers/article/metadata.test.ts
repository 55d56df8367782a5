import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/parsers/article/index.ts';

const URL = 'https://news.example.org/world/2024/03/05/river-crossing?utm_source=rss';
const BODY = '<article><p>Engineers reopened the northern river crossing on Tuesday, three weeks after floodwater undermined two of its piers.</p></article>';

function withHead(head: string, body = BODY, htmlAttrs = ''): string {
  return `<!doctype html><html${htmlAttrs}><head>${head}</head><body>${body}</body></html>`;
}

describe('extractArticle metadata', () => {
  it('reads schema.org JSON-LD (inside @graph), converting dates to UTC', () => {
    const ld = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'Example News' },
        { '@type': 'WebPage', datePublished: '2020-01-01T00:00:00Z' },
        {
          '@type': ['NewsArticle'],
          headline: 'River crossing reopens after floods',
          datePublished: '2024-03-05T09:30:00+01:00',
          dateModified: '2024-03-05T17:00:00+01:00',
          author: [
            { '@type': 'Person', name: 'Jane Doe' },
            { '@type': 'Person', name: 'Omar Haddad' },
          ],
          image: { '@type': 'ImageObject', url: '/img/bridge.jpg' },
          inLanguage: 'en-GB',
          description: 'The crossing reopens with one lane each way.',
        },
      ],
    };
    const result = extractArticle(withHead(`<script type="application/ld+json">${JSON.stringify(ld)}</script>`), URL);
    expect(result.title).toBe('River crossing reopens after floods');
    expect(result.byline).toBe('Jane Doe and Omar Haddad');
    expect(result.published).toBe('2024-03-05T08:30:00.000Z');
    expect(result.modified).toBe('2024-03-05T16:00:00.000Z');
    expect(result.image).toBe('https://news.example.org/img/bridge.jpg');
    expect(result.lang).toBe('en-GB');
    expect(result.description).toBe('The crossing reopens with one lane each way.');
  });

  it('survives broken JSON-LD (raw newlines, comment wrappers) and ignores unparsable blocks', () => {
    const head = `<script type="application/ld+json"><!--
      {"@type": "BlogPosting", "headline": "Line one
      line two", "datePublished": "2024-03-05"}
    --></script><script type="application/ld+json">{ not json </script>`;
    const result = extractArticle(withHead(head), URL);
    expect(result.title).toBe('Line one line two');
    expect(result.published).toBe('2024-03-05T00:00:00.000Z');
  });

  it('reads OpenGraph, article:* and standard meta tags', () => {
    const head = `
      <title>River crossing reopens | Example News</title>
      <meta property="og:title" content="River crossing reopens">
      <meta property="og:description" content="One lane each way &amp; a speed limit.">
      <meta property="og:image" content="//cdn.example.org/bridge.jpg">
      <meta property="og:url" content="https://news.example.org/world/river-crossing">
      <meta property="og:locale" content="fr_FR">
      <meta property="article:published_time" content="2024-03-05T09:30:00Z">
      <meta property="article:modified_time" content="Tue, 05 Mar 2024 12:00:00 GMT">
      <meta name="author" content="By Jane Doe">
      <meta name="description" content="Ignored: og:description wins.">`;
    const result = extractArticle(withHead(head), URL);
    expect(result).toMatchObject({
      title: 'River crossing reopens',
      description: 'One lane each way & a speed limit.',
      image: 'https://cdn.example.org/bridge.jpg',
      canonicalUrl: 'https://news.example.org/world/river-crossing',
      lang: 'fr-FR',
      published: '2024-03-05T09:30:00.000Z',
      modified: '2024-03-05T12:00:00.000Z',
      byline: 'Jane Doe',
    });
  });

  it('prefers <link rel=canonical> and the <html lang> attribute', () => {
    const head = `<link rel="canonical" href="/world/river-crossing"><meta property="og:url" content="https://other.example.org/x"><meta property="og:locale" content="fr_FR">`;
    const result = extractArticle(withHead(head, BODY, ' lang="de-AT"'), URL);
    expect(result.canonicalUrl).toBe('https://news.example.org/world/river-crossing');
    expect(result.lang).toBe('de-AT');
  });

  it('falls back to <time datetime>, the <title> without the site name and a byline element', () => {
    const body = `<article><p class="byline">By Jane Doe</p>
      <time datetime="2024-03-05T09:30:00-05:00">March 5</time>
      <p>Engineers reopened the northern river crossing on Tuesday, three weeks after floodwater undermined two of its piers.</p></article>`;
    const result = extractArticle(withHead('<title>River crossing reopens after floods | Example News</title>', body), URL);
    expect(result.published).toBe('2024-03-05T14:30:00.000Z');
    expect(result.modified).toBeNull();
    expect(result.title).toBe('River crossing reopens after floods');
    expect(result.byline).toBe('Jane Doe');
    expect(result.canonicalUrl).toBe('https://news.example.org/world/2024/03/05/river-crossing');
  });

  it('returns nulls, not errors, when the page has no metadata', () => {
    const result = extractArticle('<p>Just a fragment of text without any head at all.</p>', 'not a url');
    expect(result).toMatchObject({
      title: null,
      byline: null,
      published: null,
      modified: null,
      canonicalUrl: null,
      lang: null,
      description: null,
      image: null,
    });
  });
});
