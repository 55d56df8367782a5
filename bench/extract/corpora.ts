/**
 * The two shared extraction sets, loaded for the extraction evaluation:
 * `extraction/` (181 news pages, shingle scorer) and `extraction-wcxb/` (711 WCXB article pages,
 * word-bag scorer with metadata). Both live under one evaluation folder (../shared/eval).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const DEFAULT_EVAL_DIR = fileURLToPath(new URL('../../../shared/eval/', import.meta.url));

export type SetName = 'extraction' | 'wcxb';
export const SET_FOLDER: Record<SetName, string> = { extraction: 'extraction', wcxb: 'extraction-wcxb' };

export interface Page {
  id: string;
  url: string;
  html: string;
}

export interface WcxbTruth {
  url: string;
  type: string;
  text: string;
  title: string | null;
  author: string | null;
  published: string | null;
  with?: string[];
  without?: string[];
}

/**
 * The fixed held-out fifth: ids whose last character is 0 or 5. Nobody tunes on these pages;
 * they are scored apart to show how far the rest is from unseen pages.
 */
export function isHeldOut(id: string): boolean {
  return /[05]$/.test(id);
}

export function setDir(evalDir: string, set: SetName): string {
  const dir = join(evalDir, SET_FOLDER[set]);
  if (!existsSync(join(dir, 'score.mjs'))) {
    throw new Error(
      `extraction set not found: expected ${join(dir, 'score.mjs')}; pass the folder that holds extraction/ and extraction-wcxb/ (usually ../shared/eval)`,
    );
  }
  return dir;
}

export function readTruth<T>(dir: string): Record<string, T> {
  return JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as Record<string, T>;
}

/** Every page of a set, gunzipped, in truth.json order. */
export function loadPages(evalDir: string, set: SetName): Page[] {
  const dir = setDir(evalDir, set);
  const truth = readTruth<{ url?: string }>(dir);
  const files = new Set(readdirSync(join(dir, 'html')));
  const pages: Page[] = [];
  for (const [id, entry] of Object.entries(truth)) {
    const file = `${id}.html.gz`;
    if (!files.has(file)) throw new Error(`${set}: truth names ${id} but ${join(dir, 'html', file)} is missing`);
    pages.push({ id, url: entry.url ?? '', html: gunzipSync(readFileSync(join(dir, 'html', file))).toString('utf8') });
  }
  return pages;
}
