/** The compiled form of a topic: a boolean tree over the leaves of the shared term index. */
import type { MatchField } from '../types.ts';

export const FIELD_ORDER: readonly MatchField[] = ['title', 'summary', 'body'];
/** Field masks have one bit per field, in FIELD_ORDER. */
export const ALL_FIELDS = 0b111;

export function fieldBit(field: MatchField): number {
  return 1 << FIELD_ORDER.indexOf(field);
}

/**
 * `leaf`: a term (a leaf id of the term index) counted in the fields of `mask`; `source` is the term
 * as written, for explanations. A labelled OR is a synonym list (`@name`).
 */
export type Tree =
  | { kind: 'leaf'; leaf: number; mask: number; source: string }
  | { kind: 'and' | 'or'; children: Tree[]; label?: string }
  | { kind: 'not'; child: Tree }
  | { kind: 'near'; distance: number; left: Tree; right: Tree };

export interface CompiledTopic {
  id: string;
  query: Tree;
  exclude: Tree | null;
  minScore: number;
  /** The query holds for an item with none of its terms (through NOT): evaluate it for every item. */
  holdsWithoutTerms: boolean;
}
