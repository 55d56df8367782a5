/**
 * Extraction quality on both shared sets, vigil beside Readability.js on linkedom in the same
 * run: the 181-page set (shingle F1) and the WCXB development articles (word F1, boilerplate
 * snippets, title/author/date agreement), each WCXB figure also split into the held-out fifth and
 * the rest. Returns the figures the project holds itself to, with their floors.
 * Usage: node --import tsx bench/extract/eval.ts [evalDir]
 */
import { fileURLToPath } from 'node:url';
import { DEFAULT_EVAL_DIR, isHeldOut, loadPages, type Page } from './corpora.ts';
import { EXTRACTOR_LABEL, EXTRACTORS, type ExtractorName } from './extractors.ts';
import { runPass, type Pass } from './pass.ts';
import type { EvalFigure } from '../eval/figure.ts';
import { scoreExtractionSet, scoreWcxbSet, type ExtractionScore, type WcxbScore } from './scoring.ts';

const NAMES: readonly ExtractorName[] = ['vigil', 'readability'];

const f4 = (x: number): string => x.toFixed(4);
const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

function wcxbRow(label: string, s: WcxbScore, pagesPerSec: number | null): string {
  return `| ${label} | ${s.pages} | ${f4(s.f1)} | ${f4(s.precision)} | ${f4(s.recall)} | ${pct(s.boilerplateSnippets)} | ${pct(s.titleAgree)} | ${pct(s.authorAgree)} | ${pct(s.dateAgree)} | ${pagesPerSec === null ? '' : pagesPerSec.toFixed(1)} |`;
}

function extractionRow(label: string, s: ExtractionScore, pagesPerSec: number): string {
  return `| ${label} | ${s.pages} | ${f4(s.f1)} | ${f4(s.precision)} | ${f4(s.recall)} | ${pagesPerSec.toFixed(1)} |`;
}

function passes(pages: readonly Page[]): Record<ExtractorName, Pass> {
  const out = {} as Record<ExtractorName, Pass>;
  for (const name of NAMES) out[name] = runPass(EXTRACTORS[name], pages);
  return out;
}

function reportErrors(setLabel: string, byName: Record<ExtractorName, Pass>, log: (line: string) => void): void {
  for (const name of NAMES) {
    const errors = byName[name].errors;
    if (errors.length > 0)
      log(`${setLabel}: ${EXTRACTOR_LABEL[name]} threw on ${errors.length} pages (scored empty), first: ${errors[0]?.id} ${errors[0]?.message}`);
  }
}

export async function run(evalDir: string, log: (line: string) => void): Promise<EvalFigure[]> {
  const wcxbPages = loadPages(evalDir, 'wcxb');
  const wcxb = passes(wcxbPages);
  reportErrors('WCXB', wcxb, log);
  const allIds = wcxbPages.map((p) => p.id);
  const heldOut = allIds.filter(isHeldOut);
  const rest = allIds.filter((id) => !isHeldOut(id));
  const wcxbScores = {} as Record<ExtractorName, { all: WcxbScore; heldOut: WcxbScore; rest: WcxbScore }>;
  for (const name of NAMES) {
    const preds = wcxb[name].preds;
    wcxbScores[name] = { all: scoreWcxbSet(evalDir, preds, allIds), heldOut: scoreWcxbSet(evalDir, preds, heldOut), rest: scoreWcxbSet(evalDir, preds, rest) };
  }

  const extractionPages = loadPages(evalDir, 'extraction');
  const extraction = passes(extractionPages);
  reportErrors('181-page set', extraction, log);
  const extractionIds = extractionPages.map((p) => p.id);
  const extractionScores = {} as Record<ExtractorName, ExtractionScore>;
  for (const name of NAMES) extractionScores[name] = await scoreExtractionSet(evalDir, extraction[name].preds, extractionIds);

  log(`Article extraction, WCXB development articles (${allIds.length} pages; held out: ids ending in 0 or 5, ${heldOut.length} pages)`);
  log('| extractor | pages | word-F1 | P | R | boilerplate | title | author | date | pages/s |');
  log('|---|---|---|---|---|---|---|---|---|---|');
  for (const name of NAMES) {
    const s = wcxbScores[name];
    log(wcxbRow(EXTRACTOR_LABEL[name], s.all, wcxb[name].pagesPerSec));
    log(wcxbRow(`  held-out fifth`, s.heldOut, null));
    log(wcxbRow(`  the rest`, s.rest, null));
  }
  log('');
  log(`Article extraction, the ${extractionIds.length}-page set (4-word shingle F1)`);
  log('| extractor | pages | F1 | P | R | pages/s |');
  log('|---|---|---|---|---|---|');
  for (const name of NAMES) log(extractionRow(EXTRACTOR_LABEL[name], extractionScores[name], extraction[name].pagesPerSec));

  const v = wcxbScores.vigil.all;
  return [
    // Floors: the level reached, held against regressions; targets: where the extractor should get to.
    { label: 'extraction WCXB word-F1', value: v.f1, floor: 0.93, target: 0.94 },
    { label: 'extraction WCXB recall', value: v.recall, floor: 0.93 },
    { label: 'extraction WCXB boilerplate snippets', value: v.boilerplateSnippets, floor: 0.03, atMost: true },
    { label: 'extraction 181-page F1', value: extractionScores.vigil.f1, floor: 0.975 },
    { label: 'extraction WCXB title agreement', value: v.titleAgree, floor: 0.88, target: 0.9 },
    { label: 'extraction WCXB author agreement', value: v.authorAgree, floor: 0.8, target: 0.85 },
    { label: 'extraction WCXB date agreement', value: v.dateAgree, floor: 0.8, target: 0.85 },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const figures = await run(process.argv[2] ?? DEFAULT_EVAL_DIR, (line) => console.log(line));
  console.log('');
  let failing = 0;
  for (const f of figures) {
    const ok = f.atMost === true ? f.value <= f.floor : f.value >= f.floor;
    if (!ok) failing++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${f.label}: ${f.value.toFixed(4)} (${f.atMost === true ? '≤' : '≥'} ${f.floor})`);
  }
  if (failing > 0) process.exitCode = 1;
}
