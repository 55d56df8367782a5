/** Edits the feeds list of a config file in place (OPML import) and reads it back out (OPML export), keeping comments and layout. */
import { readFileSync, writeFileSync } from 'node:fs';
import { Document, isMap, isSeq, parseDocument } from 'yaml';
import { parseOpml, planImport, serialiseOpml, type ImportPlan } from '../feeds/opml.ts';
import { DEFAULT_CONFIG_PATH } from './load.ts';

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

export interface ImportResult {
  plan: ImportPlan;
  /** False for a dry run, or when there was nothing to add. */
  written: boolean;
}

/** Adds the feeds of an OPML file to the config file at `path` (unless dryRun); never writes a config that does not read back. */
export function importOpmlIntoConfig(path: string, opmlFile: string, dryRun: boolean): ImportResult {
  const opml = parseOpml(readText(opmlFile, 'OPML file'), opmlFile);
  const source = readText(path, 'config file');
  const document = loadConfigText(source, path);
  const plan = planImport(configuredFeeds(document, path), opml);
  if (plan.add.length === 0 || dryRun) return { plan, written: false };
  const updated = addFeedsToConfig(source, document, plan.add);
  // Never write a config that no longer reads back as the feeds it had plus the new ones.
  const check = configuredFeeds(loadConfigText(updated, path), path).map((feed) => feed.id);
  const expected = [...configuredFeeds(document, path).map((feed) => feed.id), ...plan.add.map((feed) => feed.id)];
  if (check.join('\n') !== [...new Set(expected)].join('\n')) throw new Error(`could not add the feeds to ${path} safely; add them by hand`);
  writeFileSync(path, updated);
  return { plan, written: true };
}

/** The configured feeds of the config file at `path` as an OPML 2.0 document. */
export function exportFeedsAsOpml(path: string = DEFAULT_CONFIG_PATH): string {
  const list = configuredFeeds(loadConfigText(readText(path, 'config file'), path), path);
  return serialiseOpml(
    'vigil feeds',
    list.map((feed) => ({ title: feed.name ?? feed.id, xmlUrl: feed.url })),
  );
}
