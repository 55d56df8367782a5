import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.ts';
import { loadConfig, parseConfigText } from '../../src/config/load.ts';

const topics = `
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

function accepts(text: string): void {
  expect(() => parseConfigText(text, 'test.yaml', {})).not.toThrow();
}

describe('unknown keys', () => {
  it('names a misspelt top-level key and the known key it is closest to', () => {
    expect(problemsOf(`${topics}\nfeedz:\n  - { id: f, url: "https://example.org/feed" }\n`)).toEqual(['feedz: unknown key; did you mean "feeds"?']);
  });

  it('finds them at every level: sections, list entries, nested mappings', () => {
    const problems = problemsOf(`${topics}
http:
  allowPrivateNetwork: true
mail:
  transprot: smtp
feeds:
  - { id: f, url: "https://example.org/feed", intervall: 1h }
groups:
  - id: g
    to: [a@example.org]
    schedule: { cron: "0 7 * * *", timezone: UTC }
worker:
  concurrency: { fetchs: 4 }
`);
    expect(problems).toEqual(
      expect.arrayContaining([
        'http.allowPrivateNetwork: unknown key; did you mean "allowPrivateNetworks"?',
        'mail.transprot: unknown key; did you mean "transport"?',
        'feeds[0].intervall: unknown key; did you mean "interval"?',
        'groups[0].schedule.timezone: unknown key (known keys: cron, tz)',
        'worker.concurrency.fetchs: unknown key; did you mean "fetch"?',
      ]),
    );
    expect(problems).toHaveLength(5);
  });

  it('checks the topics of a topicsFile and its own top-level keys', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-config-'));
    writeFileSync(join(dir, 'shared.yaml'), 'synonym:\n  is: [ISIS]\ntopics:\n  - { id: a, name: A, query: x, minscore: 2 }\n');
    writeFileSync(join(dir, 'vigil.yaml'), 'topicsFile: shared.yaml\n');
    let problems: string[] = [];
    try {
      loadConfig(join(dir, 'vigil.yaml'), {});
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([
      'topicsFile shared.yaml: synonym: unknown key; did you mean "synonyms"?',
      'topics[0].minscore: unknown key; did you mean "minScore"?',
    ]);
  });
});

describe('schedules', () => {
  it.each([
    ['61 25 * * *', /^groups\[0\]\.schedule\.cron: .*61.*0-59/],
    ['every day', /^groups\[0\]\.schedule\.cron: "every day" is not a cron pattern/],
    ['7', /^groups\[0\]\.schedule\.cron: "7" is not a cron pattern: expected 5 fields/],
    ['0 7 30 2 *', /^groups\[0\]\.schedule\.cron: /],
  ])('rejects the cron pattern %s', (cron, expected) => {
    const problems = problemsOf(`${topics}\ngroups:\n  - { id: g, to: [a@example.org], schedule: { cron: "${cron}" } }\n`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
  });

  it.each(['Mars/Olympus', 'Europe/Londres', '+05:00'])('rejects the time zone %s', (tz) => {
    expect(problemsOf(`${topics}\ngroups:\n  - { id: g, to: [a@example.org], schedule: { cron: "0 7 * * *", tz: "${tz}" } }\n`)).toEqual([
      `groups[0].schedule.tz: unknown time zone "${tz}" (expected an IANA name such as "Europe/London" or "UTC")`,
    ]);
  });

  it('accepts the usual patterns and zones', () => {
    accepts(`${topics}
groups:
  - { id: a, to: [a@example.org], schedule: { cron: "0 7 * * 1-5", tz: Europe/London } }
  - { id: b, to: [a@example.org], schedule: { cron: "30 6,18 * * *", tz: America/New_York } }
  - { id: c, to: [a@example.org], schedule: { cron: "0 8 * * MON", tz: Asia/Manila } }
`);
  });

  it('refuses a digest more than once a minute unless fast schedules are allowed', () => {
    const config = `${topics}\ngroups:\n  - { id: g, to: [a@example.org], schedule: { cron: "*/2 * * * * *" } }\n`;
    expect(problemsOf(config)).toEqual([
      'groups[0].schedule.cron: "*/2 * * * * *" runs more than once a minute; use 5 fields (minute hour day month weekday), or set allowFastPolling: true (tests and demos only)',
    ]);
    accepts(`allowFastPolling: true\n${config}`);
  });
});

describe('bounds', () => {
  it('keeps poll intervals at one minute or more unless allowFastPolling is set', () => {
    const config = `${topics}\ndefaults: { interval: 30s }\nfeeds:\n  - { id: f, url: "https://example.org/feed", interval: 2s }\n`;
    expect(problemsOf(config)).toEqual([
      'defaults.interval: expected at least 1m, got 30s (set allowFastPolling: true for tests and demos)',
      'feeds[0].interval: expected at least 1m, got 2s (set allowFastPolling: true for tests and demos)',
    ]);
    accepts(`allowFastPolling: true\n${config}`);
    accepts(`${topics}\nfeeds:\n  - { id: f, url: "https://example.org/feed", interval: 1m }\n`);
  });

  it('keeps the per-host delay at 100 ms or more', () => {
    expect(problemsOf(`${topics}\nhttp: { perHostDelay: 50ms }\n`)).toEqual(['http.perHostDelay: expected at least 100ms, got 50ms']);
    accepts(`${topics}\nhttp: { perHostDelay: 100ms }\n`);
  });

  it('keeps retentions within what Redis takes as an expiry', () => {
    const problems = problemsOf(`${topics}\nretention: { seen: 1e20, bodies: 99999999d }\n`);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^retention\.seen: expected at most 36500d/);
    expect(problems[1]).toMatch(/^retention\.bodies: expected at most 36500d/);
    accepts(`${topics}\nretention: { seen: 3650d }\n`);
  });
});

describe('topic queries', () => {
  it('reports every query that does not compile, each with its key path', () => {
    const problems = problemsOf(`
synonyms:
  is: [ISIS, Daesh]
topics:
  - { id: a, name: A, query: "(escape AND prison" }
  - { id: b, name: B, query: jailbreak }
  - { id: c, name: C, query: "@nowhere AND camp" }
  - { id: d, name: D, query: "camp", exclude: "NEAR/3 x" }
`);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^topics\[0\]\.query: position 18: expected "\)"/);
    expect(problems[1]).toMatch(/^topics\[2\]\.query: position 0: .*nowhere/);
    expect(problems[2]).toMatch(/^topics\[3\]\.exclude: position 0: /);
  });
});

describe('YAML alias bombs', () => {
  it('stop with a ConfigError naming the file', () => {
    const levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let level = 1; level < 9; level += 1) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }
    const dir = mkdtempSync(join(tmpdir(), 'vigil-config-'));
    const path = join(dir, 'bomb.yaml');
    writeFileSync(path, `${levels.join('\n')}\n${topics}`);
    const started = Date.now();
    expect(() => loadConfig(path, {})).toThrow(ConfigError);
    expect(() => loadConfig(path, {})).toThrow(/bomb\.yaml: invalid configuration\n {2}- YAML: too many aliases/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
