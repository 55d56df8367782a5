import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The real `vigil` bin, as an operator runs it. */
function vigil(args: string[]) {
  const result = spawnSync(process.execPath, ['bin/vigil.mjs', ...args], {
    encoding: 'utf8',
    env: { ...process.env, VIGIL_LOG_LEVEL: 'silent', VIGIL_REDIS_URL: '' },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function writeConfig(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'vigil-hostile-')), name);
  writeFileSync(path, text);
  return path;
}

describe('a config with typos and impossible settings', () => {
  const path = writeConfig(
    'typos.yaml',
    `feedz:
  - { id: f, url: "https://example.org/feed" }
http:
  allowPrivateNetwork: true
mail:
  transprot: smtp
retention:
  seen: 1e20
defaults:
  interval: 10s
topics:
  - { id: a, name: A, query: "(escape AND prison" }
  - { id: b, name: B, query: jailbreak }
  - { id: c, name: C, query: "@nowhere" }
groups:
  - { id: g, to: [a@example.org], schedule: { cron: "61 25 * * *", tz: Mars/Olympus } }
  - { id: h, to: [a@example.org], schedule: { cron: "every day" } }
`,
  );

  it('is refused by config check with every problem at once, each naming its key (exit 2)', () => {
    const { code, stdout, stderr } = vigil(['config', 'check', '--config', path]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const problems = stderr
      .split('\n')
      .filter((line) => line.startsWith('  - '))
      .map((line) => line.slice(4));
    for (const expected of [
      /^feedz: unknown key; did you mean "feeds"\?$/,
      /^http\.allowPrivateNetwork: unknown key; did you mean "allowPrivateNetworks"\?$/,
      /^mail\.transprot: unknown key; did you mean "transport"\?$/,
      /^retention\.seen: expected at most 36500d/,
      /^defaults\.interval: expected at least 1m, got 10s/,
      /^groups\[0\]\.schedule\.cron: "61 25 \* \* \*" is not a valid cron pattern/,
      /^groups\[0\]\.schedule\.tz: unknown time zone "Mars\/Olympus"/,
      /^groups\[1\]\.schedule\.cron: "every day" is not a cron pattern/,
      /^topics\[0\]\.query: position 18: expected "\)"/,
      /^topics\[2\]\.query: position 0: .*"@nowhere" is not defined/,
    ]) {
      expect(
        problems.some((problem) => expected.test(problem)),
        `${expected} in\n${stderr}`,
      ).toBe(true);
    }
    expect(problems).toHaveLength(10);
  });

  it('stops the worker before it touches Redis, instead of a worker that starts and never schedules', () => {
    const { code, stderr } = vigil(['worker', '--config', path]);
    expect(code).toBe(2);
    expect(stderr).toContain('groups[0].schedule.tz: unknown time zone "Mars/Olympus"');
  });
});

describe('a YAML alias bomb', () => {
  it('names the file and exits 2, quickly', () => {
    const levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let level = 1; level < 9; level += 1) {
      levels.push(
        `${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + level)}`)
          .join(', ')}]`,
      );
    }
    const path = writeConfig('laughs.yaml', `${levels.join('\n')}\ntopics:\n  - { id: a, name: A, query: x }\n`);
    const started = Date.now();
    const { code, stderr } = vigil(['config', 'check', '--config', path]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${path}: invalid configuration`);
    expect(stderr).toMatch(/YAML: too many aliases/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
