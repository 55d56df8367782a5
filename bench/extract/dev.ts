/**
 * Working view of vigil's extractor on the WCXB pages that are NOT held out (the held-out fifth,
 * ids ending in 0 or 5, is never shown here). Prints the scores, the weakest pages, and for one
 * page the truth paragraphs the extraction missed and the extracted paragraphs the truth lacks.
 * With --set extraction: the 181-page set's score (all pages, the held-out fifth and the rest) and
 * its weakest pages outside the held-out fifth.
 * Usage: node --import tsx bench/extract/dev.ts [--worst N] [--page ID] [--meta title|author|date] [--leaks] [--set extraction] [evalDir]
 */
import { DEFAULT_EVAL_DIR, isHeldOut, loadPages, readTruth, setDir, type WcxbTruth } from './corpora.ts';
import { extractWithVigil } from './extractors.ts';
import { runPass } from './pass.ts';
import { scoreExtractionSet, scoreWcxbSet } from './scoring.ts';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args.splice(i, 2)[1];
};
const worst = Number(option('--worst') ?? 25);
const pageId = option('--page');
const metaField = option('--meta');
const set = option('--set') ?? 'wcxb';
const evalDir = args.find((a) => !a.startsWith('--')) ?? DEFAULT_EVAL_DIR;

const words = (s: string | null | undefined): string[] => (s ? (s.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? []) : []);

function pageScores(pred: string, truth: string): { p: number; r: number; f: number } {
  const p = words(pred);
  const t = words(truth);
  if (t.length === 0) return p.length === 0 ? { p: 1, r: 1, f: 1 } : { p: 0, r: 0, f: 0 };
  if (p.length === 0) return { p: 0, r: 0, f: 0 };
  const bag = new Map<string, number>();
  for (const w of p) bag.set(w, (bag.get(w) ?? 0) + 1);
  let overlap = 0;
  for (const w of t) {
    const c = bag.get(w) ?? 0;
    if (c > 0) {
      overlap++;
      bag.set(w, c - 1);
    }
  }
  const P = overlap / p.length;
  const R = overlap / t.length;
  return { p: P, r: R, f: P + R > 0 ? (2 * P * R) / (P + R) : 0 };
}

if (set === 'extraction') {
  const all = loadPages(evalDir, 'extraction');
  const pass = runPass(extractWithVigil, all);
  const ids = all.map((p) => p.id);
  const heldOut = ids.filter(isHeldOut);
  const rest = ids.filter((id) => !isHeldOut(id));
  for (const [label, subset] of [
    ['all', ids],
    ['held-out fifth', heldOut],
    ['the rest', rest],
  ] as const) {
    const s = await scoreExtractionSet(evalDir, pass.preds, subset);
    console.log(`181-page set, ${label} (${s.pages}): F1 ${s.f1.toFixed(4)} P ${s.precision.toFixed(4)} R ${s.recall.toFixed(4)}`);
  }
  const truth181 = readTruth<{ articleBody: string }>(setDir(evalDir, 'extraction'));
  const rows = rest.map((id) => ({ id, ...pageScores(pass.preds.get(id)?.text ?? '', truth181[id]?.articleBody ?? '') }));
  rows.sort((a, b) => a.f - b.f);
  for (const row of rows.slice(0, worst)) console.log(`${row.id.slice(0, 12)}\tF ${row.f.toFixed(3)}\tP ${row.p.toFixed(3)}\tR ${row.r.toFixed(3)}`);
  process.exit(0);
}

const truth = readTruth<WcxbTruth>(setDir(evalDir, 'wcxb'));
if (pageId !== undefined && isHeldOut(pageId)) throw new Error(`${pageId} is in the held-out fifth; it is not shown`);
const pages = loadPages(evalDir, 'wcxb').filter((p) => !isHeldOut(p.id) && (pageId === undefined || p.id === pageId));
const pass = runPass(extractWithVigil, pages);

