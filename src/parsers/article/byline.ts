import { findDateInText } from '../dates.ts';
import type { AuthorName } from './jsonld.ts';
import { collapseWhitespace } from '../../text/whitespace.ts';
import { sameWords, wordsOf } from './words.ts';

export interface BylineSources {
  /** JSON-LD authors of the article. */
  linkedData: AuthorName[];
  /** Text of itemprop=author and rel=author elements, in page order. */
  authorMarkup: string[];
  /** Text of elements whose class or id says byline or author, in page order. */
  bylineElements: string[];
  /** Text of links to author pages (/author/jane-doe), in page order. */
  authorLinks: string[];
  /** meta author, article:author and the like. */
  metaAuthors: string[];
  /** Short lines near the headline, where a printed "By Jane Doe" sits. */
  nearTitle: string[];
  siteNames: string[];
}

/** "By", "Written by", "Author:" and the like before a name. */
const LEADING_LABEL =
  /^(?:(?:written|posted|authored|reviewed|edited|published|words|story|text|reporting|report)\s+)?(?:by|von|par|por|di|door|af|av)\b\s*:?\s*|^authors?\s*:\s*|^(?:written|posted|authored)\s*:\s*/i;
/** What follows a name on a byline line: a date, a reading time, a role after a separator. */
const TRAILING_PART = /\s*(?:[|•·⋅●◦‧]|\s[-–—]\s|\b(?:updated|published|posted|last updated|modified|on)\b\s*:?).*$|\s*\d+\s*(?:min(?:ute)?s?|mins?)\b.*$/i;

/** A byline reduced to its names, or null when what is left does not look like names. */
export function cleanByline(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  let line = collapseWhitespace(text);
  // "Mar 6 · Written by Jane", "Articles by Jane": the name follows the last "by"
  const by = /^.{0,40}?\b(?:written |posted |articles |posts |stories )?by\s*:?\s+(?=\S)/i.exec(line);
  if (by !== null && /^by\b/i.test(by[0]) === false) line = line.slice(by[0].length);
  for (let i = 0; i < 2; i++) line = line.replace(LEADING_LABEL, '');
  const date = findDateInText(line);
  if (date !== null) {
    const at = line.search(
      /(?:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))/i,
    );
    if (at > 0) line = line.slice(0, at);
  }
  line = line
    .replace(TRAILING_PART, '')
    .replace(/[\s,;:|]+$/, '')
    .replace(/^[\s,;:|]+/, '')
    .trim();
  if (line.length < 2 || line.length > 100) return null;
  if (/https?:\/\/|www\.|@|\{|\}/.test(line)) return null;
  // what is left is a date or a weekday, a commenter ("Jane says"), a label, or a user handle
  if (findDateInText(line) !== null || /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?$/i.test(line)) return null;
  if (/\b(?:says|said|wrote|replied)$/i.test(line) || /\bauthors?\b/i.test(line)) return null;
  if (!line.includes(' ') && /\d{3,}/.test(line)) return null;
  // a phrase ("How we reviewed this article"), not names: names are capitalised but for particles
  const lowerWords = line.split(/\s+/).filter((w) => /^\p{Ll}/u.test(w) && !NAME_PARTICLE.test(w));
  if (lowerWords.length >= 2) return null;
  const words = wordsOf(line);
  if (words.length === 0 || words.length > 12) return null;
  // a sentence, not a name list
  if (/[.!?]\s+\p{Lu}/u.test(line) && !line.includes(',')) return null;
  return line;
}

/** "Jane Doe", "Jane Doe and Omar Haddad", "Jane Doe, Omar Haddad and Li Wei". */
function joinNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

const NAME_PARTICLE = /^(?:van|von|der|den|de|da|di|del|della|du|la|le|bin|ibn|al|el|and|und|et|y|e|&|of)$/;

function isSite(name: string, siteNames: string[]): boolean {
  return siteNames.some((site) => sameWords(name, site));
}

/** "By Jane Doe" at the start of a short line. */
const PRINTED_BYLINE =
  /^(?:(?:written|posted|story|words)\s+)?by\s*:?\s*(\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|van|von|de|der|da|di|del|la|le|bin|al|and|&)){0,5})/u;

const BYLINE_LABEL_ALONE = /^(?:(?:written|posted|authored|story|words)\s+)?by\s*:?$|^authors?\s*:$/i;

/**
 * The article's author(s) as the page credits them: JSON-LD persons first, then author markup,
 * byline elements, meta tags, a printed "By ..." line near the headline, and last an
 * organisation (the site itself is never its own author when a person is named).
 */
export function chooseByline(sources: BylineSources): string | null {
  const persons = sources.linkedData
    .filter((a) => !a.organization && !isSite(a.name, sources.siteNames))
    .map((a) => cleanByline(a.name))
    .filter((n): n is string => n !== null);
  if (persons.length > 0) return joinNames([...new Set(persons)]);
  for (const list of [sources.authorMarkup, sources.bylineElements, sources.authorLinks, sources.metaAuthors]) {
    for (const text of list) {
      const name = cleanByline(text);
      if (name !== null && !isSite(name, sources.siteNames)) return name;
    }
  }
  for (let i = 0; i < sources.nearTitle.length; i++) {
    const line = sources.nearTitle[i] ?? '';
    if (line.length > 120) continue;
    // "By" or "Written by:" on a line of its own, the name on the next
    const printed = BYLINE_LABEL_ALONE.test(line) ? sources.nearTitle[i + 1] : PRINTED_BYLINE.exec(line)?.[1];
    const name = cleanByline(printed);
    if (name !== null && !isSite(name, sources.siteNames)) return name;
  }
  const organisations = sources.linkedData.map((a) => cleanByline(a.name)).filter((n): n is string => n !== null);
  if (organisations.length > 0) return joinNames([...new Set(organisations)]);
  for (const text of sources.metaAuthors) {
    const name = cleanByline(text);
    if (name !== null) return name;
  }
  // no one is named: the publisher stands for the author, as news agencies are credited
  return sources.siteNames[0] !== undefined ? cleanByline(sources.siteNames[0]) : null;
}
