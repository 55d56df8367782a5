import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Runs the real `vigil` bin, as a user would after `npm ci`. */
function vigil(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, ['bin/vigil.mjs', ...args], {
    encoding: 'utf8',
    env: { ...process.env, VIGIL_LOG_LEVEL: 'silent', ...env },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('vigil CLI', () => {
  it('prints help listing every command', () => {
    const { code, stdout } = vigil(['--help']);
    expect(code).toBe(0);
    for (const command of ['worker', 'poll', 'digest', 'match', 'extract', 'status', 'config', 'demo', 'feed', 'mail', 'alerts']) {
      expect(stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    }
  });

  it('accepts the bundled configs', () => {
    for (const path of ['config/vigil.yaml', 'config/demo.yaml']) {
      const { code, stdout } = vigil(['config', 'check', '--config', path]);
      expect(code, stdout).toBe(0);
      expect(stdout).toContain('OK');
    }
  });

  it('rejects a malformed config naming the key and what was expected', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-cli-'));
    const path = join(dir, 'bad.yaml');
    writeFileSync(path, 'topics:\n  - { id: a, name: A, query: x }\n  - { id: b, name: B, query: "" }\nfeeds:\n  - { id: f, url: "not a url" }\n');
    const { code, stderr } = vigil(['config', 'check', '--config', path]);
    expect(code).toBe(2);
    expect(stderr).toContain('topics[1].query: expected a non-empty string');
    expect(stderr).toContain('feeds[0].url: expected an absolute http(s) URL');
  });

  it('rejects a topic query that does not parse, naming the topic and the position', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-cli-'));
    const path = join(dir, 'bad-query.yaml');
    writeFileSync(path, 'topics:\n  - { id: escapes, name: Escapes, query: "(escape AND prison" }\n');
    const { code, stderr } = vigil(['config', 'check', '--config', path]);
    expect(code).toBe(2);
    expect(stderr).toContain('topics[0].query: position 18: expected ")"');
  });

  it('warns about a lower-case near/5 in a topic query, which reads as words', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-cli-'));
    const path = join(dir, 'near.yaml');
    writeFileSync(path, 'topics:\n  - { id: escapes, name: Escapes, query: "escape near/5 prison" }\n');
    const { code, stdout } = vigil(['config', 'check', '--config', path]);
    expect(code, stdout).toBe(0);
    expect(stdout).toContain('OK (1 warning)');
    expect(stdout).toContain('warning: topics "escapes" query, position 7: "near/5" is read as the words "near 5"; operators are upper case: write NEAR/5');
  });

  it('extracts a saved page offline', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-cli-'));
    const paragraph = 'Guards at the camp said dozens of detainees had escaped during the night after an attack on the perimeter. ';
    writeFileSync(
      join(dir, 'page.html'),
      `<html><head><title>Escape</title></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Escape</h1><p>${paragraph.repeat(3)}</p><p>${paragraph.repeat(2)}</p></article><footer>© Example News</footer></body></html>`,
    );
    const single = vigil(['extract', join(dir, 'page.html')]);
    expect(single.code).toBe(0);
    expect(single.stdout).toContain('dozens of detainees had escaped');
    expect(single.stdout).not.toContain('Example News');
    const folder = vigil(['extract', dir]);
    expect(Object.keys(JSON.parse(folder.stdout) as Record<string, string>)).toEqual(['page']);
  });
});
