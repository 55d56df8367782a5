import { z } from 'zod';

/**
 * A misspelt key is the commonest config mistake, and a silent one: `feedz:` or `transprot:` would
 * otherwise be dropped and the default used. Every mapping of the schema is strict, and an unknown
 * key is reported with the known key nearest to it.
 */

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const table: number[][] = Array.from({ length: rows }, (_, row) => Array.from({ length: cols }, (_, col) => (row === 0 ? col : col === 0 ? row : 0)));
  const at = (row: number, col: number): number => table[row]?.[col] ?? Number.POSITIVE_INFINITY;
  for (let row = 1; row < rows; row += 1) {
    for (let col = 1; col < cols; col += 1) {
      const cost = a[row - 1] === b[col - 1] ? 0 : 1;
      let best = Math.min(at(row - 1, col) + 1, at(row, col - 1) + 1, at(row - 1, col - 1) + cost);
      if (row > 1 && col > 1 && a[row - 1] === b[col - 2] && a[row - 2] === b[col - 1]) best = Math.min(best, at(row - 2, col - 2) + 1);
      (table[row] as number[])[col] = best;
    }
  }
  return at(rows - 1, cols - 1);
}

/** The known key a typo most likely meant, or null when none is close (a third of its letters, at least one). */
export function nearestKey(key: string, known: readonly string[]): string | null {
  const wanted = key.toLowerCase();
  let best: { key: string; distance: number } | null = null;
  for (const candidate of known) {
    const distance = editDistance(wanted, candidate.toLowerCase());
    if (!best || distance < best.distance) best = { key: candidate, distance };
  }
  const allowed = Math.max(1, Math.floor(key.length / 3));
  return best && best.distance <= allowed ? best.key : null;
}

/** "did you mean", or the list of keys that are allowed there when nothing is close. */
export function unknownKeyMessage(key: string, known: readonly string[]): string {
  const nearest = nearestKey(key, known);
  return nearest ? `unknown key; did you mean "${nearest}"?` : `unknown key (known keys: ${known.join(', ')})`;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodDefault || current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap() as z.ZodType;
    else if (current instanceof z.ZodPipe) current = current.in as z.ZodType;
    else return current;
  }
}

/** The keys of the mapping at `path` inside `schema` (list indexes step into the element schema). */
export function knownKeysAt(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): string[] {
  let current: z.ZodType | undefined = unwrap(schema);
  for (const step of path) {
    if (!current) return [];
    if (current instanceof z.ZodArray) current = current.element as z.ZodType;
    else if (current instanceof z.ZodRecord) current = current.valueType as z.ZodType;
    else if (current instanceof z.ZodObject && typeof step === 'string') current = current.shape[step] as z.ZodType | undefined;
    else return [];
    current = current ? unwrap(current) : undefined;
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}
