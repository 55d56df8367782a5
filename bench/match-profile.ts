/**
 * Focused profile target for the matcher: one topic count over the bench articles, several passes.
 * Usage: node --cpu-prof --import tsx bench/match-profile.ts [--topics 1000] [--docs 3000] [--passes 3]
 */
import { compileTopics } from '../src/matching/compile.ts';
import { buildVocabulary, generateArticles, generateTopics } from './match-corpus.ts';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const vocabulary = buildVocabulary();
const articles = generateArticles(option('docs', 3000), vocabulary);
const generated = generateTopics(option('topics', 1000), vocabulary);
const matcher = compileTopics(generated.topics, generated.synonyms);
for (let pass = 0; pass < option('passes', 3); pass += 1) {
  const started = performance.now();
  let matches = 0;
  for (const article of articles) matches += matcher.match(article).length;
  const seconds = (performance.now() - started) / 1000;
  console.log(`pass ${pass}: ${Math.round(articles.length / seconds)} docs/s, ${matches} matches`);
}
