import type { NotNode, QueryNode } from './query-ast.ts';

/**
 * The NOT through which a query holds for an item that contains none of its terms (`alpha OR NOT
 * beta` holds for any item without beta), or null when every match needs a term. Such matches have
 * no hits, so they score 0.
 */
export function termlessNot(node: QueryNode): NotNode | null {
  switch (node.kind) {
    case 'term':
    case 'synonym':
    case 'near':
      return null;
    case 'field':
    case 'mentions':
      return termlessNot(node.child);
    case 'not':
      return termlessNot(node.child) === null ? node : null;
    case 'and': {
      let witness: NotNode | null = null;
      for (const child of node.children) {
        const found = termlessNot(child);
        if (found === null) return null;
        witness ??= found;
      }
      return witness;
    }
    case 'or': {
      for (const child of node.children) {
        const found = termlessNot(child);
        if (found !== null) return found;
      }
      return null;
    }
  }
}
