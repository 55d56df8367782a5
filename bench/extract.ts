/**
 * Article extraction: vigil's extractor against the anchor, Readability.js on linkedom, over
 * the 181 pages of the shared benchmark. Each round runs each extractor in its own child process
 * (alternating which goes first), so peak RSS is measured per extractor. Quality is scored with
 * the shared scorer; speed is the median pages/s over rounds.
 * Usage: npm run bench:extract [-- --rounds 5]
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadScorer, loadPages, type ScoreResult } from './extract-eval.ts';
import type { WorkerReport } from './extract-worker.ts';
import { median } from './lib/stats.ts';

const ROUNDS = Math.max(1, Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 5);
const WORKER = fileURLToPath(new URL('./extract-worker.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NAMES = ['vigil', 'readability'] as const;
type Name = (typeof NAMES)[number];
const LABEL: Record<Name, string> = { vigil: 'vigil', readability: 'Readability.js + linkedom' };

function runWorker(name: Name): Promise<WorkerReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, '--extractor', name], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`${name} worker exited with code ${code}`));
        return;
      }
      try {
        resolve(JSON.parse(out) as WorkerReport);
      } catch (error) {
        reject(new Error(`${name} worker printed no report: ${String(error)}`));
      }
    });
  });
}

const pad = (s: string, n: number): string => s.padEnd(n);
const lpad = (s: string, n: number): string => s.padStart(n);

async function main(): Promise<void> {
  const { score, bootstrap } = await loadScorer();
  const { truth, pages } = await loadPages();
  const reports: Record<Name, WorkerReport[]> = { vigil: [], readability: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? NAMES : [...NAMES].reverse();
    for (const name of order) {
      const report = await runWorker(name);
      reports[name].push(report);
      console.error(`round ${round + 1}/${ROUNDS} ${pad(name, 12)} ${report.pagesPerSec.toFixed(1)} pages/s, max RSS ${report.maxRssMiB.toFixed(0)} MiB`);
    }
  }

  const results = {} as Record<Name, ScoreResult>;
  for (const name of NAMES) {
    const first = reports[name][0];
    if (first === undefined) throw new Error(`no report for ${name}`);
    results[name] = score(truth, new Map(Object.entries(first.preds)));
  }
  const boot = bootstrap(results.vigil.docs, 1000, 1);
  const speed = (name: Name): number => median(reports[name].map((r) => r.pagesPerSec));
  const range = (name: Name): string => {
    const v = reports[name].map((r) => r.pagesPerSec);
    return `${Math.min(...v).toFixed(0)}–${Math.max(...v).toFixed(0)}`;
  };
  const rss = (name: Name): number => Math.max(...reports[name].map((r) => r.maxRssMiB));
  const rssBefore = (name: Name): number => median(reports[name].map((r) => r.rssBeforeMiB));
  const ratios = reports.vigil.map((r, i) => r.pagesPerSec / (reports.readability[i]?.pagesPerSec ?? Number.NaN));

  console.log(`\nArticle extraction, ${pages.length} pages of the shared benchmark, ${ROUNDS} rounds, Node ${process.version}`);
  console.log(
    `${pad('extractor', 27)}${lpad('F1', 7)}${lpad('P', 8)}${lpad('R', 8)}${lpad('pages/s', 10)}${lpad('(range)', 11)}${lpad('median ms', 11)}${lpad('peak RSS', 10)}${lpad('RSS idle', 10)}${lpad('errors', 8)}`,
  );
  for (const name of NAMES) {
    const r = results[name];
    console.log(
      `${pad(LABEL[name], 27)}${lpad(r.f1.toFixed(4), 7)}${lpad(r.precision.toFixed(4), 8)}${lpad(r.recall.toFixed(4), 8)}` +
        `${lpad(speed(name).toFixed(1), 10)}${lpad(range(name), 11)}${lpad(median(reports[name].map((x) => x.medianMs)).toFixed(2), 11)}` +
        `${lpad(`${rss(name).toFixed(0)} MiB`, 10)}${lpad(`${rssBefore(name).toFixed(0)} MiB`, 10)}${lpad(String(reports[name][0]?.errors ?? 0), 8)}`,
    );
  }
  console.log(`\nvigil F1 ${results.vigil.f1.toFixed(4)}, 95% bootstrap interval ${boot.f1.lo.toFixed(4)}–${boot.f1.hi.toFixed(4)} (1000 resamples, seed 1)`);
  console.log(
    `speed ratio vigil / Readability: ${(speed('vigil') / speed('readability')).toFixed(2)}× (median of medians; per-round ratios ${ratios.map((x) => x.toFixed(2)).join(', ')})`,
  );
  console.log(
    `peak RSS vigil / Readability: ${rss('vigil').toFixed(0)} / ${rss('readability').toFixed(0)} MiB (max over rounds; each extractor in its own process, pages loaded before timing)`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
