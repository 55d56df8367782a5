import { describe, expect, it } from 'vitest';
import type { TopicConfig } from '../../src/config/schema.ts';
import { compileTopics, loadTopicsFile, QueryError } from '../../src/matching/index.ts';

const TWO_MB = 2 * 1024 * 1024;

function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

function topic(id: string, query: string, extra: Partial<TopicConfig> = {}): TopicConfig {
  return { id, name: id, query, minScore: 1, ...extra };
}

/**
 * Bodies that once took minutes: phrase starts followed by hyphenated compounds (each failed
 * phrase continuation rescanned every compound), and NEAR sides repeated thousands of times (every
 * left × right pair was enumerated). Timings live in bench/match/dense-text.ts; the bound here only
 * catches a return to quadratic time.
 */
describe('hostile bodies against the default topics', () => {
  const { topics, synonyms } = loadTopicsFile('config/topics.yaml');
  const matcher = compileTopics(topics, synonyms);

  it('matches 2 MB of phrase starts and hyphenated compounds in seconds', () => {
    const started = performance.now();
    const matches = matcher.match({ title: 'Report', summary: '', body: repeatTo('Islamic well-known at some-place no far-off ', TWO_MB) });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(matches).toEqual([]);
  });

  it('matches 2 MB of repeated NEAR partners in seconds, with a bounded explanation', () => {
    const started = performance.now();
    const matches = matcher.match({ title: 'Report', summary: '', body: repeatTo('escape prison jihadist ', TWO_MB) });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(matches.map((match) => match.topicId)).toEqual(['detainee-escapes']);
    expect(matches[0]?.hits.length).toBeLessThanOrEqual(20);
  });

  it('reads only the first 200,000 characters of a field', () => {
    const single = compileTopics([topic('late', 'jailbreak')]);
    const filler = repeatTo('quiet day ', 200_000);
    expect(single.match({ title: '', summary: '', body: `${filler} jailbreak` })).toEqual([]);
    expect(single.match({ title: '', summary: '', body: `${filler.slice(0, 199_000)} jailbreak` })).toHaveLength(1);
  });

  it('keeps sentence and ordered proximity linear in one endless sentence', () => {
    const salience = compileTopics([
      topic('sentence', 'escape NEAR/SENTENCE prison'),
      topic('ordered', 'prison BEFORE/SENTENCE escape'),
      topic('mentions', 'MENTIONS/100 escape'),
    ]);
    const body = `${repeatTo('escape ', 100_000)}${repeatTo('prison ', 99_000)}`;
    const started = performance.now();
    const matches = salience.match({ title: '', summary: '', body });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(matches.map((match) => match.topicId).sort()).toEqual(['mentions', 'sentence']);
  });

  it('stays fast on a long run of all-caps words around a case-sensitive term', () => {
    const cased = compileTopics([topic('is', '=IS AND claim*')]);
    const started = performance.now();
    cased.match({ title: '', summary: '', body: `${repeatTo('1 2 3 ', 190_000)}IS claims` });
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('deeply nested queries', () => {
  it('are rejected with a position, never a stack overflow, also through synonym lists', () => {
    expect(() => compileTopics([topic('deep', `${'('.repeat(2500)}a${')'.repeat(2500)}`)])).toThrow(QueryError);
    const chain: Record<string, string[]> = {};
    for (let index = 0; index < 3000; index += 1) chain[`l${index}`] = [`@l${index + 1}`];
    chain.l3000 = ['end'];
    expect(() => compileTopics([topic('lists', '@l0')], chain)).toThrow(/synonym lists nested at most \d+ deep/);
  });
});
