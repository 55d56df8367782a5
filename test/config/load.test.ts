import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.ts';
import { loadConfig, parseConfigText } from '../../src/config/load.ts';

const minimal = `
topics:
  - id: escapes
    name: Detainee escapes
    query: jailbreak
`;

function problemsOf(text: string): string[] {
  try {
    parseConfigText(text, 'test.yaml', {});
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected the config to be rejected');
}

describe('config loading', () => {
  it('fills defaults for a minimal config', () => {
    const config = parseConfigText(minimal, 'test.yaml', {});
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.redis.prefix).toBe('{vigil}');
    expect(config.defaults.interval).toBe(15 * 60_000);
    expect(config.mail.transport).toBe('outbox');
    expect(config.topics[0]?.minScore).toBe(1);
  });

  it('names the key path and what was expected', () => {
    const problems = problemsOf(`
topics:
  - id: a
    name: A
    query: x
  - id: b
    name: B
    query: ""
`);
    expect(problems).toEqual(['topics[1].query: expected a non-empty string']);
  });

  it('rejects bad durations', () => {
    const problems = problemsOf(`
feeds:
  - { id: f, url: "https://example.org/feed", interval: "soon" }
${minimal.trim()}
`);
    expect(problems).toEqual(['feeds[0].interval: expected a duration such as "15m", "6h" or "90d", got "soon"']);
  });

  it('rejects unknown topic references and duplicate ids', () => {
    const problems = problemsOf(`
feeds:
  - { id: f, url: "https://example.org/feed" }
  - { id: f, url: "https://example.org/other" }
${minimal.trim()}
groups:
  - { id: g, to: [a@example.org], topics: [nope] }
`);
    expect(problems).toContain('feeds[1].id: duplicate id "f"');
    expect(problems.some((p) => p.startsWith('groups[0].topics[0]: unknown topic "nope"'))).toBe(true);
  });

  it('reports YAML syntax errors with a line number', () => {
    const problems = problemsOf('topics: [\n  - id: x\n');
    expect(problems[0]).toMatch(/^line \d+, column \d+:/);
  });

  it('lets the environment override the Redis URL', () => {
    const config = parseConfigText(minimal, 'test.yaml', { VIGIL_REDIS_URL: 'redis://10.1.2.3:6380' });
    expect(config.redis.url).toBe('redis://10.1.2.3:6380');
  });

  it('brings topics and synonyms in from topicsFile, adding inline topics after them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-config-'));
    writeFileSync(join(dir, 'shared-topics.yaml'), 'synonyms:\n  is: [ISIS, Daesh]\ntopics:\n  - { id: shared, name: Shared, query: "@is" }\n');
    writeFileSync(join(dir, 'vigil.yaml'), 'topicsFile: shared-topics.yaml\ntopics:\n  - { id: own, name: Own, query: jailbreak }\n');
    const config = loadConfig(join(dir, 'vigil.yaml'), {});
    expect(config.topics.map((topic) => topic.id)).toEqual(['shared', 'own']);
    expect(config.synonyms.is).toEqual(['ISIS', 'Daesh']);
    writeFileSync(join(dir, 'broken.yaml'), 'topicsFile: nowhere.yaml\n');
    expect(() => loadConfig(join(dir, 'broken.yaml'), {})).toThrow(/nowhere\.yaml: file not found/);
  });

  it('says which file is missing', () => {
    expect(() => loadConfig('does/not/exist.yaml', {})).toThrow(/file not found/);
  });
});
