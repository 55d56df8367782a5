import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchItemsFile } from '../../src/cli/match-items-file.ts';
import { formatPollSummary } from '../../src/cli/output.ts';
import type { PollSummary } from '../../src/jobs/on-demand.ts';
import { terminalSafe } from '../../src/text/untrusted.ts';

/** Anything a terminal would act on or reorder, raw. */
const RAW_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

describe('terminalSafe', () => {
  it('shows controls and bidi controls as visible escapes, keeping tabs and line feeds', () => {
    expect(terminalSafe('a\u001b[2Jb\rc\u009b31m\u202Egnp.exe\u061C\u2066d\te\nf')).toBe('a\\u001b[2Jb\\u000dc\\u009b31m\\u202egnp.exe\\u061c\\u2066d\te\nf');
  });

  it('keeps a JSON line valid and equal in meaning', () => {
    const value = { title: 'Escape\u202E\u009b\u2028 from prison', n: 1 };
    const safe = terminalSafe(JSON.stringify(value));
    expect(safe).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(safe)).toEqual(value);
  });
});

describe('poll summary lines', () => {
  it('cut long titles to 300 characters', () => {
    const summary: PollSummary = {
      feeds: [{ feedId: 'f', status: 'polled', items: 1, newItemKeys: ['k'] }],
      newItems: 1,
      partialItems: 0,
      matched: [{ itemKey: 'k', title: `Prison escape ${'word '.repeat(20_000)}`, url: null, partial: false, topics: [{ id: 'escapes', score: 9 }] }],
      matchedByTopic: { escapes: 1 },
      alerts: [],
      outstanding: 0,
    };
    const lines = formatPollSummary(summary, new Map([['escapes', 'Escapes']]));
    const item = lines.find((line) => line.startsWith('  • ')) ?? '';
    expect(item.length).toBeLessThan(340);
    expect(item).toMatch(/word… — escapes 9$/);
  });
});

describe('vigil match on a file with broken lines', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-match-'));
  const topics = join(dir, 'topics.yaml');
  writeFileSync(topics, 'topics:\n  - { id: escapes, name: Escapes, query: "escap* AND prison" }\n');

  it('names each broken line with its number and matches the rest', async () => {
    const items = join(dir, 'items.jsonl');
    writeFileSync(
      items,
      ['{"id":"a","title":"Detainees escape prison"}', 'not json', '[1, 2]', '', '{"id":"b","title":"Prison escape in Mongo"}', '{"id":"c","title":'].join(
        '\n',
      ),
    );
    const lines: string[] = [];
    const problems: string[] = [];
    const matched = await matchItemsFile(
      items,
      { topics },
      (line) => lines.push(line),
      (problem) => problems.push(problem),
    );
    expect(matched).toBe(2);
    expect(lines.map((line) => (JSON.parse(line) as { id: string }).id)).toEqual(['a', 'b']);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(new RegExp(`^${items.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:2: expected a JSON object`));
    expect(problems[1]).toMatch(/:3: expected a JSON object .*not an object/);
    expect(problems[2]).toMatch(/:6: expected a JSON object/);
  });
});
