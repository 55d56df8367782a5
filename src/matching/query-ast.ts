import type { MatchField } from './types.ts';

/** One word of a term: folded text, optionally a prefix (`escap*`) and/or case-sensitive (`=IS`). */
export interface WordPattern {
  text: string;
  prefix: boolean;
  caseSensitive: boolean;
}

/** A word or a phrase (several words in a row). `source` is the term as written. */
export interface TermNode {
  kind: 'term';
  words: WordPattern[];
  /** The same term written otherwise: a compound joined or apart (al-Hol, alHol, al Hol). */
  otherSpellings: WordPattern[][];
  source: string;
  position: number;
}

/** `@name`: a named synonym list from the config, expanded when topics compile. */
export interface SynonymNode {
  kind: 'synonym';
  name: string;
  position: number;
}

export interface AndNode {
  kind: 'and';
  children: QueryNode[];
}

export interface OrNode {
  kind: 'or';
  children: QueryNode[];
}

export interface NotNode {
  kind: 'not';
  child: QueryNode;
  position: number;
}

/** How far apart the two sides of a NEAR or BEFORE may be: a number of words, or one sentence or paragraph. */
export type Reach = number | 'SENTENCE' | 'PARAGRAPH';

/**
 * `a NEAR/8 b`: both sides within `reach` of each other, in either order, in the same field, and
 * different words. `a BEFORE/8 b` (`ordered`): the same with `a` first.
 */
export interface NearNode {
  kind: 'near';
  reach: Reach;
  ordered: boolean;
  left: QueryNode;
  right: QueryNode;
  position: number;
}

/** `MENTIONS/3 x`: x occurs in at least `count` distinct places. */
export interface MentionsNode {
  kind: 'mentions';
  count: number;
  child: QueryNode;
  position: number;
}

/** Where a field scope looks: one field, or the lead (title, summary and the body's first paragraph). */
export type QueryScope = MatchField | 'lead';

/** `title:x`: the terms inside only count in that field (`lead:x`: in the lead). */
export interface FieldNode {
  kind: 'field';
  field: QueryScope;
  child: QueryNode;
  position: number;
}

export type QueryNode = TermNode | SynonymNode | AndNode | OrNode | NotNode | NearNode | MentionsNode | FieldNode;

/** `NEAR/8`, `BEFORE/SENTENCE`: the operator as written. */
export function proximityOperator(node: { reach: Reach; ordered: boolean }): string {
  return `${node.ordered ? 'BEFORE' : 'NEAR'}/${node.reach}`;
}

/** The query written back in canonical form, fully parenthesised where precedence could mislead. */
export function formatQuery(node: QueryNode): string {
  switch (node.kind) {
    case 'term':
      return node.source;
    case 'synonym':
      return `@${node.name}`;
    case 'and':
      return node.children.map((child) => (child.kind === 'or' ? `(${formatQuery(child)})` : formatQuery(child))).join(' AND ');
    case 'or':
      return node.children.map(formatQuery).join(' OR ');
    case 'not':
      return `NOT ${wrap(node.child)}`;
    case 'near':
      return `${wrap(node.left)} ${proximityOperator(node)} ${wrap(node.right)}`;
    case 'mentions':
      return `MENTIONS/${node.count} ${wrap(node.child)}`;
    case 'field':
      return `${node.field}:${wrap(node.child)}`;
  }
}

function wrap(node: QueryNode): string {
  return node.kind === 'and' || node.kind === 'or' || node.kind === 'near' ? `(${formatQuery(node)})` : formatQuery(node);
}
