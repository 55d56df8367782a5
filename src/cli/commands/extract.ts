import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Command } from 'commander';
import { decodeBody } from '../../http/charset.ts';
import { extractArticle } from '../../parsers/article/index.ts';
import type { ExtractedArticle } from '../../parsers/types.ts';
import { print } from '../output.ts';

const PAGE_FILE = /\.(html?|xhtml)(\.gz)?$/i;

/** Reads a saved page, gunzipping .gz files and decoding from its declared or sniffed charset. */
export function readPage(path: string): string {
  const raw = readFileSync(path);
  const bytes = path.endsWith('.gz') ? gunzipSync(raw) : raw;
  return decodeBody(bytes, null);
}

export function extractFile(path: string, url: string): ExtractedArticle {
  return extractArticle(readPage(path), url);
}

export function registerExtractCommand(program: Command): void {
  program
    .command('extract')
    .description('print the extracted article text of a saved page (offline); for a folder, one JSON object {name: text}')
    .argument('<path>', 'an .html or .html.gz file, or a folder of them')
    .option('--url <url>', 'the page URL, for resolving links and the canonical URL', 'http://localhost/')
    .option('--json', 'print the text with its metadata as JSON')
    .action((path: string, options: { url: string; json?: boolean }) => {
      if (statSync(path).isDirectory()) {
        const out: Record<string, string | ExtractedArticle> = {};
        for (const name of readdirSync(path).filter((entry) => PAGE_FILE.test(entry)).sort()) {
          const article = extractFile(join(path, name), options.url);
          out[basename(name).replace(PAGE_FILE, '')] = options.json ? article : article.text;
        }
        print(JSON.stringify(out));
        return;
      }
      const article = extractFile(path, options.url);
      print(options.json ? JSON.stringify(article, null, 2) : article.text);
    });
}
