import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { print, progressLine } from '../output.ts';

const PAGE_FILE = /\.(html?|xhtml)(\.gz)?$/i;

interface ExtractOptions {
  url: string;
  json?: boolean;
  jsonl?: boolean;
}

export function registerExtractCommand(program: Command): void {
  program
    .command('extract')
    .description('print the extracted article text of a saved page (offline); for a folder, one JSON object {name: text}, or JSON lines with --jsonl')
    .argument('<path>', 'an .html or .html.gz file, or a folder of them')
    .option('--url <url>', 'the page URL, for resolving links and the canonical URL', 'http://localhost/')
    .option('--json', 'print the text with its metadata as JSON')
    .option('--jsonl', 'for a folder: stream one JSON line {id, text, title, byline, published, ...} per page')
    .action(async (path: string, options: ExtractOptions) => {
      const { extractArticle } = await import('../../parsers/article/index.ts');
      const { readSavedPage } = await import('../../parsers/saved-page.ts');
      const extract = (file: string) => extractArticle(readSavedPage(file), options.url);
      if (!statSync(path).isDirectory()) {
        const article = extract(path);
        print(options.json ? JSON.stringify(article, null, 2) : article.text);
        return;
      }
      const names = readdirSync(path)
        .filter((entry) => PAGE_FILE.test(entry))
        .sort();
      const progress = progressLine();
      const collected: Record<string, unknown> = {};
      let failed = 0;
      for (const [index, name] of names.entries()) {
        const id = basename(name).replace(PAGE_FILE, '');
        try {
          const article = extract(join(path, name));
          if (options.jsonl) print(JSON.stringify({ id, ...article }));
          else collected[id] = options.json ? article : article.text;
        } catch (error) {
          // One unreadable page never stops the folder: it is named, and the exit code says so at the end.
          failed += 1;
          progress.done();
          process.stderr.write(`vigil extract: ${join(path, name)}: ${(error as Error).message}\n`);
        }
        progress.update(`extracting: ${index + 1}/${names.length} pages${failed > 0 ? `, ${failed} failed` : ''}`);
      }
      progress.done();
      if (!options.jsonl) print(JSON.stringify(collected));
      if (failed > 0) process.exitCode = 1;
    });
}
