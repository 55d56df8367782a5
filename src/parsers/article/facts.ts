import type { CheerioAPI } from 'cheerio/slim';
import type { Element } from 'domhandler';
import { readableText } from './dom.ts';
import { parseJsonLd, type Json } from './jsonld.ts';
import { collapseWhitespace } from '../../text/whitespace.ts';

/** A top-level heading of the page, with where it sits. */
export interface Heading {
  text: string;
  /** In the page's header, navigation or footer rather than in an article or main region. */
  inChrome: boolean;
  /** Links to the site's front page: a logo or site name set as a heading. */
  linksHome: boolean;
}

/** What the page declares about itself, gathered with a few cheerio queries. */
export interface PageFacts {
  htmlLang: string | null;
  titleTag: string | null;
  h1s: Heading[];
  /** meta/itemprop values by lower-cased property, name, http-equiv or itemprop; first one wins. */
  meta: Map<string, string>;
  canonicalLink: string | null;
  imageLink: string | null;
  /** Text of rel=author links and itemprop=author elements, in page order. */
  authorMarkup: string[];
  times: { datetime: string; pubdate: boolean; element: Element }[];
  jsonLd: Json[];
}

const CHROME = 'header, nav, footer, [role="banner"], [role="navigation"]';
const CONTENT = 'article, main, [role="main"], [itemprop="articleBody"]';

function sameSiteFrontPage(href: string, pageUrl: URL | null): boolean {
  if (pageUrl === null) return href === '/';
  try {
    const target = new URL(href, pageUrl);
    return target.hostname.replace(/^www\./, '') === pageUrl.hostname.replace(/^www\./, '') && (target.pathname === '/' || target.pathname === '');
  } catch {
    return false;
  }
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

export function collectFacts($: CheerioAPI, url: string): PageFacts {
  const facts: PageFacts = {
    htmlLang: null,
    titleTag: null,
    h1s: [],
    meta: new Map(),
    canonicalLink: null,
    imageLink: null,
    authorMarkup: [],
    times: [],
    jsonLd: [],
  };
  const setMeta = (key: string | undefined, value: string | undefined): void => {
    if (key === undefined || value === undefined) return;
    const v = value.trim();
    if (v === '') return;
    for (const k of key.toLowerCase().split(/\s+/)) if (k !== '' && !facts.meta.has(k)) facts.meta.set(k, v);
  };

  const lang = $('html').first().attr('lang')?.trim();
  if (lang !== undefined && lang !== '') facts.htmlLang = lang;
  const title = $('title').first();
  if (title.length > 0) facts.titleTag = collapseWhitespace(title.text()) || null;

  $('meta[content]').each((_, el) => {
    const a = el.attribs;
    setMeta(a.property ?? a.name ?? a['http-equiv'] ?? a.itemprop, a.content);
    if (a.itemprop !== undefined && (a.property !== undefined || a.name !== undefined)) setMeta(a.itemprop, a.content);
  });
  $('link[rel][href]').each((_, el) => {
    const rel = (el.attribs.rel ?? '').toLowerCase().split(/\s+/);
    const href = el.attribs.href;
    if (href === undefined) return;
    if (rel.includes('canonical') && facts.canonicalLink === null) facts.canonicalLink = href;
    if (rel.includes('image_src') && facts.imageLink === null) facts.imageLink = href;
  });
  $('script[type]').each((_, el) => {
    if (!(el.attribs.type ?? '').toLowerCase().includes('ld+json')) return;
    const parsed = parseJsonLd($(el).text());
    if (parsed !== null) facts.jsonLd.push(parsed);
  });
  $('[itemprop]').each((_, el) => {
    if (el.name === 'meta') return;
    const itemprop = el.attribs.itemprop ?? '';
    const value = el.attribs.content ?? el.attribs.datetime ?? (/date|name|headline/i.test(itemprop) ? collapseWhitespace(readableText(el)) : undefined);
    if (/\bauthor\b/i.test(itemprop)) {
      const name = $(el).find('[itemprop~="name"]').first();
      const text = collapseWhitespace(name.length > 0 ? (name.attr('content') ?? readableText(name[0] as Element)) : (el.attribs.content ?? readableText(el)));
      if (text !== '') facts.authorMarkup.push(text);
      return;
    }
    setMeta(itemprop, value);
  });
  $('a[rel~="author"]').each((_, el) => {
    const text = collapseWhitespace(readableText(el));
    if (text !== '') facts.authorMarkup.push(text);
  });
  $('time').each((_, el) => {
    const dt = el.attribs.datetime ?? el.attribs.content;
    if (dt === undefined || facts.times.length >= 40) return;
    facts.times.push({ datetime: dt, pubdate: el.attribs.pubdate !== undefined || /datePublished/i.test(el.attribs.itemprop ?? ''), element: el });
  });
  const pageUrl = parseUrl(url);
  $('h1').each((_, el) => {
    const text = collapseWhitespace(readableText(el));
    if (text === '' || facts.h1s.length >= 10) return;
    const $el = $(el);
    const inChrome = $el.closest(CHROME).length > 0 && $el.closest(CONTENT).length === 0;
    const linksHome =
      $el
        .find('a[href]')
        .toArray()
        .some((a) => sameSiteFrontPage(a.attribs.href ?? '', pageUrl)) ||
      ($el.closest('a[href]').length > 0 && sameSiteFrontPage($el.closest('a[href]').attr('href') ?? '', pageUrl));
    facts.h1s.push({ text, inChrome, linksHome });
  });
  return facts;
}
