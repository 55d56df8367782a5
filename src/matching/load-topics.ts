import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../config/errors.ts';
import { formatIssuePath } from '../config/load.ts';
import { configSchema, type TopicConfig } from '../config/schema.ts';

export const DEFAULT_TOPICS_PATH = 'config/topics.yaml';

export interface TopicsFile {
  topics: TopicConfig[];
  synonyms: Record<string, string[]>;
}

/** The `topics:` and `synonyms:` keys of the config schema, validated exactly as in the main config. */
const topicsFileSchema = z.object({
  synonyms: configSchema.shape.synonyms,
  topics: configSchema.shape.topics,
});

/** Validates already-parsed YAML/JSON with `topics:` (required) and `synonyms:` (optional). */
export function parseTopicsFile(raw: unknown, source = 'topics'): TopicsFile {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(source, ['(top level): expected a mapping with a "topics" list and optional "synonyms"']);
  }
  const result = topicsFileSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(
      source,
      result.error.issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`),
    );
  }
  const ids = result.data.topics.map((topic) => topic.id);
  const duplicates = [...new Set(ids.filter((value, index) => ids.indexOf(value) !== index))];
  if (duplicates.length > 0) {
    throw new ConfigError(source, duplicates.map((id) => `topics: duplicate id "${id}"`));
  }
  return { topics: result.data.topics, synonyms: result.data.synonyms };
}

/** Reads a topics YAML file (e.g. config/topics.yaml); errors name the file, line or key to fix. */
export function loadTopicsFile(path = DEFAULT_TOPICS_PATH): TopicsFile {
  const fullPath = resolve(path);
  let text: string;
  try {
    text = readFileSync(fullPath, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new ConfigError(path, [`cannot read ${fullPath}: ${reason} (pass --topics <file.yaml>)`]);
  }
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    throw new ConfigError(
      path,
      document.errors.map((error) => {
        const where = error.linePos?.[0];
        return `${where ? `line ${where.line}, column ${where.col}` : 'YAML'}: ${error.message.split('\n')[0]}`;
      }),
    );
  }
  return parseTopicsFile(document.toJS(), path);
}
