/** `vigil match`: JSON lines in, one JSON line of matched topics out per item. */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { loadConfig } from '../config/load.ts';
import { compileTopics, DEFAULT_TOPICS_PATH, loadTopicsFile, type TopicMatch, type TopicsFile } from '../matching/index.ts';
import { warn } from './output.ts';

export interface MatchOptions {
  explain?: boolean;
  topics?: string;
  config?: string;
}

/** Topics from --topics, else from the topics of --config, else config/topics.yaml. */
export function resolveTopics(options: MatchOptions): TopicsFile {
  if (options.topics) return loadTopicsFile(options.topics);
  if (options.config) {
    const config = loadConfig(options.config);
    return { topics: config.topics, synonyms: config.synonyms };
  }
  return loadTopicsFile(DEFAULT_TOPICS_PATH);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** One output line: the item id and the topics it matched (with the explanation when asked). */
export function formatMatchLine(id: unknown, matches: TopicMatch[], explain: boolean): string {
  return JSON.stringify({
    id,
    topics: matches.map((match) => ({
      id: match.topicId,
      score: match.score,
      terms: match.terms,
      ...(explain ? { clauses: match.clauses, hits: match.hits } : {}),
    })),
  });
}

/**
 * Matches each JSON line of `path` ("-" for stdin), writes one JSON line per item to `write` and returns
 * how many items it matched. A line that is not a JSON object is reported to `report` with its number
 * and skipped: one bad line in a file of thousands should not cost the user the rest.
 */
export async function matchItemsFile(
  path: string,
  options: MatchOptions,
  write: (line: string) => void,
  report: (problem: string) => void = warn,
): Promise<number> {
  const { topics, synonyms } = resolveTopics(options);
  const matcher = compileTopics(topics, synonyms);
  const input = path === '-' ? process.stdin : createReadStream(path, 'utf8');
  const opened = new Promise<void>((resolve, reject) => {
    if (path === '-') resolve();
    input.once('open', () => resolve());
    input.once('error', (error: NodeJS.ErrnoException) => {
      reject(new Error(`cannot read ${path}: ${error.code === 'ENOENT' ? 'file not found' : error.message}`));
    });
  });
  await opened;
  let lineNumber = 0;
  let items = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    let item: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(line);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      item = parsed as Record<string, unknown>;
    } catch (error) {
      report(`${path}:${lineNumber}: expected a JSON object {"id", "title", "summary", "body"} (${(error as Error).message}); line skipped`);
      continue;
    }
    const matches = matcher.match({ title: text(item.title), summary: text(item.summary), body: text(item.body) });
    write(formatMatchLine(item.id ?? null, matches, options.explain === true));
    items += 1;
  }
  return items;
}
