import { z } from 'zod';
import { DEFAULT_TOPICS_PATH } from '../config/default-path.ts';
import { ConfigError } from '../config/errors.ts';
import { formatIssuePath, readYamlFile } from '../config/load.ts';
import { configSchema, type TopicConfig } from '../config/schema.ts';

export { DEFAULT_TOPICS_PATH };

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
    throw new ConfigError(
      source,
      duplicates.map((id) => `topics: duplicate id "${id}"`),
    );
  }
  return { topics: result.data.topics, synonyms: result.data.synonyms };
}

/** Reads a topics YAML file (e.g. config/topics.yaml); errors name the file, line or key to fix. */
export function loadTopicsFile(path = DEFAULT_TOPICS_PATH): TopicsFile {
  let raw: unknown;
  try {
    raw = readYamlFile(path, path);
  } catch (error) {
    // A missing topics file usually means the command ran from elsewhere: say how to point at it.
    if (!(error instanceof ConfigError) || !error.problems.some((problem) => problem.endsWith('file not found'))) throw error;
    throw new ConfigError(
      path,
      error.problems.map((problem) => (problem.endsWith('file not found') ? `${problem} (pass --topics <file.yaml>)` : problem)),
    );
  }
  return parseTopicsFile(raw, path);
}
