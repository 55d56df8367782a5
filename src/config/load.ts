import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from './errors.ts';
import { configSchema, topicSchema, type TopicConfig, type VigilConfig } from './schema.ts';
import { topicQueryProblems } from './topic-queries.ts';
import { knownKeysAt, unknownKeyMessage } from './unknown-keys.ts';

export { DEFAULT_CONFIG_PATH } from './default-path.ts';
import { DEFAULT_CONFIG_PATH } from './default-path.ts';

/** Environment variables that override the file, so secrets and deployment details stay out of it. */
function applyEnvOverrides(raw: Record<string, unknown>, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const section = (name: string): Record<string, unknown> => ({ ...((raw[name] as Record<string, unknown> | undefined) ?? {}) });
  const redis = section('redis');
  if (env.VIGIL_REDIS_URL) redis.url = env.VIGIL_REDIS_URL;
  const mail = section('mail');
  if (env.VIGIL_MAIL_TRANSPORT) mail.transport = env.VIGIL_MAIL_TRANSPORT;
  if (env.VIGIL_OUTBOX_DIR) mail.outboxDir = env.VIGIL_OUTBOX_DIR;
  if (env.VIGIL_SMTP_HOST || env.VIGIL_SMTP_PORT) {
    const smtp = { ...((mail.smtp as Record<string, unknown> | undefined) ?? {}) };
    if (env.VIGIL_SMTP_HOST) smtp.host = env.VIGIL_SMTP_HOST;
    if (env.VIGIL_SMTP_PORT) smtp.port = Number(env.VIGIL_SMTP_PORT);
    mail.smtp = smtp;
  }
  return { ...raw, redis, mail };
}

/** `topics[2].query` style path, the way users find the key in their YAML. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(top level)';
}

/** One line per problem; an unknown key gets its own line, its full path and the key it most likely meant. */
export function describeIssues(error: z.ZodError, schema: z.ZodType = configSchema): string[] {
  return error.issues.flatMap((issue) => {
    if (issue.code !== 'unrecognized_keys') return [`${formatIssuePath(issue.path)}: ${issue.message}`];
    const known = knownKeysAt(schema, issue.path);
    return issue.keys.map((key) => `${formatIssuePath([...issue.path, key])}: ${unknownKeyMessage(key, known)}`);
  });
}

/**
 * The topics (by position) and synonyms that are valid on their own, so their queries can be checked
 * in the same run as the rest of the config even when other keys are wrong.
 */
function checkableTopics(raw: Record<string, unknown>): { topics: (TopicConfig | undefined)[]; synonyms: Record<string, string[]> } | null {
  const synonyms = configSchema.shape.synonyms.safeParse(raw.synonyms);
  if (!synonyms.success || !Array.isArray(raw.topics)) return null;
  const topics = raw.topics.map((topic: unknown) => {
    const parsed = topicSchema.safeParse(topic);
    return parsed.success ? parsed.data : undefined;
  });
  return { topics, synonyms: synonyms.data };
}

/** Validates an already-parsed config object (from YAML or built in code), topic queries included. */
export function parseConfig(raw: unknown, source = 'config', env: NodeJS.ProcessEnv = process.env, earlierProblems: string[] = []): VigilConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(source, [...earlierProblems, '(top level): expected a mapping with at least a "topics" key']);
  }
  const result = configSchema.safeParse(applyEnvOverrides(raw as Record<string, unknown>, env));
  const problems = [...earlierProblems, ...(result.success ? [] : describeIssues(result.error))];
  const checkable = result.success ? result.data : checkableTopics(raw as Record<string, unknown>);
  if (checkable) problems.push(...topicQueryProblems(checkable.topics, checkable.synonyms));
  if (!result.success || problems.length > 0) throw new ConfigError(source, problems);
  return result.data;
}

/** Aliases a config may expand; a handful are normal, thousands are an attack on the parser. */
const MAX_YAML_ALIASES = 100;

/** Parses YAML text into plain data; syntax errors name the line and column. */
export function parseYaml(text: string, source: string): unknown {
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    throw new ConfigError(
      source,
      document.errors.map((error) => {
        const where = error.linePos?.[0];
        return `${where ? `line ${where.line}, column ${where.col}` : 'YAML'}: ${error.message.split('\n')[0]}`;
      }),
    );
  }
  try {
    // yaml refuses to expand more than maxAliasCount aliases (a "billion laughs" document).
    return document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    throw new ConfigError(source, [`YAML: too many aliases (*name) to expand (${error.message}); a config needs few, write the values out instead`]);
  }
}

/** Reads and parses a YAML file; a missing or unreadable file is a ConfigError naming its full path. */
export function readYamlFile(path: string, source: string): unknown {
  const fullPath = resolve(path);
  let text: string;
  try {
    text = readFileSync(fullPath, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new ConfigError(source, [`cannot read ${fullPath}: ${reason}`]);
  }
  return parseYaml(text, source);
}

function asMapping(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

const TOPICS_FILE_KEYS = ['synonyms', 'topics'];

/**
 * `topicsFile: topics.yaml` (relative to the config file) brings in shared `synonyms` and `topics`,
 * so several configs use one set of topic definitions; topics written inline are added after them.
 */
function includeTopicsFile(raw: Record<string, unknown>, configDir: string, source: string): { raw: Record<string, unknown>; problems: string[] } {
  const { topicsFile, ...rest } = raw;
  if (topicsFile === undefined) return { raw, problems: [] };
  if (typeof topicsFile !== 'string' || topicsFile.trim() === '') {
    throw new ConfigError(source, ['topicsFile: expected the path of a YAML file with "topics" (and optionally "synonyms")']);
  }
  const included = asMapping(readYamlFile(resolve(configDir, topicsFile), `${source} → topicsFile ${topicsFile}`));
  if (!included || !Array.isArray(included.topics)) {
    throw new ConfigError(source, [`topicsFile: ${topicsFile} must hold a "topics" list`]);
  }
  const inlineTopics = Array.isArray(rest.topics) ? rest.topics : [];
  const problems = Object.keys(included)
    .filter((key) => !TOPICS_FILE_KEYS.includes(key))
    .map((key) => `topicsFile ${topicsFile}: ${key}: ${unknownKeyMessage(key, TOPICS_FILE_KEYS)}`);
  return {
    raw: {
      ...rest,
      synonyms: { ...(asMapping(included.synonyms) ?? {}), ...(asMapping(rest.synonyms) ?? {}) },
      topics: [...included.topics, ...inlineTopics],
    },
    problems,
  };
}

/** Parses config YAML text; `topicsFile` is resolved against configDir. */
export function parseConfigText(text: string, source = 'config', env: NodeJS.ProcessEnv = process.env, configDir = process.cwd()): VigilConfig {
  const raw = parseYaml(text, source);
  const mapping = asMapping(raw);
  if (!mapping) return parseConfig(raw, source, env);
  const withTopics = includeTopicsFile(mapping, configDir, source);
  return parseConfig(withTopics.raw, source, env, withTopics.problems);
}

export function loadConfig(path = DEFAULT_CONFIG_PATH, env: NodeJS.ProcessEnv = process.env): VigilConfig {
  const raw = readYamlFile(path, path);
  const mapping = asMapping(raw);
  if (!mapping) return parseConfig(raw, path, env);
  const withTopics = includeTopicsFile(mapping, dirname(resolve(path)), path);
  return parseConfig(withTopics.raw, path, env, withTopics.problems);
}
