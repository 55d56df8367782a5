import { dateFromUrl, findDateInText, toIsoDate } from '../dates.ts';

export interface DateSources {
  /** In order of trust: JSON-LD datePublished, article/Open Graph meta, other JSON-LD dates. */
  declared: (string | null)[];
  /** datetime of <time> elements outside page chrome, the ones marked as publication first. */
  times: string[];
  /** Short lines near the headline (bylines, datelines) as the reader sees them. */
  nearTitle: string[];
  /** Short lines anywhere in the page outside its chrome, for a date labelled as the publication date. */
  pageLines: string[];
  url: string;
}

const PUBLISHED_LABEL = /\b(?:published|posted|released|written|created|date|dated|veröffentlicht|publié|publicado|pubblicato)\b/i;
const UPDATED_LABEL = /\b(?:updated|modified|revised|edited|reviewed|aktualisiert|mis à jour|actualizado)\b/i;

/**
 * A printed date near the headline: one labelled as the publication date first, then an
 * unlabelled one, then an "updated" date (some pages print only that).
 */
function printedDate(lines: string[]): string | null {
  let unlabelled: string | null = null;
  let updated: string | null = null;
  for (const line of lines) {
    if (line.length > 160) continue;
    const date = findDateInText(line);
    if (date === null) continue;
    const before = line.slice(0, Math.max(0, line.search(/\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i)));
    if (PUBLISHED_LABEL.test(before)) return date;
    if (UPDATED_LABEL.test(line)) updated ??= date;
    else unlabelled ??= date;
  }
  return unlabelled ?? updated;
}

/** "Published on 5 March 2024" anywhere in the page (a dateline below the article, a sidebar box). */
function labelledDate(lines: string[]): string | null {
  for (const line of lines) {
    if (line.length > 160 || !PUBLISHED_LABEL.test(line)) continue;
    const date = findDateInText(line);
    if (date === null) continue;
    const before = line.slice(0, Math.max(0, line.search(/\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i)));
    if (PUBLISHED_LABEL.test(before)) return date;
  }
  return null;
}

/**
 * When the article was published, in ISO-8601 UTC. Sources in order of trust: JSON-LD, Open
 * Graph/article meta, <time> elements, a printed date by the byline, the URL.
 */
export function choosePublished(sources: DateSources): string | null {
  for (const c of sources.declared) {
    const iso = toIsoDate(c);
    if (iso !== null) return iso;
  }
  for (const t of sources.times) {
    const iso = toIsoDate(t);
    if (iso !== null) return iso;
  }
  return printedDate(sources.nearTitle) ?? labelledDate(sources.pageLines) ?? dateFromUrl(sources.url);
}
