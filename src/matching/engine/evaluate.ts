/**
 * Evaluation of a compiled tree against the leaves that fired in one item. Positional work (NEAR)
 * runs on occurrence lists sorted by field and position, pairing each left occurrence only with the
 * right occurrences in reach, so it takes time linear in the occurrences (not their product); the
 * pairs a clause keeps and the hits a term contributes are capped, so a body that repeats a term
 * a hundred thousand times costs no more than one that repeats it a few thousand times.
 */
import type { ItemState, Occurrence } from './item-state.ts';
import type { Tree } from './tree.ts';

/** NEAR pairs kept per clause and item: news articles have tens; the cap only bounds hostile text. */
export const MAX_PAIRS_PER_CLAUSE = 1000;
/** Occurrences of one term in one field collected as hits: scoring counts at most 3 anyway. */
export const MAX_HITS_PER_LEAF_AND_FIELD = 50;

/** An occurrence with the query term (as written) that it satisfied. */
export interface PartHit {
  occurrence: Occurrence;
  source: string;
}

/** What the parts of a tree that held contributed: their hits, and how many proximity clauses had a pair within one sentence. */
export interface HitCollector {
  hits: PartHit[];
  closeClauses: number;
}

/** Where a positional subtree (term, OR of terms, NEAR) holds: a word range of one field. */
interface Span {
  field: number;
  start: number;
  end: number;
  parts: PartHit[];
}

export class Evaluator {
  /** Spans of the positional subtrees met in this item, by tree (or by synonym list and field mask). */
  private readonly spanCache = new Map<Tree | string, Span[]>();

  constructor(private readonly state: ItemState) {}

  /** Forgets the previous item. */
  reset(): void {
    this.spanCache.clear();
  }

  holds(tree: Tree): boolean {
    switch (tree.kind) {
      case 'leaf':
        return ((this.state.leafFieldMask[tree.leaf] as number) & tree.mask) !== 0;
      case 'and':
        for (const child of tree.children) if (!this.holds(child)) return false;
        return true;
      case 'or':
        for (const child of tree.children) if (this.holds(child)) return true;
        return false;
      case 'not':
        return !this.holds(tree.child);
      case 'near':
        // Cheap boolean check first: positions are only compared when both sides occur at all.
        return this.holds(tree.left) && this.holds(tree.right) && this.spans(tree).length > 0;
      case 'mentions':
        return this.holds(tree.child) && this.spans(tree).length > 0;
    }
  }

  /** Hits of the parts of the tree that made it true (a failed OR branch or a NOT adds nothing). */
  collectHits(tree: Tree, out: HitCollector): void {
    switch (tree.kind) {
      case 'leaf': {
        const perField = [0, 0, 0];
        for (const occurrence of this.state.occurrences(tree.leaf, tree.mask)) {
          const taken = perField[occurrence.field] as number;
          if (taken >= MAX_HITS_PER_LEAF_AND_FIELD) continue;
          perField[occurrence.field] = taken + 1;
          out.hits.push({ occurrence, source: tree.source });
        }
        break;
      }
      case 'and':
      case 'or':
        for (const child of tree.children) if (this.holds(child)) this.collectHits(child, out);
        break;
      case 'near': {
        const pairs = this.spans(tree);
        for (const span of pairs) out.hits.push(...span.parts);
        if (pairs.some((span) => this.state.sentenceOf(span.field, span.start) === this.state.sentenceOf(span.field, span.end))) out.closeClauses += 1;
        break;
      }
      case 'mentions':
        if (this.holds(tree)) this.collectHits(tree.child, out);
        break;
      case 'not':
        break;
    }
  }

  /** Occurrences of a positional subtree (terms, OR of terms, NEAR) in its field mask, sorted by field, start and end. */
  private spans(tree: Tree): Span[] {
    if (tree.kind === 'and' || tree.kind === 'not') return [];
    // Not cached: its child's spans are, and the count is cheap.
    if (tree.kind === 'mentions') {
      const places = this.spans(tree.child);
      return countPlaces(places, tree.count) >= tree.count ? places : [];
    }
    // A synonym list expands to the same subtree wherever it is used with the same fields.
    const key = tree.kind === 'or' && tree.label !== undefined ? `${tree.label}|${fieldMask(tree)}` : tree;
    let spans = this.spanCache.get(key);
    if (spans === undefined) {
      spans = this.computeSpans(tree);
      this.spanCache.set(key, spans);
    }
    return spans;
  }

  private computeSpans(tree: Tree): Span[] {
    switch (tree.kind) {
      case 'leaf': {
        if (((this.state.leafFieldMask[tree.leaf] as number) & tree.mask) === 0) return [];
        const out: Span[] = [];
        for (const occurrence of this.state.occurrences(tree.leaf, tree.mask)) {
          out.push({ field: occurrence.field, start: occurrence.start, end: occurrence.end, parts: [{ occurrence, source: tree.source }] });
        }
        return sortSpans(out);
      }
      case 'or': {
        const out: Span[] = [];
        for (const child of tree.children) for (const span of this.spans(child)) out.push(span);
        return sortSpans(out);
      }
      case 'near': {
        const left = this.spans(tree.left);
        if (left.length === 0) return [];
        const right = this.spans(tree.right);
        if (typeof tree.reach === 'number') return pairsInReach(left, right, tree.reach, tree.ordered);
        const state = this.state;
        const unitOf =
          tree.reach === 'SENTENCE'
            ? (field: number, position: number) => state.sentenceOf(field, position)
            : (field: number, position: number) => state.paragraphOf(field, position);
        return pairsInUnit(left, right, unitOf, tree.ordered);
      }
      default:
        return [];
    }
  }
}

