import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { Document, isMap, isSeq, parseDocument } from 'yaml';
import { parseOpml, planImport, serialiseOpml, type ImportPlan } from '../../feeds/opml.ts';
import { print } from '../output.ts';

const DEFAULT_CONFIG = 'config/vigil.yaml';

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new Error(`cannot read ${what} ${path}: ${reason}`);
  }
}

/** The config as a YAML document (comments, order and layout kept for writing back). */
function loadConfigText(source: string, path: string): Document {
  const document = parseDocument(source);
  const [error] = document.errors;
  if (error) throw new Error(`${path} is not valid YAML: ${error.message}; fix it first (vigil config check)`);
  return document;
}

interface ConfiguredFeed {
  id: string;
  url: string;
  name: string | null;
}

function configuredFeeds(document: Document, path: string): ConfiguredFeed[] {
  const feeds: unknown = document.toJS().feeds ?? [];
  if (!Array.isArray(feeds)) throw new Error(`${path}: "feeds" is not a list`);
  return feeds.flatMap((feed: unknown): ConfiguredFeed[] => {
    if (typeof feed !== 'object' || feed === null) return [];
    const { id, url, name } = feed as Record<string, unknown>;
    return typeof id === 'string' && typeof url === 'string' ? [{ id, url, name: typeof name === 'string' ? name : null }] : [];
  });
}

const FORMAT = { lineWidth: 0, flowCollectionPadding: true } as const;

/**
 * The config text with the planned feeds appended to `feeds:`. yaml's Document.toString()
 * re-lays out the whole file (comment columns, long flow maps folded), so when the list is a
 * non-empty block list the new entries, written like the last one (one-line maps if it is), are
 * inserted as text after it and everything else stays byte for byte. Otherwise the edited
 * document is written out whole.
 */
export function addFeedsToConfig(source: string, document: Document, add: ImportPlan['add']): string {
  const feeds = document.get('feeds');
  const entry = (feed: ImportPlan['add'][number], flow: boolean) => {
    const node = document.createNode({ id: feed.id, name: feed.name, url: feed.url });
    if (flow && isMap(node)) node.flow = true;
    return node;
  };
  const last = isSeq(feeds) && feeds.flow !== true ? feeds.items[feeds.items.length - 1] : undefined;
  if (isSeq(feeds) && last !== undefined && isMap(last) && last.range) {
    const [first] = feeds.items;
    const firstStart = isMap(first) && first.range ? first.range[0] : last.range[0];
    const lineStart = source.lastIndexOf('\n', firstStart - 1) + 1;
    const marker = source.slice(lineStart, firstStart);
    if (/^\s*-\s+$/.test(marker)) {
      const lineEnd = source.indexOf('\n', last.range[1] - 1);
      const at = lineEnd === -1 ? source.length : lineEnd + 1;
      const lines = add.map((feed) => {
        const text = new Document(entry(feed, last.flow === true)).toString(FORMAT).trimEnd();
        return `${marker}${text.replace(/\n/g, `\n${' '.repeat(marker.length)}`)}\n`;
      });
      const prefix = at === source.length && !source.endsWith('\n') ? '\n' : '';
      return `${source.slice(0, at)}${prefix}${lines.join('')}${source.slice(at)}`;
    }
  }
  if (isSeq(feeds)) {
    for (const feed of add) feeds.items.push(entry(feed, false));
  } else {
    // `feeds:` with nothing after it is an empty list, not an error.
    if (feeds !== undefined && feeds !== null) throw new Error('"feeds" in the config is not a list');
    document.set('feeds', document.createNode(add.map((feed) => ({ id: feed.id, name: feed.name, url: feed.url }))));
  }
  return document.toString(FORMAT);
}

function configPath(command: Command): string {
  return command.optsWithGlobals<{ config?: string }>().config ?? DEFAULT_CONFIG;
}

/** `vigil feeds import|export`: move subscription lists between vigil and feed readers as OPML. */
export function registerFeedsCommand(program: Command): void {
  const feeds = program.command('feeds').description('import feeds from OPML into the config, or export the configured feeds as OPML');

  feeds
    .command('import')
    .description('add the feeds of an OPML file to the config (folders flattened; feeds already configured are skipped)')
    .argument('<file.opml>', 'an OPML file exported from a feed reader')
    .option('--dry-run', 'print what would be added without changing the config')
    .action((file: string, options: { dryRun?: boolean }, command: Command) => {
      const path = configPath(command);
      const opml = parseOpml(readText(file, 'OPML file'), file);
      const source = readText(path, 'config file');
      const document = loadConfigText(source, path);
      const plan = planImport(configuredFeeds(document, path), opml);
      for (const feed of plan.add) print(`add   ${feed.id}: ${feed.name} <${feed.url}>`);
      for (const feed of plan.skipped) print(`skip  ${feed.title} <${feed.url}>: ${feed.reason}`);
      if (plan.add.length === 0) {
        print(`nothing to add to ${path}`);
        return;
      }
      if (options.dryRun) {
        print(`dry run: ${plan.add.length} feed(s) would be added to ${path}`);
        return;
      }
      const updated = addFeedsToConfig(source, document, plan.add);
      // Never write a config that no longer reads back as the feeds it had plus the new ones.
      const check = configuredFeeds(loadConfigText(updated, path), path).map((feed) => feed.id);
      const expected = [...configuredFeeds(document, path).map((feed) => feed.id), ...plan.add.map((feed) => feed.id)];
      if (check.join('\n') !== [...new Set(expected)].join('\n')) throw new Error(`could not add the feeds to ${path} safely; add them by hand`);
      writeFileSync(path, updated);
      print(`added ${plan.add.length} feed(s) to ${path}; check it with: vigil config check`);
    });

  feeds
    .command('export')
    .description('print the configured feeds as OPML 2.0')
    .action((_options: unknown, command: Command) => {
      const path = configPath(command);
      const list = configuredFeeds(loadConfigText(readText(path, 'config file'), path), path);
      process.stdout.write(serialiseOpml('vigil feeds', list.map((feed) => ({ title: feed.name ?? feed.id, xmlUrl: feed.url }))));
    });
}
