/** The compiled form of a topic: a boolean tree over the leaves of the shared term index. */
import type { QueryScope, Reach } from '../query-ast.ts';
import type { MatchField } from '../types.ts';

export const FIELD_ORDER: readonly MatchField[] = ['title', 'summary', 'body'];
/** Index of the body in FIELD_ORDER. */
export const BODY = 2;
/**
 * Scope masks: one bit per field in FIELD_ORDER, plus one for the body's lead (its first paragraph),
 * so `lead:` is title + summary + body lead and `body:` is the whole body, lead included.
 */
export const BODY_LEAD_BIT = 0b1000;
export const ALL_FIELDS = 0b1111;
const SCOPE_MASKS: Readonly<Record<QueryScope, number>> = { title: 0b0001, summary: 0b0010, body: 0b1100, lead: 0b1011 };

export function scopeMask(scope: QueryScope): number {
  return SCOPE_MASKS[scope];
}

/** The scope a mask stands for, as written in a query (`lead:`), or '' for all fields. */
export function scopePrefix(mask: number): string {
  if (mask === ALL_FIELDS) return '';
  const named = (Object.entries(SCOPE_MASKS) as Array<[QueryScope, number]>).find(([, bits]) => bits === mask);
  if (named) return `${named[0]}:`;
  if (mask === BODY_LEAD_BIT) return 'body:lead:';
  return `${FIELD_ORDER.filter((_, index) => (mask & (1 << index)) !== 0).join('+')}:`;
}

/**
 * `leaf`: a term (a leaf id of the term index) counted in the scope of `mask`; `source` is the term
 * as written, for explanations. A labelled OR is a synonym list (`@name`).
 */
export type Tree =
  | { kind: 'leaf'; leaf: number; mask: number; source: string }
  | { kind: 'and' | 'or'; children: Tree[]; label?: string }
  | { kind: 'not'; child: Tree }
  | { kind: 'near'; reach: Reach; ordered: boolean; left: Tree; right: Tree }
  | { kind: 'mentions'; count: number; child: Tree };

export interface CompiledTopic {
  id: string;
  query: Tree;
  exclude: Tree | null;
  minScore: number;
  /** The query holds for an item with none of its terms (through NOT): evaluate it for every item. */
  holdsWithoutTerms: boolean;
}
