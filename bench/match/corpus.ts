/**
 * Deterministic synthetic articles and topics for bench/match/throughput.ts.
 *
 * Articles: ~400 words (title, summary, body in paragraphs) drawn from a Zipf-distributed vocabulary
 * of invented words, with capitalised sentence starts, punctuation, hyphenated compounds,
 * apostrophes and recurring collocations, so tokenising and phrase matching do realistic work.
 * Topics: AND of OR-groups over mid-frequency words, prefix wildcards, phrases (collocations) and
 * NEAR, with some NOT, field scopes and synonym lists, like analysts' topics.
 */
import type { TopicConfig } from '../../src/config/schema.ts';
import type { MatchInput } from '../../src/matching/types.ts';
import { seededRandom } from '../lib/seeded-random.ts';

const SYLLABLES = [
  'ka',
  'ro',
  'ma',
  'li',
  'ten',
  'sa',
  'vor',
  'di',
  'ne',
  'tal',
  'mu',
  'ri',
  'sen',
  'po',
  'lar',
  'ga',
  'fe',
  'ni',
  'dor',
  'bu',
  'shi',
  'ke',
  'lon',
  'ta',
  've',
  'mi',
  'ran',
  'zo',
  'hel',
  'qua',
];

export interface Vocabulary {
  words: string[];
  /** The words analysts write topics with: a domain subset of the middle and tail of the vocabulary. */
  domain: string[];
  /** Cumulative Zipf weights for sampling by rank. */
  cumulative: Float64Array;
  collocations: Array<[string, string]>;
}

export function buildVocabulary(size = 30_000, seed = 1): Vocabulary {
  const next = seededRandom(seed);
  const seen = new Set<string>();
  const words: string[] = [];
  while (words.length < size) {
    const syllables = 1 + Math.floor(next() * 4);
    let word = '';
    for (let index = 0; index < syllables; index += 1) word += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
    if (word.length < 2 || seen.has(word)) continue;
    seen.add(word);
    words.push(word);
  }
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let rank = 0; rank < size; rank += 1) {
    total += 1 / (rank + 1) ** 1.07;
    cumulative[rank] = total;
  }
  for (let rank = 0; rank < size; rank += 1) cumulative[rank] = (cumulative[rank] as number) / total;
  const collocations: Array<[string, string]> = [];
  for (let index = 0; index < 2000; index += 1) {
    collocations.push([words[100 + Math.floor(next() * 5000)] as string, words[100 + Math.floor(next() * 5000)] as string]);
  }
  const domain: string[] = [];
  for (let index = 0; index < 4000; index += 1) domain.push(words[300 + Math.floor(next() * 15_000)] as string);
  return { words, domain, cumulative, collocations };
}

function sampleWord(vocabulary: Vocabulary, next: () => number): string {
  const target = next();
  let low = 0;
  let high = vocabulary.cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((vocabulary.cumulative[middle] as number) < target) low = middle + 1;
    else high = middle;
  }
  return vocabulary.words[low] as string;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function sentence(vocabulary: Vocabulary, next: () => number, length: number): string {
  const out: string[] = [];
  while (out.length < length) {
    const roll = next();
    if (roll < 0.04) {
      const pair = vocabulary.collocations[Math.floor(next() * vocabulary.collocations.length)] as [string, string];
      out.push(pair[0], pair[1]);
    } else if (roll < 0.06) {
      out.push(`${sampleWord(vocabulary, next)}-${sampleWord(vocabulary, next)}`);
    } else if (roll < 0.08) {
      out.push(`${capitalise(sampleWord(vocabulary, next))}'s`);
    } else if (roll < 0.13) {
      out.push(capitalise(sampleWord(vocabulary, next)));
    } else {
      out.push(sampleWord(vocabulary, next));
    }
    if (next() < 0.07 && out.length < length - 1) out[out.length - 1] += ',';
  }
  out[0] = capitalise(out[0] as string);
  return `${out.join(' ')}.`;
}

export function generateArticles(count: number, vocabulary: Vocabulary, seed = 7): MatchInput[] {
  const next = seededRandom(seed);
  const articles: MatchInput[] = [];
  for (let index = 0; index < count; index += 1) {
    const title = sentence(vocabulary, next, 7 + Math.floor(next() * 6)).slice(0, -1);
    const summary = sentence(vocabulary, next, 22 + Math.floor(next() * 14));
    const paragraphs: string[] = [];
    let words = 0;
    const bodyWords = 330 + Math.floor(next() * 140);
    while (words < bodyWords) {
      const sentences: string[] = [];
      const count = 2 + Math.floor(next() * 3);
      for (let s = 0; s < count; s += 1) {
        const length = 12 + Math.floor(next() * 16);
        sentences.push(sentence(vocabulary, next, length));
        words += length;
      }
      paragraphs.push(sentences.join(' '));
    }
    articles.push({ title, summary, body: `${capitalise(sampleWord(vocabulary, next)).toUpperCase()} - ${paragraphs.join('\n\n')}` });
  }
  return articles;
}

/** Topic words come from the domain vocabulary: telling words, shared between topics of one deployment. */
function topicTerm(vocabulary: Vocabulary, next: () => number): string {
  const roll = next();
  const word = vocabulary.domain[Math.floor(next() * vocabulary.domain.length)] as string;
  if (roll < 0.2) {
    const pair = vocabulary.collocations[Math.floor(next() * vocabulary.collocations.length)] as [string, string];
    return `"${pair[0]} ${pair[1]}"`;
  }
  if (roll < 0.35 && word.length >= 6) return `${word.slice(0, Math.max(5, word.length - 2))}*`;
  return word;
}

function group(vocabulary: Vocabulary, next: () => number): string {
  const size = 2 + Math.floor(next() * 4);
  const terms: string[] = [];
  for (let index = 0; index < size; index += 1) terms.push(topicTerm(vocabulary, next));
  return `(${terms.join(' OR ')})`;
}

export interface GeneratedTopics {
  topics: TopicConfig[];
  synonyms: Record<string, string[]>;
}

export function generateTopics(count: number, vocabulary: Vocabulary, seed = 11): GeneratedTopics {
  const next = seededRandom(seed);
  const synonyms: Record<string, string[]> = {};
  for (let index = 0; index < 20; index += 1) {
    const entries: string[] = [];
    for (let entry = 0; entry < 6; entry += 1) entries.push(topicTerm(vocabulary, next).replaceAll('"', ''));
    synonyms[`list-${index}`] = entries;
  }
  const topics: TopicConfig[] = [];
  for (let index = 0; index < count; index += 1) {
    const clauses: string[] = [];
    const roll = next();
    if (roll < 0.3) clauses.push(`${group(vocabulary, next)} NEAR/${5 + Math.floor(next() * 10)} ${group(vocabulary, next)}`);
    else if (roll < 0.45) clauses.push(`@list-${Math.floor(next() * 20)}`);
    else clauses.push(group(vocabulary, next));
    clauses.push(next() < 0.25 ? `title:${group(vocabulary, next)} OR ${group(vocabulary, next)}` : group(vocabulary, next));
    if (next() < 0.3) clauses.push(group(vocabulary, next));
    if (next() < 0.2) clauses.push(`NOT ${topicTerm(vocabulary, next)}`);
    topics.push({
      id: `topic-${index}`,
      name: `Topic ${index}`,
      query: clauses.map((clause) => (clause.includes(' OR ') && !clause.startsWith('(') ? `(${clause})` : clause)).join(' AND '),
      exclude: next() < 0.1 ? topicTerm(vocabulary, next) : undefined,
      minScore: 1,
    });
  }
  return { topics, synonyms };
}
