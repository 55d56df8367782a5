/**
 * Extraction speed and memory: vigil against Readability.js on linkedom, in-process, on both
 * shared sets. Every (set, extractor) measurement runs in a child process of its own, so its peak
 * RSS is its own; rounds alternate which extractor goes first. Pages are loaded before timing and
 * only extraction is timed. Prints medians over rounds.
 * Usage: node --import tsx bench/extract/speed.ts [--rounds 3] [--passes 2] [--set wcxb|extraction] [--only vigil] [evalDir]
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DEFAULT_EVAL_DIR, loadPages, type SetName } from './corpora.ts';
import { EXTRACTOR_LABEL, EXTRACTORS, type ExtractorName } from './extractors.ts';
import { runPass } from './pass.ts';

interface ChildReport {
  pages: number;
  /** Pages/s of each timed pass (the first pass after a warm-up pass). */
  pagesPerSec: number[];
  maxRssMiB: number;
  idleRssMiB: number;
}

const SETS: readonly SetName[] = ['wcxb', 'extraction'];
const NAMES: readonly ExtractorName[] = ['vigil', 'readability'];

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args.splice(i, 2)[1];
}

/** In the child: warm up once, then time `passes` passes over the set. */
function measure(evalDir: string, set: SetName, name: ExtractorName, passes: number): ChildReport {
  const pages = loadPages(evalDir, set);
  const extract = EXTRACTORS[name];
  const idleRssMiB = process.memoryUsage.rss() / 2 ** 20;
  runPass(extract, pages.slice(0, Math.min(50, pages.length)));
  const pagesPerSec: number[] = [];
  for (let i = 0; i < passes; i++) pagesPerSec.push(runPass(extract, pages).pagesPerSec);
  return { pages: pages.length, pagesPerSec, maxRssMiB: process.resourceUsage().maxRSS / 1024, idleRssMiB };
}

function runChild(evalDir: string, set: SetName, name: ExtractorName, passes: number): Promise<ChildReport> {
  const script = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, '--child', set, name, String(passes), evalDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`${name} on ${set} exited with code ${code}`));
        return;
      }
      resolve(JSON.parse(out) as ChildReport);
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

async function main(args: string[]): Promise<void> {
  const childAt = args.indexOf('--child');
  if (childAt >= 0) {
    const [set, name, passes, evalDir] = args.slice(childAt + 1);
    process.stdout.write(JSON.stringify(measure(evalDir ?? DEFAULT_EVAL_DIR, set as SetName, name as ExtractorName, Number(passes))));
    return;
  }
  const rounds = Math.max(1, Number(option(args, '--rounds') ?? 3));
  const passes = Math.max(1, Number(option(args, '--passes') ?? 2));
  const only = option(args, '--set') as SetName | undefined;
  const onlyExtractor = option(args, '--only') as ExtractorName | undefined;
  const names = onlyExtractor === undefined ? NAMES : NAMES.filter((name) => name === onlyExtractor);
  const evalDir = args[0] ?? DEFAULT_EVAL_DIR;
  console.log(`Extraction speed, ${rounds} rounds × ${passes} timed passes, each extractor in its own process, Node ${process.version}`);
  console.log('| set | extractor | pages/s (median) | range | peak RSS | idle RSS |');
  console.log('|---|---|---|---|---|---|');
  for (const set of only === undefined ? SETS : [only]) {
    const reports: Record<ExtractorName, ChildReport[]> = { vigil: [], readability: [] };
    for (let round = 0; round < rounds; round++) {
      for (const name of round % 2 === 0 ? names : [...names].reverse()) reports[name].push(await runChild(evalDir, set, name, passes));
    }
    const speed: Record<ExtractorName, number> = { vigil: 0, readability: 0 };
    const rss: Record<ExtractorName, number> = { vigil: 0, readability: 0 };
    for (const name of names) {
      const all = reports[name].flatMap((r) => r.pagesPerSec);
      speed[name] = median(all);
      rss[name] = Math.max(...reports[name].map((r) => r.maxRssMiB));
      const idle = median(reports[name].map((r) => r.idleRssMiB));
      console.log(
        `| ${set} (${reports[name][0]?.pages ?? 0}) | ${EXTRACTOR_LABEL[name]} | ${speed[name].toFixed(1)} | ${Math.min(...all).toFixed(1)}–${Math.max(...all).toFixed(1)} | ${rss[name].toFixed(0)} MiB | ${idle.toFixed(0)} MiB |`,
      );
    }
    if (names.length === NAMES.length)
      console.log(`| ${set} | vigil / Readability | ${(speed.vigil / speed.readability).toFixed(2)}× | | ${(rss.vigil / rss.readability).toFixed(2)}× | |`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
