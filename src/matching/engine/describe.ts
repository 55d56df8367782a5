/** The one printer of compiled trees, for explanations: the tree written back as a query. */
import { proximityOperator } from '../query-ast.ts';
import { scopePrefix, type Tree } from './tree.ts';

/**
 * Writes `tree` back as a query. `shows` picks the OR alternatives to print (all when none is
 * picked), so an explanation can show only those that held; under NOT and NEAR every alternative
 * matters, so all are shown there.
 */
export function describeTree(tree: Tree, shows: (alternative: Tree) => boolean = () => true): string {
  switch (tree.kind) {
    case 'leaf':
      return scopePrefix(tree.mask) + tree.source;
    case 'and':
      if (tree.label) return tree.label;
      return tree.children.map((child) => wrapped(child, shows)).join(' AND ');
    case 'or': {
      if (tree.label) return tree.label;
      const picked = tree.children.filter(shows);
      return (picked.length > 0 ? picked : tree.children).map((child) => wrapped(child, shows)).join(' OR ');
    }
    case 'not':
      return `NOT ${wrapped(tree.child, showsAll)}`;
    case 'near':
      return `${wrapped(tree.left, showsAll)} ${proximityOperator(tree)} ${wrapped(tree.right, showsAll)}`;
    case 'mentions':
      return `MENTIONS/${tree.count} ${wrapped(tree.child, showsAll)}`;
  }
}

function showsAll(): boolean {
  return true;
}

/** In parentheses unless it reads as one unit: a term, a synonym list, a NOT, a MENTIONS, or an OR down to one alternative. */
function wrapped(tree: Tree, shows: (alternative: Tree) => boolean): string {
  const text = describeTree(tree, shows);
  const unit =
    tree.kind === 'leaf' ||
    tree.kind === 'not' ||
    tree.kind === 'mentions' ||
    ((tree.kind === 'or' || tree.kind === 'and') && (tree.label !== undefined || !text.includes(` ${tree.kind.toUpperCase()} `)));
  return unit ? text : `(${text})`;
}
