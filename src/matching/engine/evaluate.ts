/** Evaluation of a compiled tree against the leaves that fired in one item. */
import type { ItemState, Occurrence } from './item-state.ts';
import type { Tree } from './tree.ts';

/** An occurrence with the query term (as written) that it satisfied. */
export interface PartHit {
  occurrence: Occurrence;
  source: string;
}

/** Where a positional subtree (term, OR of terms, NEAR) holds: a word range of one field. */
interface Span {
  field: number;
  start: number;
  end: number;
  parts: PartHit[];
}

export class Evaluator {
  constructor(private readonly state: ItemState) {}

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
    }
  }

  /** Hits of the parts of the tree that made it true (a failed OR branch or a NOT adds nothing). */
  collectHits(tree: Tree, out: PartHit[]): void {
    switch (tree.kind) {
      case 'leaf':
        for (const occurrence of this.state.occurrences(tree.leaf, tree.mask)) out.push({ occurrence, source: tree.source });
        break;
      case 'and':
      case 'or':
        for (const child of tree.children) if (this.holds(child)) this.collectHits(child, out);
        break;
      case 'near':
        for (const span of this.spans(tree)) out.push(...span.parts);
        break;
      case 'not':
        break;
    }
  }

  /** Occurrences of a positional subtree (terms, OR of terms, NEAR), restricted to its field mask. */
  private spans(tree: Tree): Span[] {
    switch (tree.kind) {
      case 'leaf': {
        if (((this.state.leafFieldMask[tree.leaf] as number) & tree.mask) === 0) return [];
        const out: Span[] = [];
        for (const occurrence of this.state.occurrences(tree.leaf, tree.mask)) {
          out.push({ field: occurrence.field, start: occurrence.start, end: occurrence.end, parts: [{ occurrence, source: tree.source }] });
        }
        return out;
      }
      case 'or':
        return tree.children.flatMap((child) => this.spans(child));
      case 'near': {
        const left = this.spans(tree.left);
        if (left.length === 0) return [];
        const right = this.spans(tree.right);
        const out: Span[] = [];
        for (const a of left) {
          for (const b of right) {
            if (a.field !== b.field) continue;
            const gap = a.start <= b.start ? b.start - a.end : a.start - b.end;
            if (gap > tree.distance) continue;
            out.push({ field: a.field, start: Math.min(a.start, b.start), end: Math.max(a.end, b.end), parts: [...a.parts, ...b.parts] });
          }
        }
        return out;
      }
      default:
        return [];
    }
  }
}
