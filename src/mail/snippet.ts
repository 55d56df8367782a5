import type { TopicMatch } from '../matching/types.ts';
import { excerptAround } from '../text/excerpt.ts';
import { cleanText } from './escape.ts';
import type { DigestEntry } from './types.ts';

export interface TextSegment {
  text: string;
  /** One of the matched terms: shown highlighted. */
  marked: boolean;
}

const DEFAULT_SNIPPET_LENGTH = 320;
/** Share of a window's spare room shown before the first matched term: readers read on from it. */
const CONTEXT_BEFORE_TERM = 0.3;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A case-insensitive pattern for whole-word occurrences of any term, the longest alternatives first. */
function termPattern(terms: readonly string[]): RegExp | null {
  const distinct = [...new Set(terms.map((term) => cleanText(term)).filter((term) => term.length > 0))];
  if (distinct.length === 0) return null;
  distinct.sort((a, b) => b.length - a.length);
  const alternatives = distinct.map((term) => escapeRegExp(term).replace(/\s+/g, '\\s+'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

/** Splits `text` into plain and matched runs, so each renderer can mark terms its own way after escaping. */
export function highlightSegments(text: string, terms: readonly string[]): TextSegment[] {
  const pattern = termPattern(terms);
  if (!pattern || text.length === 0) return text.length > 0 ? [{ text, marked: false }] : [];
  const segments: TextSegment[] = [];
  let last = 0;
  for (const found of text.matchAll(pattern)) {
    const start = found.index;
    if (start > last) segments.push({ text: text.slice(last, start), marked: false });
    segments.push({ text: found[0], marked: true });
    last = start + found[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), marked: false });
  return segments;
}

/** The texts to highlight for one topic match: its distinct terms and the literal text of each hit. */
export function matchedTerms(match: TopicMatch | undefined): string[] {
  if (!match) return [];
  return [...new Set([...match.terms, ...match.hits.map((hit) => hit.text)])];
}

function countTerms(text: string, terms: readonly string[]): number {
  const pattern = termPattern(terms);
  if (!pattern) return 0;
  return new Set([...text.matchAll(pattern)].map((found) => found[0].toLowerCase())).size;
}

/** Cuts long text to about `maxLength` characters on word boundaries, keeping the first matched term in view. */
export function windowAroundTerms(text: string, terms: readonly string[], maxLength = DEFAULT_SNIPPET_LENGTH): string {
  if (text.length <= maxLength) return text;
  const first = termPattern(terms)?.exec(text);
  const start = first?.index ?? 0;
  return excerptAround(text, start, start + (first?.[0].length ?? 0), maxLength, CONTEXT_BEFORE_TERM);
}

/**
 * The excerpt shown under a title: the body or summary hit mentioning the most distinct terms
 * (a title hit would only repeat the title), else the summary.
 */
export function pickSnippet(entry: DigestEntry, match: TopicMatch | undefined, maxLength = DEFAULT_SNIPPET_LENGTH): string {
  const terms = matchedTerms(match);
  let best = '';
  let bestCount = -1;
  for (const hit of match?.hits ?? []) {
    if (hit.field === 'title') continue;
    const snippet = cleanText(hit.snippet);
    if (snippet.length === 0) continue;
    const count = countTerms(snippet, terms);
    if (count > bestCount) {
      best = snippet;
      bestCount = count;
    }
  }
  return windowAroundTerms(best || cleanText(entry.summary), terms, maxLength);
}
