import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

/**
 * Bytes to text for feeds and pages, choosing the charset in this order:
 *
 * 1. a byte-order mark (UTF-8, UTF-16 LE/BE) — nothing else can be right when one is present;
 * 2. bytes that are valid UTF-8 are UTF-8, whatever the header or prolog claims. Mislabelled
 *    UTF-8 (served as ISO-8859-1 by a default server config, or with a stale `encoding=` in the
 *    XML declaration) is far more common than non-UTF-8 text that happens to be valid UTF-8
 *    (Miniflux learnt this the hard way). Labels whose bytes can look like valid UTF-8 while
 *    meaning something else (UTF-16/32 without BOM, ISO-2022-*, UTF-7, HZ) are still believed;
 * 3. the charset from the Content-Type header, then the XML declaration, then `<meta charset>`;
 * 4. nothing usable: windows-1252, which is what undeclared non-UTF-8 Western text almost
 *    always is.
 *
 * A document labelled UTF-8 (or unlabelled) that has invalid sequences is decoded as
 * windows-1252 when invalid bytes are at least as many as valid multi-byte sequences (Latin-1
 * text, perhaps wearing a UTF-8 label), else as UTF-8 with U+FFFD for the bad bytes.
 *
 * Labels are mapped as browsers do (WHATWG Encoding): ISO-8859-1, US-ASCII and Latin-1 mean
 * windows-1252 (so 0x80–0x9F become € “ ” … rather than C1 controls), GB2312 means GBK. Decoding
 * goes through iconv-lite: Node's TextDecoder maps windows-1252 bytes 0x80–0x9F to controls.
 */
export function decodeBody(bytes: Buffer, contentType: string | null): string {
  const bom = bomEncoding(bytes);
  if (bom) return iconv.decode(bytes.subarray(bom.length), bom.encoding);

  const declared = charsetFromContentType(contentType) ?? sniffDeclaredCharset(bytes);
  const label = declared ? normaliseLabel(declared) : null;
  if (label && UTF8_LOOKALIKES.test(label) && iconv.encodingExists(label)) return iconv.decode(bytes, label);
  if (!label && looksLikeUtf16(bytes)) return iconv.decode(bytes, looksLikeUtf16(bytes) ?? 'utf-16le');

  // isUtf8 is native and fast for the common case; checkUtf8 also forgives a cut-off last character.
  if (isUtf8(bytes)) return bytes.toString('utf8');
  const utf8 = checkUtf8(bytes);
  if (utf8.valid) return bytes.toString('utf8');
  if (label && label !== 'utf-8' && iconv.encodingExists(label)) return iconv.decode(bytes, label);
  // Latin-1 text has a few accidental valid sequences ("é\u00a0»" is valid UTF-8); real UTF-8
  // with a corrupted byte has many valid ones.
  if (utf8.invalidBytes >= utf8.multiByteSequences) return iconv.decode(bytes, 'windows-1252');
  return bytes.toString('utf8');
}

/** Charsets whose byte streams can be valid UTF-8 while meaning other text. */
const UTF8_LOOKALIKES = /^(utf-?16|utf-?32|ucs-?2|iso-2022|utf-?7|hz-gb)/;

function bomEncoding(bytes: Buffer): { encoding: string; length: number } | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** `<?x` or `<r`... written in UTF-16 without a BOM: every other byte is NUL. */
function looksLikeUtf16(bytes: Buffer): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length < 4) return null;
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[3] === 0x00) return 'utf-16le';
  if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00) return 'utf-16be';
  return null;
}

export function charsetFromContentType(contentType: string | null): string | null {
  if (!contentType) return null;
  const match = /;\s*charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType);
  return match?.[2] ?? null;
}

/** The encoding named by an XML declaration or an HTML meta tag in the first bytes. */
function sniffDeclaredCharset(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 4096).toString('latin1');
  const xml = /^[\s\u00ef\u00bb\u00bf]*<\?xml[^>]*?\sencoding\s*=\s*["']\s*([A-Za-z0-9._:-]+)\s*["']/.exec(head);
  if (xml?.[1]) return xml[1];
  const meta = /<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head);
  return meta?.[1] ?? null;
}

const LABEL_ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  'iso_8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'latin-1': 'windows-1252',
  l1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  cp1252: 'windows-1252',
  'x-cp1252': 'windows-1252',
  'iso-8859-9': 'windows-1254',
  'iso-8859-11': 'windows-874',
  'tis-620': 'windows-874',
  gb2312: 'gbk',
  'x-gbk': 'gbk',
  'ks_c_5601-1987': 'euc-kr',
  'x-sjis': 'shift_jis',
  'shift-jis': 'shift_jis',
  'x-mac-roman': 'macintosh',
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
};

function normaliseLabel(label: string): string {
  const lower = label.trim().toLowerCase();
  return LABEL_ALIASES[lower] ?? lower;
}

/** Validates UTF-8 (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF). */
function checkUtf8(bytes: Buffer): { valid: boolean; multiByteSequences: number; invalidBytes: number } {
  let multiByteSequences = 0;
  let invalidBytes = 0;
  let valid = true;
  let index = 0;
  const length = bytes.length;
  while (index < length) {
    const byte = bytes[index] ?? 0;
    if (byte < 0x80) {
      index += 1;
      continue;
    }
    let needed = 0;
    let min = 0;
    if (byte >= 0xc2 && byte <= 0xdf) {
      needed = 1;
      min = 0x80;
    } else if (byte >= 0xe0 && byte <= 0xef) {
      needed = 2;
      min = 0x800;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      needed = 3;
      min = 0x10000;
    } else {
      valid = false;
      invalidBytes += 1;
      index += 1;
      continue;
    }
    // A document cut mid-character (by a byte cap) still counts as UTF-8: stop at the tail.
    // (Only in a document already shown to be UTF-8: a lone "é" at the end of Latin-1 text is not.)
    if (index + needed >= length && multiByteSequences > 0) {
      const tail = bytes.subarray(index + 1);
      if (tail.every((next) => (next & 0xc0) === 0x80)) break;
    }
    let codePoint = byte & (0xff >> (needed + 2));
    let ok = true;
    for (let k = 1; k <= needed; k += 1) {
      const next = bytes[index + k] ?? 0;
      if ((next & 0xc0) !== 0x80) {
        ok = false;
        break;
      }
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if (ok && (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff))) ok = false;
    if (!ok) {
      valid = false;
      invalidBytes += 1;
      index += 1;
      continue;
    }
    multiByteSequences += 1;
    index += needed + 1;
  }
  return { valid, multiByteSequences, invalidBytes };
}
