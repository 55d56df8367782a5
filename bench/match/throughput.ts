/**
 * Matching throughput: documents per second at 10, 100 and 1,000 topics over the same generated
 * articles, against a naive loop that tests every topic's terms as regular expressions.
 * Usage: npm run bench:match [-- --docs 10000 --runs 5]
 */
import { compileTopics, parseQuery, type QueryNode } from '../../src/matching/index.ts';
import type { MatchInput } from '../../src/matching/types.ts';
import { buildVocabulary, generateArticles, generateTopics, type GeneratedTopics } from './corpus.ts';
import { median } from '../lib/stats.ts';
import { benchArgs } from '../lib/args.ts';

const args = benchArgs({ docs: 10_000, runs: 7, 'naive-docs': 500, 'naive-runs': 3 });

const DOCS = args.docs;
const RUNS = args.runs;
/** The naive loop is slow at 1,000 topics: it runs on a prefix of the same articles. */
const NAIVE_DOCS = args['naive-docs'];
const NAIVE_RUNS = args['naive-runs'];
const TOPIC_COUNTS = [10, 100, 1000];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

type NaiveTest = (fields: MatchInput) => boolean;

/**
 * The anchor: what a keyword alert tool does, one regular expression per term, tried topic by
 * topic. NEAR is approximated as AND (cheaper than a real proximity check, so it flatters the anchor).
 */
function naiveTopic(query: string, synonyms: Record<string, string[]>, exclude?: string): NaiveTest {
  const build = (node: QueryNode, field: keyof MatchInput | null): NaiveTest => {
    switch (node.kind) {
      case 'term': {
        const pattern = node.words.map((word) => `${escapeRegExp(word.text)}${word.prefix ? '\\w*' : '\\b'}`).join('\\W+');
        const regex = new RegExp(`\\b${pattern}`, node.words.some((word) => word.caseSensitive) ? '' : 'i');
        return field ? (input) => regex.test(input[field]) : (input) => regex.test(input.title) || regex.test(input.summary) || regex.test(input.body);
      }
      case 'synonym': {
        const tests = (synonyms[node.name] ?? []).map((entry) => build(parseQuery(entry.includes(' ') ? `"${entry}"` : entry), field));
        return (input) => tests.some((test) => test(input));
      }
      case 'and': {
        const tests = node.children.map((child) => build(child, field));
        return (input) => tests.every((test) => test(input));
      }
      case 'or': {
        const tests = node.children.map((child) => build(child, field));
        return (input) => tests.some((test) => test(input));
      }
      case 'not': {
        const test = build(node.child, field);
        return (input) => !test(input);
      }
      case 'near': {
        const left = build(node.left, field);
        const right = build(node.right, field);
        return (input) => left(input) && right(input);
      }
      case 'mentions':
        return build(node.child, field);
      case 'field':
        return build(node.child, node.field === 'lead' ? null : node.field);
    }
  };
  const include = build(parseQuery(query), null);
  const excluded = exclude ? build(parseQuery(exclude), null) : () => false;
  return (input) => include(input) && !excluded(input);
}

/** Documents per second of each run, and the number of matches (the same in every run). */
function timeRuns(runs: number, docs: number, work: () => number): { rates: number[]; matches: number } {
  const rates: number[] = [];
  let matches = 0;
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    matches = work();
    rates.push(docs / ((performance.now() - started) / 1000));
  }
  return { rates, matches };
}

const vocabulary = buildVocabulary();
const articles = generateArticles(DOCS, vocabulary);
const naiveArticles = articles.slice(0, Math.min(NAIVE_DOCS, DOCS));
const words = articles.reduce((sum, article) => sum + `${article.title} ${article.summary} ${article.body}`.split(/\s+/).length, 0);
console.log(
  `${DOCS} articles (${Math.round(words / DOCS)} words on average); medians of ${RUNS} runs (naive: ${NAIVE_RUNS} runs over the first ${naiveArticles.length} articles)\n`,
);

interface Row {
  topics: number;
  vigil: number;
  naive: number;
  vigilMatches: number;
  naiveMatches: number;
}

const setups = TOPIC_COUNTS.map((topicCount) => {
  const generated: GeneratedTopics = generateTopics(topicCount, vocabulary);
  const matcher = compileTopics(generated.topics, generated.synonyms);
  const naive = generated.topics.map((topic) => naiveTopic(topic.query, generated.synonyms, topic.exclude));
  return {
    topicCount,
    runVigil: (): number => {
      let count = 0;
      for (const article of articles) count += matcher.match(article).length;
      return count;
    },
    runNaive: (): number => {
      let count = 0;
      for (const article of naiveArticles) for (const test of naive) if (test(article)) count += 1;
      return count;
    },
  };
});

// Warm-up (JIT), then the topic counts take turns run by run, so a change in machine load hits all alike.
for (const setup of setups) setup.runVigil();
const vigilRates = setups.map(() => [] as number[]);
const vigilMatches = setups.map(() => 0);
for (let run = 0; run < RUNS; run += 1) {
  setups.forEach((setup, index) => {
    const { rates, matches } = timeRuns(1, articles.length, setup.runVigil);
    vigilRates[index]?.push(...rates);
    vigilMatches[index] = matches;
  });
}
const rows: Row[] = setups.map((setup, index) => {
  setup.runNaive();
  const anchor = timeRuns(NAIVE_RUNS, naiveArticles.length, setup.runNaive);
  return {
    topics: setup.topicCount,
    vigil: median(vigilRates[index] ?? []),
    naive: median(anchor.rates),
    vigilMatches: vigilMatches[index] ?? 0,
    naiveMatches: anchor.matches,
  };
});

const base = rows[0]?.vigil ?? 1;
const format = (value: number) => Math.round(value).toLocaleString('en-US');
console.log('| topics | vigil docs/s | vs 10 topics | naive regex docs/s | vigil / naive | matches (vigil, all docs) | matches (naive, its docs) |');
console.log('|---:|---:|---:|---:|---:|---:|---:|');
for (const row of rows) {
  console.log(
    `| ${row.topics} | ${format(row.vigil)} | ${(row.vigil / base).toFixed(2)} | ${format(row.naive)} | ${(row.vigil / row.naive).toFixed(1)}× | ${format(row.vigilMatches)} | ${format(row.naiveMatches)} |`,
  );
}
const last = rows[rows.length - 1];
if (last) {
  const keeps = last.vigil / base >= 0.5;
  const beats = last.vigil / last.naive >= 10;
  console.log(
    `\nat ${last.topics} topics: keeps ${((last.vigil / base) * 100).toFixed(0)}% of 10-topic throughput (bar 50%): ${keeps ? 'ok' : 'BELOW'}; ${(last.vigil / last.naive).toFixed(1)}× naive (bar 10×): ${beats ? 'ok' : 'BELOW'}`,
  );
  if (!keeps || !beats) process.exitCode = 1;
}