if (pageId !== undefined) {
  const t = truth[pageId];
  const pred = pass.preds.get(pageId);
  if (t === undefined || pred === undefined) throw new Error(`no page ${pageId}`);
  const flat = (s: string): string => words(s).join(' ');
  const predFlat = ` ${flat(pred.text)} `;
  const truthFlat = ` ${flat(t.text)} `;
  console.log(`${pageId} ${t.url}`, pageScores(pred.text, t.text));
  console.log(`title  truth: ${t.title} | got: ${pred.title}`);
  console.log(`author truth: ${t.author} | got: ${pred.byline}`);
  console.log(`date   truth: ${t.published} | got: ${pred.published}`);
  console.log('\n--- truth paragraphs missing from the extraction');
  for (const para of t.text.split(/\n+/)) if (flat(para) !== '' && !predFlat.includes(` ${flat(para)} `)) console.log(`- ${para.slice(0, 300)}`);
  console.log('\n--- extracted paragraphs not in the truth');
  for (const para of pred.text.split(/\n+/)) if (flat(para) !== '' && !truthFlat.includes(` ${flat(para)} `)) console.log(`+ ${para.slice(0, 300)}`);
} else if (args.includes('--leaks')) {
  // boilerplate ("without") snippets found in the extraction, page by page
  const flatten = (s: string): string => ` ${words(s).join(' ')} `;
  let leaked = 0;
  let all = 0;
  for (const page of pages) {
    const text = flatten(pass.preds.get(page.id)?.text ?? '');
    for (const snippet of truth[page.id]?.without ?? []) {
      all++;
      if (text.includes(flatten(snippet))) {
        leaked++;
        console.log(`${page.id}\t${snippet}`);
      }
    }
  }
  console.log(`${leaked} of ${all} boilerplate snippets leaked`);
} else if (metaField !== undefined) {
  for (const page of pages) {
    const t = truth[page.id];
    const pred = pass.preds.get(page.id);
    if (t === undefined || pred === undefined) continue;
    if (metaField === 'title' && t.title) {
      const s = pageScores(pred.title ?? '', t.title);
      if (s.f < 0.9) console.log(`${page.id}\t${t.title}\t|\t${pred.title}`);
    } else if (metaField === 'author' && t.author) {
      const got = new Set(words(pred.byline));
      if (!words(t.author).every((w) => got.has(w))) console.log(`${page.id}\t${t.author}\t|\t${pred.byline}`);
    } else if (metaField === 'date' && t.published) {
      if ((pred.published ?? '').slice(0, 10) !== t.published.slice(0, 10)) console.log(`${page.id}\t${t.published}\t|\t${pred.published}\t${t.url}`);
    }
  }
} else {
  const s = scoreWcxbSet(
    evalDir,
    pass.preds,
    pages.map((p) => p.id),
  );
  console.log(
    `dev part (${s.pages} pages): F1 ${s.f1} P ${s.precision} R ${s.recall} boilerplate ${s.boilerplateSnippets} title ${s.titleAgree} author ${s.authorAgree} date ${s.dateAgree}; ${pass.pagesPerSec.toFixed(1)} pages/s`,
  );
  const rows = pages.map((p) => ({ id: p.id, ...pageScores(pass.preds.get(p.id)?.text ?? '', truth[p.id]?.text ?? '') }));
  rows.sort((a, b) => a.f - b.f);
  for (const row of rows.slice(0, worst)) console.log(`${row.id}\tF ${row.f.toFixed(3)}\tP ${row.p.toFixed(3)}\tR ${row.r.toFixed(3)}\t${truth[row.id]?.url}`);
  const lowR = rows.filter((r) => r.r < 0.9).length;
  const lowP = rows.filter((r) => r.p < 0.9).length;
  console.log(`pages with R < 0.9: ${lowR}; with P < 0.9: ${lowP}`);
  const recallLoss = rows.reduce((n, r) => n + (1 - r.r), 0);
  const precisionLoss = rows.reduce((n, r) => n + (1 - r.p), 0);
  console.log(`total recall loss ${recallLoss.toFixed(1)} pages-worth, precision loss ${precisionLoss.toFixed(1)}`);
}
