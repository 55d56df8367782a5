import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from './errors.ts';
import { configSchema, type VigilConfig } from './schema.ts';

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

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`);
}

/** Validates an already-parsed config object (from YAML or built in code). */
export function parseConfig(raw: unknown, source = 'config', env: NodeJS.ProcessEnv = process.env): VigilConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(source, ['(top level): expected a mapping with at least a "topics" key']);
  }
  const result = configSchema.safeParse(applyEnvOverrides(raw as Record<string, unknown>, env));
  if (!result.success) throw new ConfigError(source, describeIssues(result.error));
  return result.data;
}

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
  return document.toJS();
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

/**
 * `topicsFile: topics.yaml` (relative to the config file) brings in shared `synonyms` and `topics`,
 * so several configs use one set of topic definitions; topics written inline are added after them.
 */
function includeTopicsFile(raw: Record<string, unknown>, configDir: string, source: string): Record<string, unknown> {
  const { topicsFile, ...rest } = raw;
  if (topicsFile === undefined) return raw;
  if (typeof topicsFile !== 'string' || topicsFile.trim() === '') {
    throw new ConfigError(source, ['topicsFile: expected the path of a YAML file with "topics" (and optionally "synonyms")']);
  }
  const included = asMapping(readYamlFile(resolve(configDir, topicsFile), `${source} → topicsFile ${topicsFile}`));
  if (!included || !Array.isArray(included.topics)) {
    throw new ConfigError(source, [`topicsFile: ${topicsFile} must hold a "topics" list`]);
  }
  const inlineTopics = Array.isArray(rest.topics) ? rest.topics : [];
  return {
    ...rest,
    synonyms: { ...(asMapping(included.synonyms) ?? {}), ...(asMapping(rest.synonyms) ?? {}) },
    topics: [...included.topics, ...inlineTopics],
  };
}

/** Parses config YAML text; `topicsFile` is resolved against configDir. */
export function parseConfigText(text: string, source = 'config', env: NodeJS.ProcessEnv = process.env, configDir = process.cwd()): VigilConfig {
  const raw = parseYaml(text, source);
  const mapping = asMapping(raw);
  return parseConfig(mapping ? includeTopicsFile(mapping, configDir, source) : raw, source, env);
}

export function loadConfig(path = DEFAULT_CONFIG_PATH, env: NodeJS.ProcessEnv = process.env): VigilConfig {
  const raw = readYamlFile(path, path);
  const mapping = asMapping(raw);
  return parseConfig(mapping ? includeTopicsFile(mapping, dirname(resolve(path)), path) : raw, path, env);
}
