/**
 * Focused profile target for the matcher: one topic count over the bench articles, several passes.
 * Usage: node --cpu-prof --import tsx bench/match-profile.ts [--topics 1000] [--docs 3000] [--passes 3]
 */
import { compileTopics } from '../../src/matching/compile.ts';
import { buildVocabulary, generateArticles, generateTopics } from './corpus.ts';
import { benchArgs } from '../lib/args.ts';

const args = benchArgs({ docs: 3000, topics: 1000, passes: 3 });

const vocabulary = buildVocabulary();
const articles = generateArticles(args.docs, vocabulary);
const generated = generateTopics(args.topics, vocabulary);
const matcher = compileTopics(generated.topics, generated.synonyms);
for (let pass = 0; pass < args.passes; pass += 1) {
  const started = performance.now();
  let matches = 0;
  for (const article of articles) matches += matcher.match(article).length;
  const seconds = (performance.now() - started) / 1000;
  console.log(`pass ${pass}: ${Math.round(articles.length / seconds)} docs/s, ${matches} matches`);
}
