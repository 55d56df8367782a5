import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { decodeBody } from '../http/charset.ts';

/** Reads a saved page, gunzipping .gz files and decoding from its declared or sniffed charset. */
export function readSavedPage(path: string): string {
  const raw = readFileSync(path);
  const bytes = path.endsWith('.gz') ? gunzipSync(raw) : raw;
  return decodeBody(bytes, null);
}
