import { describe, expect, it } from 'vitest';
import { authorized, credentialsFromEnv, isLoopbackHost, listenProblem, sameSecret } from '../../src/web/access.ts';
import { html, join, SafeHtml } from '../../src/web/html.ts';
import { parseListenAddress, parsePort } from '../../src/web/listen-address.ts';
import { highlighted, splitLastError } from '../../src/web/pages/format.ts';

const none = { user: 'vigil', password: null, token: null };
const both = { user: 'vigil', password: 'correct horse', token: 'scrape-token-1' };

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

describe('where the console may listen', () => {
  it('knows loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.8.9.10', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.5', '192.168.1.2', 'example.org', '128.0.0.1']) expect(isLoopbackHost(host), host).toBe(false);
  });

  it('refuses any other address without credentials, and says what to set', () => {
    expect(listenProblem('127.0.0.1', none)).toBeNull();
    expect(listenProblem('0.0.0.0', none)).toMatch(/refusing to listen on 0\.0\.0\.0 without credentials.*VIGIL_WEB_PASSWORD.*VIGIL_WEB_TOKEN/);
    expect(listenProblem('0.0.0.0', { ...none, password: 'p' })).toBeNull();
    expect(listenProblem('::', { ...none, token: 't' })).toBeNull();
  });

  it('reads the credentials from the environment, empty values unset', () => {
    expect(credentialsFromEnv({ VIGIL_WEB_PASSWORD: '', VIGIL_WEB_TOKEN: '' })).toEqual(none);
    expect(credentialsFromEnv({ VIGIL_WEB_USER: 'ops', VIGIL_WEB_PASSWORD: 'pw', VIGIL_WEB_TOKEN: 'tk' })).toEqual({
      user: 'ops',
      password: 'pw',
      token: 'tk',
    });
  });
});

describe('credentials', () => {
  it('accepts the right basic login or bearer token and nothing else', () => {
    expect(authorized(basic('vigil', 'correct horse'), both)).toBe(true);
    expect(authorized(basic('vigil', 'correct horsE'), both)).toBe(false);
    expect(authorized(basic('admin', 'correct horse'), both)).toBe(false);
    expect(authorized('Bearer scrape-token-1', both)).toBe(true);
    expect(authorized('Bearer scrape-token-2', both)).toBe(false);
    expect(authorized(undefined, both)).toBe(false);
    expect(authorized('Basic !!!', both)).toBe(false);
    // A password cannot stand in for the token, nor the token for the password.
    expect(authorized('Bearer correct horse', both)).toBe(false);
    expect(authorized(basic('vigil', 'scrape-token-1'), both)).toBe(false);
    expect(authorized(basic('vigil', ''), { ...both, password: null })).toBe(false);
  });

  it('compares secrets of any lengths', () => {
    expect(sameSecret('a', 'a')).toBe(true);
    expect(sameSecret('a', 'ab')).toBe(false);
    expect(sameSecret('', 'x'.repeat(1000))).toBe(false);
  });
});

describe('--port and --http', () => {
  it('parses ports and [host:]port', () => {
    expect(parsePort('8080')).toBe(8080);
    expect(parsePort('0')).toBe(0);
    expect(parsePort('65536')).toBeNull();
    expect(parsePort('80a')).toBeNull();
    expect(parseListenAddress('9464')).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(parseListenAddress('0.0.0.0:9464')).toEqual({ host: '0.0.0.0', port: 9464 });
    expect(parseListenAddress('[::1]:9464')).toEqual({ host: '::1', port: 9464 });
    for (const bad of ['::1:9464', ':9464', 'host:', 'host:99999', 'nine']) expect(parseListenAddress(bad), bad).toBeNull();
  });
});

describe('page markup', () => {
  it('escapes every interpolated value unless it is markup built the same way', () => {
    const title = '<script>alert("x")</script> & \'quotes\'';
    const out = html`<a title="${title}">${title}</a>${html`<b>${'<i>'}</b>`}${[1, ' & ', null, false, undefined]}`;
    expect(out).toBeInstanceOf(SafeHtml);
    expect(out.value).toBe(
      '<a title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</a><b>&lt;i&gt;</b>1 &amp; ',
    );
    expect(join(['<a>', html`<br>`], ' | ').value).toBe('&lt;a&gt; | <br>');
  });

  it('marks matched texts exactly as the item spells them, on word boundaries', () => {
    expect(highlighted('IS said this is the IS camp', ['IS']).value).toBe('<mark>IS</mark> said this is the <mark>IS</mark> camp');
    expect(highlighted('al-Hol camp; camps <b>', ['al-Hol camp', 'camp']).value).toBe('<mark>al-Hol camp</mark>; camps &lt;b&gt;');
    expect(highlighted('a+b aab a.b', ['a+b', 'a.b']).value).toBe('<mark>a+b</mark> aab <mark>a.b</mark>');
    expect(highlighted('text', []).value).toBe('text');
  });

  it('splits a stored feed error into its time and its words', () => {
    expect(splitLastError('2026-11-27T10:00:00.000Z http://x/: HTTP 404: gone')).toEqual({
      at: '2026-11-27T10:00:00.000Z',
      message: 'http://x/: HTTP 404: gone',
    });
    expect(splitLastError('no time here')).toEqual({ at: null, message: 'no time here' });
  });
});
