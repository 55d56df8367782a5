import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/http/charset.ts';

const xml = (encoding: string | null, body: string) =>
  `${encoding ? `<?xml version="1.0" encoding="${encoding}"?>` : ''}<rss version="2.0"><channel><title>${body}</title></channel></rss>`;

describe('decodeBody', () => {
  it('decodes UTF-8 with and without a BOM', () => {
    expect(decodeBody(Buffer.from(xml('utf-8', 'Grüße – ok'), 'utf8'), null)).toBe(xml('utf-8', 'Grüße – ok'));
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<rss/>')]);
    expect(decodeBody(withBom, null)).toBe('<rss/>');
  });

  it('decodes UTF-16 by its BOM, and without one from the NUL pattern', () => {
    const text = xml('utf-16', 'Ünïcode');
    expect(decodeBody(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]), null)).toBe(text);
    expect(decodeBody(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]), null)).toBe(text);
    expect(decodeBody(iconv.encode(text, 'utf-16le'), null)).toBe(text);
  });

  it('reads ISO-8859-1 as windows-1252, so 0x80-0x9F are € and quotes, not C1 controls', () => {
    const text = xml('ISO-8859-1', 'Café “quoted” €5');
    expect(decodeBody(iconv.encode(text, 'windows-1252'), null)).toBe(text);
    expect(decodeBody(iconv.encode(text, 'windows-1252'), 'text/xml; charset=iso-8859-1')).toBe(text);
  });

  it('uses the charset from the header, the XML declaration or <meta>', () => {
    const cyrillic = xml(null, 'Новости');
    expect(decodeBody(iconv.encode(cyrillic, 'windows-1251'), 'application/rss+xml; charset="windows-1251"')).toBe(cyrillic);
    const koi8 = xml('KOI8-R', 'Новости');
    expect(decodeBody(iconv.encode(koi8, 'koi8-r'), null)).toBe(koi8);
    const gb = xml('gb2312', '新闻');
    expect(decodeBody(iconv.encode(gb, 'gbk'), null)).toBe(gb);
    const page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1250"></head><body>Zażółć</body></html>';
    expect(decodeBody(iconv.encode(page, 'windows-1250'), 'text/html')).toBe(page);
    const html5 = '<!doctype html><meta charset="euc-kr"><p>뉴스</p>';
    expect(decodeBody(iconv.encode(html5, 'euc-kr'), null)).toBe(html5);
  });

  it('trusts bytes that are valid UTF-8 over a header or prolog that says otherwise', () => {
    const text = xml('ISO-8859-1', 'Zürich – Genève');
    expect(decodeBody(Buffer.from(text, 'utf8'), 'text/xml; charset=iso-8859-1')).toBe(text);
  });

  it('believes a UTF-16 label even though BOM-less ASCII in UTF-16 is valid UTF-8', () => {
    const text = '{"title": "news"}';
    expect(decodeBody(iconv.encode(text, 'utf-16be'), 'application/feed+json; charset=utf-16be')).toBe(text);
  });

  it('reads undeclared or UTF-8-labelled Latin-1 as windows-1252, even with accidental valid sequences', () => {
    // "é\u00a0»" is e9 a0 bb: a valid UTF-8 sequence by accident.
    const text = xml(null, '« doué » et « surdoué », très');
    expect(decodeBody(iconv.encode(text, 'windows-1252'), null)).toBe(text);
    expect(decodeBody(iconv.encode(text, 'windows-1252'), 'text/xml; charset=utf-8')).toBe(text);
  });

  it('keeps UTF-8 with a few corrupt bytes as UTF-8 (U+FFFD for the bad bytes)', () => {
    const bytes = Buffer.concat([Buffer.from('Grüße aus Köln, schön ', 'utf8'), Buffer.from([0xff]), Buffer.from(' Straße', 'utf8')]);
    expect(decodeBody(bytes, null)).toBe('Grüße aus Köln, schön \ufffd Straße');
  });

  it('treats a body cut mid-character by the byte cap as UTF-8', () => {
    const full = Buffer.from('Grüße €', 'utf8');
    expect(decodeBody(full.subarray(0, full.length - 1), null)).toBe('Grüße \ufffd');
  });

  it('falls back to windows-1252 for an unknown label on non-UTF-8 bytes', () => {
    expect(decodeBody(Buffer.from([0x63, 0x61, 0x66, 0xe9]), 'text/plain; charset=x-unknown-thing')).toBe('café');
  });
});
