/**
 * `npm run eval`: vigil's quality gates over the shared corpora (not part of the repository).
 * Each section prints its tables, then every figure beside its floor; exit 1 when one is below,
 * 2 with one line when the corpora are absent. Usage: npm run eval [-- section ...]
 */
import { CorpusMissingError, evalDir } from './corpora.ts';
import { type EvalFigure, type EvalSection, formatFigure, passes } from './figure.ts';

const SECTIONS: Record<string, () => Promise<EvalSection>> = {
  feeds: async () => (await import('./feeds.ts')).run,
  extraction: async () => (await import('../extract/eval.ts')).run,
  topics: async () => (await import('./topics.ts')).run,
};

const asked = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const unknown = asked.filter((name) => !(name in SECTIONS));
if (unknown.length > 0) {
  console.error(`npm run eval: unknown section ${unknown.join(', ')} (sections: ${Object.keys(SECTIONS).join(', ')})`);
  process.exit(2);
}
const root = evalDir();
const figures: EvalFigure[] = [];
try {
  for (const name of asked.length > 0 ? asked : Object.keys(SECTIONS)) {
    console.log(`\n== ${name}`);
    const section = await SECTIONS[name]?.();
    if (section) figures.push(...(await section(root, (line) => console.log(line))));
  }
} catch (error) {
  if (!(error instanceof CorpusMissingError)) throw error;
  console.error(error.message);
  process.exit(2);
}
console.log('\n== figures and floors');
for (const figure of figures) console.log(formatFigure(figure));
const failing = figures.filter((figure) => !passes(figure));
console.log(`\n${figures.length - failing.length} passed, ${failing.length} failed`);
if (failing.length > 0) process.exitCode = 1;
