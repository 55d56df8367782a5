import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { isMap, isSeq, parseDocument, type Document } from 'yaml';
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
function loadConfigDocument(path: string): Document {
  const document = parseDocument(readText(path, 'config file'));
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

/** Appends the planned feeds to `feeds:`, written like the entries already there (one-line maps if they are). */
export function addFeedsToDocument(document: Document, add: ImportPlan['add']): void {
  let feeds = document.get('feeds');
  if (!isSeq(feeds)) {
    // `feeds:` with nothing after it is an empty list, not an error.
    if (feeds !== undefined && feeds !== null) throw new Error('"feeds" in the config is not a list');
    document.set('feeds', document.createNode([]));
    feeds = document.get('feeds');
    if (!isSeq(feeds)) throw new Error('could not create the "feeds" list');
  }
  const flow = feeds.items.length > 0 && feeds.items.every((item) => isMap(item) && item.flow === true);
  for (const feed of add) {
    const node = document.createNode({ id: feed.id, name: feed.name, url: feed.url });
    if (flow && isMap(node)) node.flow = true;
    feeds.items.push(node);
  }
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
      const document = loadConfigDocument(path);
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
      addFeedsToDocument(document, plan.add);
      writeFileSync(path, document.toString());
      print(`added ${plan.add.length} feed(s) to ${path}; check it with: vigil config check`);
    });

  feeds
    .command('export')
    .description('print the configured feeds as OPML 2.0')
    .action((_options: unknown, command: Command) => {
      const path = configPath(command);
      const list = configuredFeeds(loadConfigDocument(path), path);
      process.stdout.write(serialiseOpml('vigil feeds', list.map((feed) => ({ title: feed.name ?? feed.id, xmlUrl: feed.url }))));
    });
}
