/**
 * Scores config/topics.yaml and the keyword-alert baseline on the shared labelled topic sets
 * (bench/eval/topics.ts). Usage: npm run eval:topics [-- --errors] [-- <shared eval dir>]
 * --errors lists the default topics' mistakes on the dev part of the English files.
 * Exits 1 when a figure is below its floor.
 */
import { resolve } from 'node:path';
import { PROJECT_ROOT } from './match-eval-corpus.ts';
import { listDevMistakes } from './topic-mistakes.ts';
import { run } from './topics.ts';

const args = process.argv.slice(2);
const evalDir = resolve(args.find((arg) => !arg.startsWith('--')) ?? resolve(PROJECT_ROOT, '../shared/eval'));
const log = (line: string) => console.log(line);

const figures = await run(evalDir, log);
if (args.includes('--errors')) {
  log('');
  listDevMistakes(evalDir, log);
}
const below = figures.filter((figure) => (figure.atMost === true ? figure.value > figure.floor : figure.value < figure.floor));
for (const figure of below) log(`below the floor: ${figure.label} ${figure.value.toFixed(3)} (floor ${figure.floor.toFixed(2)})`);
if (below.length > 0) process.exitCode = 1;
