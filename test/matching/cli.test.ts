import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { matchItemsFile } from '../../src/cli/match-items-file.ts';
import { ConfigError } from '../../src/config/errors.ts';
import { loadTopicsFile } from '../../src/matching/index.ts';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'vigil-match-'));

const topicsFile = join(dir, 'topics.yaml');
writeFileSync(
  topicsFile,
  `synonyms:
  islamic-state: [Islamic State, "=IS", Daesh]
topics:
  - id: escapes
    name: Escapes
    query: '@islamic-state AND (escap* NEAR/6 (prison* OR camp))'
  - id: returns
    name: Returns
    query: repatriat* AND children
`,
);

const itemsFile = join(dir, 'items.jsonl');
writeFileSync(
  itemsFile,
  [
    { id: 'a', title: 'IS detainees escape prison', summary: '', body: 'Five Daesh members escaped from the prison.' },
    { id: 'b', title: 'Comet landing', summary: 'A probe landed.', body: 'Scientists cheered.' },
    { id: 'c', title: 'Children repatriated', summary: '', body: 'Belgium repatriated six children of Islamic State fighters from camps in Syria.' },
  ]
    .map((item) => JSON.stringify(item))
    .join('\n'),
);

describe('vigil match', () => {
  // Scores: title hits weigh 3, hits in the body's first paragraph 2, and a NEAR pair within one
  // sentence adds 1 (item a: 3 title + 3 lead hits + 1 = 16; item c: 2 title + 2 lead hits = 10).
  it('prints one JSON line per item with the topics that matched', async () => {
    const lines: string[] = [];
    const count = await matchItemsFile(itemsFile, { topics: topicsFile }, (line) => lines.push(line));
    expect(count).toBe(3);
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { id: 'a', topics: [{ id: 'escapes', score: 16, terms: ['IS', 'escape', 'prison', 'Daesh', 'escaped'] }] },
      { id: 'b', topics: [] },
      { id: 'c', topics: [{ id: 'returns', score: 10, terms: ['Children', 'repatriated', 'children'] }] },
    ]);
  });

  it('adds clauses and hits with --explain, run through commander in a real process', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'test/matching/fixtures/run-match.ts', 'match', itemsFile, '--explain', '--topics', topicsFile],
      {
        cwd: root,
      },
    );
    const first = JSON.parse(stdout.trim().split('\n')[0] ?? '{}') as { topics: Array<{ clauses: string[]; hits: Array<{ field: string; text: string }> }> };
    expect(first.topics[0]?.clauses).toEqual([
      '@islamic-state ← title "IS"; body "Daesh"',
      'escap* NEAR/6 (prison* OR camp) ← title "escape", "prison"; body "escaped", "prison"',
    ]);
    expect(first.topics[0]?.hits.map((hit) => `${hit.field}:${hit.text}`)).toEqual([
      'title:IS',
      'title:escape',
      'title:prison',
      'body:Daesh',
      'body:escaped',
      'body:prison',
    ]);
  });

  it('uses config/topics.yaml by default', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'test/matching/fixtures/run-match.ts', 'match', itemsFile], { cwd: root });
    const ids = stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { topics: Array<{ id: string }> }).topics.map((topic) => topic.id));
    expect(ids).toEqual([['detainee-escapes'], [], ['repatriation-policy']]);
  });

  it('names the line of a broken item and the file of broken topics', async () => {
    const broken = join(dir, 'broken.jsonl');
    writeFileSync(broken, '{"id":"x","title":"a"}\nnot json\n');
    const problems: string[] = [];
    expect(
      await matchItemsFile(
        broken,
        { topics: topicsFile },
        () => {},
        (problem) => problems.push(problem),
      ),
    ).toBe(1);
    expect(problems).toEqual([expect.stringMatching(/broken\.jsonl:2: expected a JSON object/)]);
    const badTopics = join(dir, 'bad.yaml');
    writeFileSync(badTopics, 'topics:\n  - id: x\n    query: jail\n');
    expect(() => loadTopicsFile(badTopics)).toThrow(ConfigError);
    expect(() => loadTopicsFile(badTopics)).toThrow(/topics\[0\]\.name/);
    expect(() => loadTopicsFile(join(dir, 'missing.yaml'))).toThrow(/missing\.yaml: file not found \(pass --topics <file\.yaml>\)/);
  });
});
