import { describe, expect, it } from 'vitest';
import { canonicalUrl } from '../../src/parsers/urls.ts';

describe('canonicalUrl', () => {
  it('resolves relative references against the base', () => {
    expect(canonicalUrl('/content/c57f1115', 'https://www.ft.com/rss/home/uk')).toBe('https://www.ft.com/content/c57f1115');
    expect(canonicalUrl('story.html', 'http://example.org/news/feed.xml')).toBe('http://example.org/news/story.html');
    expect(canonicalUrl('//cdn.example.org/a', 'https://example.org/feed')).toBe('https://cdn.example.org/a');
    expect(canonicalUrl('../a?b=1', 'http://example.org/x/y/feed')).toBe('http://example.org/x/a?b=1');
  });

  it('gives null for relative references without a base, junk and non-http schemes', () => {
    expect(canonicalUrl('/relative')).toBeNull();
    expect(canonicalUrl('')).toBeNull();
    expect(canonicalUrl('   ')).toBeNull();
    expect(canonicalUrl('http://')).toBeNull();
    expect(canonicalUrl('mailto:desk@example.org')).toBeNull();
    expect(canonicalUrl('javascript:alert(1)', 'https://example.org/')).toBeNull();
    expect(canonicalUrl('ftp://example.org/file')).toBeNull();
    expect(canonicalUrl('file:///etc/passwd')).toBeNull();
    expect(canonicalUrl('data:text/html,hi')).toBeNull();
  });

  it('lower-cases scheme and host, drops default ports, fragments and credentials', () => {
    expect(canonicalUrl('HTTPS://News.Example.ORG:443/World/Story#comments')).toBe('https://news.example.org/World/Story');
    expect(canonicalUrl('http://example.org:80/a')).toBe('http://example.org/a');
    expect(canonicalUrl('http://example.org:8080/a')).toBe('http://example.org:8080/a');
    expect(canonicalUrl('https://user:secret@example.org/a')).toBe('https://example.org/a');
    expect(canonicalUrl('https://example.org')).toBe('https://example.org/');
  });

  it('drops tracking parameters and keeps the others in order with their encoding', () => {
    expect(canonicalUrl('https://example.org/a?utm_source=rss&id=7&UTM_Medium=feed&fbclid=x&gclid=y&mc_cid=1&mc_eid=2&q=a%20b+c&z=1')).toBe(
      'https://example.org/a?id=7&q=a%20b+c&z=1',
    );
    expect(canonicalUrl('https://example.org/a?utm_source=rss')).toBe('https://example.org/a');
    expect(canonicalUrl('https://example.org/a?')).toBe('https://example.org/a');
    expect(canonicalUrl('https://example.org/a?b=2&a=1')).toBe('https://example.org/a?b=2&a=1');
    // Google Alerts wraps the target in a query parameter: it must reach the server byte for byte.
    const alert = 'https://www.google.com/url?rct=j&sa=t&url=https://example.org/story%3Fid%3D1&ct=ga&cd=CAIyGj&usg=AOvVaw';
    expect(canonicalUrl(alert)).toBe(alert);
  });

  it('keeps www. (a different host) and the path as written', () => {
    expect(canonicalUrl('https://www.example.org/A/')).toBe('https://www.example.org/A/');
    expect(canonicalUrl('https://example.org/A')).toBe('https://example.org/A');
  });

  it('trims whitespace and newlines that feeds put around links', () => {
    expect(canonicalUrl('\n   https://example.org/a\n  ')).toBe('https://example.org/a');
  });

  it('writes international hosts in punycode', () => {
    expect(canonicalUrl('https://bücher.example/a')).toBe('https://xn--bcher-kva.example/a');
  });
});
