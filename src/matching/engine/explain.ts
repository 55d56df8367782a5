/** Score, hits and clauses of a topic whose query held: what the digest shows and `--explain` prints. */
import { excerptAround } from '../../text/excerpt.ts';
import type { MatchField, MatchHit, TopicMatch } from '../types.ts';
import { describeTree } from './describe.ts';
import type { Evaluator, HitCollector, PartHit } from './evaluate.ts';
import type { ItemState } from './item-state.ts';
import { BODY, FIELD_ORDER, type CompiledTopic, type Tree } from './tree.ts';

/**
 * Score of one hit by where it is: a term in the headline says more about the item than one in the
 * lead, and one in the lead (summary, first paragraph of the body) more than one deep in the body.
 */
export const FIELD_WEIGHTS: Readonly<Record<MatchField, number>> = { title: 3, summary: 2, body: 1 };
/** A body hit in its first paragraph weighs as much as a summary hit. */
export const BODY_LEAD_WEIGHT = 2;
/** Added for each proximity clause (NEAR, BEFORE) that held with both sides in one sentence. */
export const SAME_SENTENCE_BONUS = 1;
/** Repeats of one term in one field stop adding to the score after this many. */
export const MAX_HITS_PER_TERM_AND_FIELD = 3;
/** Characters of text shown around each hit. */
const HIT_EXCERPT_LENGTH = 120;

export function explain(topic: CompiledTopic, evaluator: Evaluator, state: ItemState): TopicMatch {
  // The hits of the whole query are those of its top-level parts that held: collect them once.
  const tree = topic.query;
  const parts = tree.kind === 'and' ? tree.children : tree.kind === 'or' ? tree.children.filter((child) => evaluator.holds(child)) : [tree];
  const partHits: PartHit[][] = [];
  const raw: PartHit[] = [];
  let closeClauses = 0;
  for (const part of parts) {
    const out: HitCollector = { hits: [], closeClauses: 0 };
    evaluator.collectHits(part, out);
    partHits.push(out.hits);
    for (const hit of out.hits) raw.push(hit);
    closeClauses += out.closeClauses;
  }
  raw.sort((a, b) => a.occurrence.field - b.occurrence.field || a.occurrence.charStart - b.occurrence.charStart);
  const texts = state.texts;
  // Places as numbers (field, start, end) and per-term counts packed 2 bits a field: no string keys.
  const span = Math.max((texts[0] as string).length, (texts[1] as string).length, (texts[2] as string).length) + 1;
  const seen = new Set<number>();
  const perTerm = new Map<string, number>();
  const hits: MatchHit[] = [];
  const terms: string[] = [];
  let score = closeClauses * SAME_SENTENCE_BONUS;
  for (const { occurrence, source } of raw) {
    const { field: fieldIndex, charStart, charEnd } = occurrence;
    const placeKey = (charStart * 3 + fieldIndex) * span + charEnd;
    if (seen.has(placeKey)) continue;
    seen.add(placeKey);
    const counts = perTerm.get(source) ?? 0;
    const count = (counts >> (fieldIndex * 2)) & 3;
    if (count >= MAX_HITS_PER_TERM_AND_FIELD) continue;
    perTerm.set(source, counts + (1 << (fieldIndex * 2)));
    const field = FIELD_ORDER[fieldIndex] as MatchField;
    const text = texts[fieldIndex] as string;
    score += fieldIndex === BODY && occurrence.start < state.leadEnd ? BODY_LEAD_WEIGHT : FIELD_WEIGHTS[field];
    const matched = text.slice(charStart, charEnd);
    if (!terms.includes(matched)) terms.push(matched);
    hits.push({ field, term: source, text: matched, snippet: excerptAround(text, charStart, charEnd, HIT_EXCERPT_LENGTH) });
  }
  return { topicId: topic.id, score, terms, hits, clauses: clauses(parts, partHits, evaluator, texts) };
}

/** The top-level conditions that held, each with the texts that satisfied it. */
function clauses(parts: Tree[], partHits: PartHit[][], evaluator: Evaluator, texts: string[]): string[] {
  const held = (tree: Tree) => evaluator.holds(tree);
  return parts.map((part, index) => {
    const byField: string[][] = [[], [], []];
    const inTextOrder = [...(partHits[index] ?? [])].sort((a, b) => a.occurrence.field - b.occurrence.field || a.occurrence.charStart - b.occurrence.charStart);
    for (const { occurrence } of inTextOrder) {
      const seen = byField[occurrence.field] as string[];
      const matched = (texts[occurrence.field] as string).slice(occurrence.charStart, occurrence.charEnd);
      if (!seen.includes(matched)) seen.push(matched);
    }
    let evidence = '';
    byField.forEach((matched, field) => {
      if (matched.length === 0) return;
      evidence += `${evidence ? '; ' : ''}${FIELD_ORDER[field]} ${matched.map((value) => JSON.stringify(value)).join(', ')}`;
    });
    const written = describeTree(part, held);
    return evidence ? `${written} ← ${evidence}` : written;
  });
}
