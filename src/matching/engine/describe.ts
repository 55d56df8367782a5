/** The one printer of compiled trees, for explanations: the tree written back as a query. */
import { ALL_FIELDS, FIELD_ORDER, type Tree } from './tree.ts';

/**
 * Writes `tree` back as a query. `shows` picks the OR alternatives to print (all when none is
 * picked), so an explanation can show only those that held; under NOT and NEAR every alternative
 * matters, so all are shown there.
 */
export function describeTree(tree: Tree, shows: (alternative: Tree) => boolean = () => true): string {
  switch (tree.kind) {
    case 'leaf':
      return fieldPrefix(tree.mask) + tree.source;
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
      return `${wrapped(tree.left, showsAll)} NEAR/${tree.distance} ${wrapped(tree.right, showsAll)}`;
  }
}

function showsAll(): boolean {
  return true;
}

/** In parentheses unless it reads as one unit: a term, a synonym list, a NOT, or an OR down to one alternative. */
function wrapped(tree: Tree, shows: (alternative: Tree) => boolean): string {
  const text = describeTree(tree, shows);
  const unit = tree.kind === 'leaf' || tree.kind === 'not' || ((tree.kind === 'or' || tree.kind === 'and') && (tree.label !== undefined || !text.includes(` ${tree.kind.toUpperCase()} `)));
  return unit ? text : `(${text})`;
}

function fieldPrefix(mask: number): string {
  if (mask === ALL_FIELDS) return '';
  return `${FIELD_ORDER.filter((_, index) => (mask & (1 << index)) !== 0).join('+')}:`;
}
