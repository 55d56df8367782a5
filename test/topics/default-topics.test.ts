import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileTopics, loadTopicsFile } from '../../src/matching/index.ts';

/**
 * The default topics (config/topics.yaml) on hand-written items, each labelled from the topic
 * definitions: the kinds of story a keyword matcher gets wrong (a surname, an Omani district,
 * another man named Baghdadi, migrant returnees and deportations, a freed hostage, legal words,
 * a gang called terrorist, a background mention, refugees) and positives written with the
 * spellings the lists must cover (al-Hawl, Hasaka, Daech, ISIS-K, IS-K).
 */
interface LabelledFixture {
  id: string;
  topics: string[];
  why: string;
  title: string;
  summary: string;
  body: string;
}

const fixtures = readFileSync(new URL('./fixtures/default-topics.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as LabelledFixture);

const { topics, synonyms } = loadTopicsFile('config/topics.yaml');
const matcher = compileTopics(topics, synonyms);

describe('default topics on hand-written items', () => {
  it('has positives for every topic and more negatives than positives', () => {
    for (const topic of topics) {
      expect(fixtures.filter((fixture) => fixture.topics.includes(topic.id)).length, topic.id).toBeGreaterThanOrEqual(2);
    }
    expect(fixtures.filter((fixture) => fixture.topics.length === 0).length).toBeGreaterThan(fixtures.length / 2);
  });

  it.each(fixtures.map((fixture) => [fixture.id, fixture] as const))('%s', (_id, fixture) => {
    const matches = matcher.match({ title: fixture.title, summary: fixture.summary, body: fixture.body });
    const explained = matches.map((match) => `${match.topicId} (score ${match.score}): ${match.clauses.join('; ')}`).join('\n');
    expect(matches.map((match) => match.topicId).sort(), `${fixture.why}\n${explained}`).toEqual([...fixture.topics].sort());
  });

  it('sets a minimum score above the default for every topic', () => {
    for (const topic of topics) expect(topic.minScore, topic.id).toBeGreaterThan(1);
  });
});
