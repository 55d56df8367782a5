import type { TopicMatch } from '../matching/types.ts';
import { MAX_TITLE_LENGTH, truncateAtWord } from '../text/untrusted.ts';
import { cleanText, escapeHtml, linkHtml, safeHttpUrl } from './escape.ts';
import { formatPublished } from './format-date.ts';
import { STYLE } from './layout.ts';
import { highlightSegments, matchedTerms, pickSnippet } from './snippet.ts';
import type { DigestEntry } from './types.ts';

export const PARTIAL_NOTE = 'partial: article page unavailable, summary from the feed';

/** Syndication lists longer than this are cut with "and N more". */
const MAX_ALSO_IN = 5;
/** A source name is a feed's or page's own title for itself: shown, but never at length. */
const MAX_SOURCE_LENGTH = 100;

/** An entry as shown under one topic: that topic's match drives the snippet and highlights. */
export interface EntryView {
  entry: DigestEntry;
  match: TopicMatch | undefined;
  /** Names of the group's other topics this entry also appears under. */
  otherTopics: string[];
}

/** The title as every part of a mail shows it (subject, HTML, text): one line, at most MAX_TITLE_LENGTH characters. */
export function displayTitle(entry: { title: string }): string {
  return truncateAtWord(cleanText(entry.title), MAX_TITLE_LENGTH) || '(untitled)';
}

export function displaySource(entry: { source: string; url: string | null }): string {
  const source = truncateAtWord(cleanText(entry.source), MAX_SOURCE_LENGTH);
  if (source) return source;
  const url = safeHttpUrl(entry.url);
  return url ? new URL(url).hostname : 'unknown source';
}

function snippetHtml(snippet: string, terms: string[]): string {
  return highlightSegments(snippet, terms)
    .map((segment) => (segment.marked ? `<span style="${STYLE.highlight}">${escapeHtml(segment.text)}</span>` : escapeHtml(segment.text)))
    .join('');
}

function snippetText(snippet: string, terms: string[]): string {
  return highlightSegments(snippet, terms)
    .map((segment) => (segment.marked ? `*${segment.text}*` : segment.text))
    .join('');
}

function alsoInHtml(entry: DigestEntry): string {
  const others = entry.alsoIn ?? [];
  if (others.length === 0) return '';
  const shown = others
    .slice(0, MAX_ALSO_IN)
    .map((other) => linkHtml(displaySource(other), other.url, STYLE.noteLink))
    .join(', ');
  const rest = others.length > MAX_ALSO_IN ? ` and ${others.length - MAX_ALSO_IN} more` : '';
  return `<div style="${STYLE.note}">also in: ${shown}${escapeHtml(rest)}</div>`;
}

function alsoInText(entry: DigestEntry): string | null {
  const others = entry.alsoIn ?? [];
  if (others.length === 0) return null;
  const shown = others.slice(0, MAX_ALSO_IN).map((other) => {
    const url = safeHttpUrl(other.url);
    return url ? `${displaySource(other)} <${url}>` : displaySource(other);
  });
  const rest = others.length > MAX_ALSO_IN ? ` and ${others.length - MAX_ALSO_IN} more` : '';
  return `also in: ${shown.join(', ')}${rest}`;
}

export function entryHtml(view: EntryView, timezone: string): string {
  const { entry } = view;
  const terms = matchedTerms(view.match);
  const snippet = pickSnippet(entry, view.match);
  const meta = `${displaySource(entry)} · ${formatPublished(entry.published, timezone)}`;
  const parts = [
    `<div style="${STYLE.title}">${linkHtml(displayTitle(entry), entry.url, STYLE.titleLink)}</div>`,
    `<div style="${STYLE.meta}">${escapeHtml(meta)}</div>`,
  ];
  if (snippet) parts.push(`<div style="${STYLE.snippet}">${snippetHtml(snippet, terms)}</div>`);
  if (entry.partial) parts.push(`<div style="${STYLE.partial}">${escapeHtml(PARTIAL_NOTE)}</div>`);
  parts.push(alsoInHtml(entry));
  if (view.otherTopics.length > 0) {
    parts.push(`<div style="${STYLE.note}">also under: ${escapeHtml(view.otherTopics.join(', '))}</div>`);
  }
  return `<tr><td style="${STYLE.entry}">${parts.filter(Boolean).join('')}</td></tr>`;
}

export function entryText(view: EntryView, timezone: string, bullet: string): string {
  const { entry } = view;
  const indent = ' '.repeat(bullet.length + 1);
  const terms = matchedTerms(view.match);
  const snippet = pickSnippet(entry, view.match);
  const url = safeHttpUrl(entry.url);
  const lines = [`${bullet} ${displayTitle(entry)}`, `${indent}${displaySource(entry)} · ${formatPublished(entry.published, timezone)}`];
  if (url) lines.push(`${indent}${url}`);
  if (snippet) lines.push(`${indent}${snippetText(snippet, terms)}`);
  if (entry.partial) lines.push(`${indent}[${PARTIAL_NOTE}]`);
  const alsoIn = alsoInText(entry);
  if (alsoIn) lines.push(`${indent}${alsoIn}`);
  if (view.otherTopics.length > 0) lines.push(`${indent}also under: ${view.otherTopics.join(', ')}`);
  return lines.join('\n');
}

/** Title and link only, for the items past a topic's cap. */
export function briefEntryHtml(entry: DigestEntry, timezone: string): string {
  const meta = ` — ${displaySource(entry)}, ${formatPublished(entry.published, timezone)}`;
  return `<li style="${STYLE.briefItem}">${linkHtml(displayTitle(entry), entry.url, STYLE.briefLink)}${escapeHtml(meta)}</li>`;
}

export function briefEntryText(entry: DigestEntry, timezone: string): string {
  const url = safeHttpUrl(entry.url);
  const line = `- ${displayTitle(entry)} — ${displaySource(entry)}, ${formatPublished(entry.published, timezone)}`;
  return url ? `${line}\n  ${url}` : line;
}

/** Highest score first, then newest, then by title so equal items keep a stable order. */
export function compareForTopic(topicId: string): (a: DigestEntry, b: DigestEntry) => number {
  const score = (entry: DigestEntry) => entry.matches.find((match) => match.topicId === topicId)?.score ?? 0;
  const time = (entry: DigestEntry) => {
    const ms = entry.published ? Date.parse(entry.published) : Number.NaN;
    return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
  };
  return (a, b) => score(b) - score(a) || time(b) - time(a) || displayTitle(a).localeCompare(displayTitle(b)) || a.itemId.localeCompare(b.itemId);
}