/** The field mask of the leaves under a tree (all leaves of one compiled subtree share it). */
function fieldMask(tree: Tree): number {
  switch (tree.kind) {
    case 'leaf':
      return tree.mask;
    case 'and':
    case 'or':
      return tree.children.length > 0 ? fieldMask(tree.children[0] as Tree) : 0;
    case 'not':
      return fieldMask(tree.child);
    case 'near':
      return fieldMask(tree.left);
    case 'mentions':
      return fieldMask(tree.child);
  }
}

/** Distinct places among sorted spans (overlapping spans are one place), counted up to `enough`. */
function countPlaces(spans: Span[], enough: number): number {
  let count = 0;
  let field = -1;
  let end = -1;
  for (const span of spans) {
    if (span.field === field && span.start <= end) continue;
    count += 1;
    if (count >= enough) return count;
    field = span.field;
    end = span.end;
  }
  return count;
}

/** Stable: spans at the same place keep their order (the first alternative of an OR first). */
function sortSpans(spans: Span[]): Span[] {
  return spans.sort((a, b) => a.field - b.field || a.start - b.start || a.end - b.end);
}

/**
 * Pairs of a left and a right span of one field at most `distance` words apart, in either order
 * (left first when `ordered`), that share no word (one word never satisfies both sides). Both lists
 * are sorted, so each left span looks only at the right spans that start within reach: from
 * `distance` plus the longest right span before it to `distance` after it.
 */
function pairsInReach(left: Span[], right: Span[], distance: number, ordered: boolean): Span[] {
  let longest = 0;
  for (const span of right) if (span.end - span.start > longest) longest = span.end - span.start;
  const out: Span[] = [];
  let low = 0;
  for (const a of left) {
    const from = a.start - distance - longest;
    while (low < right.length) {
      const b = right[low] as Span;
      if (b.field > a.field || (b.field === a.field && b.start >= from)) break;
      low += 1;
    }
    for (let index = low; index < right.length; index += 1) {
      const b = right[index] as Span;
      if (b.field !== a.field || b.start > a.end + distance) break;
      if (ordered && b.start <= a.end) continue;
      const gap = a.start <= b.start ? b.start - a.end : a.start - b.end;
      if (gap > distance || (gap < 1 && sharesWord(a, b))) continue;
      out.push(pair(a, b));
      if (out.length >= MAX_PAIRS_PER_CLAUSE) return sortSpans(out);
    }
  }
  return sortSpans(out);
}

/**
 * Pairs of a left and a right span that lie in one sentence (or paragraph: `unitOf` says which),
 * left first when `ordered`, sharing no word. Units grow with positions, so the right spans of a
 * left span's unit are one run of the sorted list.
 */
function pairsInUnit(left: Span[], right: Span[], unitOf: (field: number, position: number) => number, ordered: boolean): Span[] {
  const out: Span[] = [];
  let low = 0;
  for (const a of left) {
    const unit = unitOf(a.field, a.start);
    if (unitOf(a.field, a.end) !== unit) continue;
    while (low < right.length) {
      const b = right[low] as Span;
      if (b.field > a.field || (b.field === a.field && unitOf(b.field, b.start) >= unit)) break;
      low += 1;
    }
    // In order, only the right spans after this left one count: jump to them.
    for (let index = ordered ? firstStartingAfter(right, low, a.end) : low; index < right.length; index += 1) {
      const b = right[index] as Span;
      if (b.field !== a.field || unitOf(b.field, b.start) !== unit) break;
      if (unitOf(b.field, b.end) !== unit || (ordered && b.start <= a.end)) continue;
      if (b.start <= a.end && a.start <= b.end && sharesWord(a, b)) continue;
      out.push(pair(a, b));
      if (out.length >= MAX_PAIRS_PER_CLAUSE) return sortSpans(out);
    }
  }
  return sortSpans(out);
}

/** The first index from `from` whose span starts after `position` (or ends the field's run), by binary search. */
function firstStartingAfter(spans: Span[], from: number, position: number): number {
  const field = (spans[from] as Span | undefined)?.field;
  let low = from;
  let high = spans.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const span = spans[middle] as Span;
    if (span.field === field && span.start <= position) low = middle + 1;
    else high = middle;
  }
  return low;
}

function pair(a: Span, b: Span): Span {
  return { field: a.field, start: Math.min(a.start, b.start), end: Math.max(a.end, b.end), parts: [...a.parts, ...b.parts] };
}

function sharesWord(a: Span, b: Span): boolean {
  for (const x of a.parts) {
    for (const y of b.parts) {
      if (x.occurrence.field === y.occurrence.field && x.occurrence.start <= y.occurrence.end && y.occurrence.start <= x.occurrence.end) return true;
    }
  }
  return false;
}
