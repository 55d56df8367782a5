import type { Heading } from './facts.ts';
import { collapseWhitespace } from '../../text/whitespace.ts';
import { containedShare, sameWords, wordsOf } from './words.ts';

/** Separators between a headline and the site name in <title> and og:title. */
const TITLE_SEPARATOR = /\s+[|–—·•»:~]\s+|\s+[-/]\s+|\s+::\s+/;

export interface TitleSources {
  h1s: Heading[];
  /** og:title, twitter:title, JSON-LD headline, <title>: whichever the page has. */
  metaTitles: string[];
  /** og:site_name, the JSON-LD WebSite or publisher name. */
  siteNames: string[];
  url: string;
}

function hostWords(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** The heading or title segment is the site's name, not a headline. */
function isSiteName(text: string, siteNames: string[], host: string): boolean {
  for (const site of siteNames) if (sameWords(text, site)) return true;
  const squashed = wordsOf(text).join('');
  if (
    squashed.length >= 3 &&
    host
      .replace(/[^\p{L}\p{N}]/gu, '')
      .toLowerCase()
      .includes(squashed)
  )
    return true;
  return false;
}

/** "Headline | Site" → "Headline": drops the segments that name the site, keeps the longest rest. */
export function stripSiteName(title: string, siteNames: string[], host: string): string {
  const parts = title
    .split(TITLE_SEPARATOR)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length <= 1) return stripHostPrefix(title.trim(), host);
  const kept = parts.filter((p) => !isSiteName(p, siteNames, host));
  const pool = kept.length > 0 ? kept : parts;
  let best = pool[0] ?? title;
  for (const p of pool) if (wordsOf(p).length > wordsOf(best).length) best = p;
  return best;
}

/** "example.com Headline" → "Headline". */
function stripHostPrefix(title: string, host: string): string {
  if (host === '') return title;
  const lower = title.toLowerCase();
  if (lower.startsWith(`${host} `)) return title.slice(host.length + 1).trim();
  if (lower.endsWith(` ${host}`)) return title.slice(0, title.length - host.length - 1).trim();
  return title;
}

/**
 * The headline as the page shows it: its main <h1>, unless that is the site's name or logo;
 * among several, the one the page's declared titles agree with. Without a usable <h1>, the
 * declared title without the site name.
 */
export function chooseTitle(sources: TitleSources): string | null {
  const host = hostWords(sources.url);
  const headings = sources.h1s.filter(
    (h) => !h.inChrome && !h.linksHome && h.text.length >= 3 && h.text.length <= 300 && !isSiteName(h.text, sources.siteNames, host),
  );
  let best: string | null = null;
  let bestShare = 0;
  for (const h of headings) {
    let share = 0;
    for (const title of sources.metaTitles) share = Math.max(share, containedShare(h.text, title));
    if (share > bestShare) {
      best = h.text;
      bestShare = share;
    }
  }
  if (best !== null && bestShare >= 0.6) return best;
  const first = headings[0];
  if (first !== undefined && wordsOf(first.text).length >= 2) return first.text;
  const declared = sources.metaTitles[0];
  if (declared !== undefined) return collapseWhitespace(stripSiteName(declared, sources.siteNames, host)) || null;
  return first?.text ?? null;
}
