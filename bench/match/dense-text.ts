/**
 * Matching time on hostile and keyword-dense bodies against the default topics (config/topics.yaml):
 * - keyword-dense: 4 MB of prose built from the topics' own vocabulary (every synonym entry), so
 *   nearly every word fires a term and NEAR clauses find partners everywhere;
 * - hyphen phrases: "Islamic well-known at some-place no far-off " repeated to 2 MB (phrase starts
 *   followed by hyphenated compounds);
 * - near pairs: "escape prison jihadist " repeated to 2 MB (every NEAR side occurs thousands of times).
 * Each body is matched as one item (title and summary short). Prints the median wall and CPU time
 * of several runs (CPU time says more on a busy machine).
 *
 * Usage: node --import tsx bench/match/dense-text.ts [--scale 1] [--runs 3] [--read-all]
 *   --scale multiplies every body size (0.05 gives 200 KB / 100 KB bodies, for slow engines);
 *   --read-all lifts the 200,000-character limit on what matching reads, to show how time grows
 *   with the text itself.
 */
import { parseArgs } from 'node:util';
import { compileTopics, loadTopicsFile, type MatchInput } from '../../src/matching/index.ts';
import { seededRandom } from '../lib/seeded-random.ts';

const MB = 1024 * 1024;

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    runs: { type: 'string', default: '3' },
    'read-all': { type: 'boolean', default: false },
  },
});
const scale = Number(values.scale);
const runs = Number(values.runs);
if (!(scale > 0) || !(Number.isInteger(runs) && runs > 0)) {
  throw new Error('usage: bench/match/dense-text.ts [--scale <positive number>] [--runs <positive integer>]');
}

function repeatTo(unit: string, bytes: number): string {
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

const FILLER = [
  'the',
  'of',
  'and',
  'in',
  'to',
  'a',
  'said',
  'on',
  'that',
  'was',
  'for',
  'with',
  'by',
  'from',
  'at',
  'after',
  'their',
  'officials',
  'local',
  'week',
];

/** Words of every synonym entry (prefixes completed, markers dropped), mixed with common filler words. */
function denseText(synonyms: Record<string, string[]>, bytes: number): string {
  const vocabulary = Object.values(synonyms)
    .flat()
    .filter((entry) => !entry.startsWith('@') && !entry.startsWith('"@'))
    .map((entry) => entry.replace(/^=/, '').replace(/\*/g, 'ed'));
  const next = seededRandom(14);
  const paragraphs: string[] = [];
  let size = 0;
  while (size < bytes) {
    const sentences: string[] = [];
    for (let sentence = 0; sentence < 4; sentence += 1) {
      const words: string[] = [];
      const length = 10 + Math.floor(next() * 15);
      for (let word = 0; word < length; word += 1) {
        const pool = next() < 0.7 ? vocabulary : FILLER;
        words.push(pool[Math.floor(next() * pool.length)] as string);
      }
      const text = words.join(' ');
      sentences.push(`${text.charAt(0).toUpperCase()}${text.slice(1)}.`);
    }
    const paragraph = sentences.join(' ');
    paragraphs.push(paragraph);
    size += paragraph.length + 2;
  }
  return paragraphs.join('\n\n').slice(0, bytes);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const { topics, synonyms } = loadTopicsFile('config/topics.yaml');
const readAll = values['read-all'] === true;
const matcher = compileTopics(topics, synonyms, readAll ? { maxFieldChars: Number.POSITIVE_INFINITY } : {});

const bodies: Array<{ name: string; body: string }> = [
  { name: 'keyword-dense', body: denseText(synonyms, Math.round(4 * MB * scale)) },
  { name: 'hyphen phrases', body: repeatTo('Islamic well-known at some-place no far-off ', Math.round(2 * MB * scale)) },
  { name: 'near pairs', body: repeatTo('escape prison jihadist ', Math.round(2 * MB * scale)) },
];

console.log(`default topics (${topics.length}), medians of ${runs} runs, scale ${scale}, ${readAll ? 'whole bodies read' : 'first 200,000 characters read'}\n`);
console.log('| body | size | words | median ms | slowest ms | median CPU ms | topics matched |');
console.log('|---|---:|---:|---:|---:|---:|---|');
for (const { name, body } of bodies) {
  const input: MatchInput = { title: 'Prison report', summary: 'A long report.', body };
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let matched: string[] = [];
  for (let run = 0; run < runs; run += 1) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    matched = matcher.match(input).map((match) => match.topicId);
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  const words = body.split(/\s+/).length;
  console.log(
    `| ${name} | ${(body.length / MB).toFixed(2)} MB | ${words.toLocaleString('en-US')} | ${Math.round(median(times)).toLocaleString('en-US')} | ${Math.round(Math.max(...times)).toLocaleString('en-US')} | ${Math.round(median(cpuTimes)).toLocaleString('en-US')} | ${matched.join(', ') || 'none'} |`,
  );
}
