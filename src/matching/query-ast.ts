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

/** Both sides within `distance` words of each other, in either order, in the same field. */
export interface NearNode {
  kind: 'near';
  distance: number;
  left: QueryNode;
  right: QueryNode;
  position: number;
}

/** `title:x`: the terms inside only count in that field. */
export interface FieldNode {
  kind: 'field';
  field: MatchField;
  child: QueryNode;
  position: number;
}

export type QueryNode = TermNode | SynonymNode | AndNode | OrNode | NotNode | NearNode | FieldNode;

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
      return `${wrap(node.left)} NEAR/${node.distance} ${wrap(node.right)}`;
    case 'field':
      return `${node.field}:${wrap(node.child)}`;
  }
}

function wrap(node: QueryNode): string {
  return node.kind === 'and' || node.kind === 'or' || node.kind === 'near' ? `(${formatQuery(node)})` : formatQuery(node);
}
