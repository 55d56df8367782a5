/** From a parsed query to its compiled tree: terms become leaves of the shared index, synonyms expand, field scopes become masks. */
import type { QueryNode } from '../query-ast.ts';
import { QueryError, type QueryField } from '../query-error.ts';
import type { SynonymTable } from './synonyms.ts';
import type { TermIndex } from './term-index.ts';
import { scopeMask, type Tree } from './tree.ts';

/** Synonym lists referring to lists referring to lists…: real configurations use two or three levels. */
const MAX_SYNONYM_DEPTH = 20;

export interface CompileContext {
  index: TermIndex;
  synonyms: SynonymTable;
  topicId: string;
  field: QueryField;
}

export function compileNode(node: QueryNode, mask: number, context: CompileContext, expanding: string[]): Tree {
  switch (node.kind) {
    case 'term':
      return { kind: 'leaf', leaf: context.index.leaf([node.words, ...node.otherSpellings]), mask, source: node.source };
    case 'synonym': {
      const list = context.synonyms.get(node.name);
      if (!list) {
        const known = [...context.synonyms.keys()];
        throw new QueryError({
          topicId: context.topicId,
          field: context.field,
          position: node.position,
          expected: 'a synonym list defined under "synonyms:"',
          detail: `but "@${node.name}" is not defined (known: ${known.length ? known.map((name) => `@${name}`).join(', ') : 'none'})`,
        });
      }
      if ('problem' in list) {
        throw new QueryError({
          topicId: context.topicId,
          field: context.field,
          position: node.position,
          expected: `a valid synonym list`,
          detail: `but in synonyms "${node.name}" ${list.problem}`,
        });
      }
      if (expanding.includes(node.name)) {
        throw new QueryError({
          topicId: context.topicId,
          field: context.field,
          position: node.position,
          expected: 'synonym lists that do not refer to themselves',
          detail: `but ${[...expanding, node.name].map((name) => `@${name}`).join(' → ')} loops`,
        });
      }
      if (expanding.length >= MAX_SYNONYM_DEPTH) {
        throw new QueryError({
          topicId: context.topicId,
          field: context.field,
          position: node.position,
          expected: `synonym lists nested at most ${MAX_SYNONYM_DEPTH} deep`,
          detail: `but @${expanding[0]} reaches @${node.name} through ${expanding.length} lists: refer to the entries directly`,
        });
      }
      const children = list.entries.map((entry) => {
        const compiled = compileNode(entry, mask, context, [...expanding, node.name]);
        return relabel(compiled, node.name);
      });
      return { kind: 'or', children, label: `@${node.name}` };
    }
    case 'and':
    case 'or':
      return { kind: node.kind, children: node.children.map((child) => compileNode(child, mask, context, expanding)) };
    case 'not':
      return { kind: 'not', child: compileNode(node.child, mask, context, expanding) };
    case 'near':
      return {
        kind: 'near',
        reach: node.reach,
        ordered: node.ordered,
        left: compileNode(node.left, mask, context, expanding),
        right: compileNode(node.right, mask, context, expanding),
      };
    case 'mentions':
      return { kind: 'mentions', count: node.count, child: compileNode(node.child, mask, context, expanding) };
    case 'field': {
      const scoped = mask & scopeMask(node.field);
      if (scoped === 0) {
        throw new QueryError({
          topicId: context.topicId,
          field: context.field,
          position: node.position,
          expected: 'one field scope per term',
          detail: `but ${node.field}: is nested inside another field scope, so it could never match`,
        });
      }
      return compileNode(node.child, scoped, context, expanding);
    }
  }
}

/** Leaves from a synonym list say so in explanations: `@islamic-state: Daesh`. */
function relabel(tree: Tree, name: string): Tree {
  switch (tree.kind) {
    case 'leaf':
      return tree.source.startsWith('@') ? tree : { ...tree, source: `@${name}: ${tree.source}` };
    case 'and':
    case 'or':
      return { ...tree, children: tree.children.map((child) => relabel(child, name)) };
    case 'not':
      return { ...tree, child: relabel(tree.child, name) };
    case 'near':
      return { ...tree, left: relabel(tree.left, name), right: relabel(tree.right, name) };
    case 'mentions':
      return { ...tree, child: relabel(tree.child, name) };
  }
}
