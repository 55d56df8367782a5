import type { Analyzer } from '../analysis/analyzer.ts';
import { parseQuery } from '../parse.ts';
import type { QueryNode } from '../query-ast.ts';
import { QueryError } from '../query-error.ts';

/** Each list's entries as query terms, or what is wrong with the list (reported where a topic uses it). */
export type SynonymTable = Map<string, { entries: QueryNode[] } | { problem: string }>;

/**
 * Parses each synonym entry as one query term: several words make a phrase, and `=` (case-sensitive),
 * `*` (prefix) and `@other-list` work as in queries. Problems surface where a topic uses the list.
 */
export function parseSynonyms(synonyms: Record<string, string[]>, analyzer: Analyzer): SynonymTable {
  const table: SynonymTable = new Map();
  const parseEntry = (entry: string) => parseQuery(asTerm(entry), { analyzer });
  for (const [name, entries] of Object.entries(synonyms)) {
    try {
      table.set(name, { entries: entries.map(parseEntry) });
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
      const entry = entries.find((candidate) => {
        try {
          parseEntry(candidate);
          return false;
        } catch {
          return true;
        }
      });
      table.set(name, { problem: `entry ${JSON.stringify(entry)} is not a term: expected ${error.expected}` });
    }
  }
  return table;
}

/** A multi-word entry is a phrase: quote it (keeping a leading `=`) unless it is quoted already. */
function asTerm(entry: string): string {
  const written = entry.trim();
  if (!/\s/.test(written) || /^=?"/.test(written)) return written;
  const caseSensitive = written.startsWith('=');
  const words = caseSensitive ? written.slice(1) : written;
  return `${caseSensitive ? '=' : ''}"${words.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}
