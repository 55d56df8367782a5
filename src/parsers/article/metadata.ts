import type { Document, Element } from 'domhandler';
import { toIsoDate } from '../dates.ts';
import type { ExtractedArticle } from '../types.ts';
import { canonicalUrl } from '../urls.ts';
import { forEachElement, rawText } from './dom.ts';
import { authorNames, findLinkedData, imageUrl, parseJsonLd, stringProp, type Json } from './jsonld.ts';
import { collapseWhitespace } from '../../text/whitespace.ts';

/** The article's metadata fields as the extractor returns them, plus a hint for the body. */
export interface ArticleMetadata extends Omit<ExtractedArticle, 'text' | 'paragraphs'> {
  /** schema.org articleBody when the page publishes one (a hint for the body, not the body). */
  articleBody: string | null;
}

/** What one pass over the document collects for the metadata rules below. */
interface PageFacts {
  htmlLang: string | null;
  titleTag: string | null;
  h1: string | null;
  /** meta/itemprop values by lower-cased property, name, http-equiv or itemprop; first one wins. */
  meta: Map<string, string>;
  canonicalLink: string | null;
  imageLink: string | null;
  authorLink: string | null;
  bylineText: string | null;
  times: { datetime: string; pubdate: boolean }[];
  jsonLd: Json[];
}

const BYLINE_CLASS = /(?:^|[\s_-])(?:byline|author(?:-?name)?)(?:$|[\s_-])/;

function collectFacts(doc: Document): PageFacts {
  const facts: PageFacts = {
    htmlLang: null, titleTag: null, h1: null, meta: new Map(), canonicalLink: null, imageLink: null,
    authorLink: null, bylineText: null, times: [], jsonLd: [],
  };
  const setMeta = (key: string | undefined, value: string | undefined): void => {
    if (key === undefined || value === undefined) return;
    const v = value.trim();
    if (v === '') return;
    for (const k of key.toLowerCase().split(/\s+/)) if (k !== '' && !facts.meta.has(k)) facts.meta.set(k, v);
  };
  forEachElement(doc, (el: Element) => {
    const a = el.attribs;
    switch (el.name) {
      case 'html':
        if (facts.htmlLang === null && a['lang'] !== undefined && a['lang'].trim() !== '') facts.htmlLang = a['lang'].trim();
        break;
      case 'title':
        if (facts.titleTag === null) facts.titleTag = collapseWhitespace(rawText(el)) || null;
        return false;
      case 'meta':
        setMeta(a['property'] ?? a['name'] ?? a['http-equiv'] ?? a['itemprop'], a['content']);
        if (a['itemprop'] !== undefined && (a['property'] !== undefined || a['name'] !== undefined)) setMeta(a['itemprop'], a['content']);
        return false;
      case 'link': {
        const rel = (a['rel'] ?? '').toLowerCase().split(/\s+/);
        const href = a['href'];
        if (href === undefined) return false;
        if (rel.includes('canonical') && facts.canonicalLink === null) facts.canonicalLink = href;
        if (rel.includes('image_src') && facts.imageLink === null) facts.imageLink = href;
        return false;
      }
      case 'script':
        if ((a['type'] ?? '').toLowerCase().includes('ld+json')) {
          const parsed = parseJsonLd(rawText(el));
          if (parsed !== null) facts.jsonLd.push(parsed);
        }
        return false;
      case 'style': case 'noscript': case 'template': case 'svg':
        return false;
      case 'time': {
        const dt = a['datetime'] ?? a['content'];
        if (dt !== undefined && facts.times.length < 20) facts.times.push({ datetime: dt, pubdate: a['pubdate'] !== undefined || a['itemprop'] === 'datePublished' });
        break;
      }
      case 'h1':
        if (facts.h1 === null) facts.h1 = collapseWhitespace(rawText(el)) || null;
        break;
      case 'a':
        if (facts.authorLink === null && (a['rel'] ?? '').toLowerCase().split(/\s+/).includes('author')) {
          facts.authorLink = collapseWhitespace(rawText(el)) || null;
        }
        break;
      default:
        break;
    }
    const itemprop = a['itemprop'];
    if (itemprop !== undefined && el.name !== 'meta') {
      const value = a['content'] ?? a['datetime'] ?? (/date|author|name|headline/i.test(itemprop) ? collapseWhitespace(rawText(el)) : undefined);
      setMeta(itemprop, value);
    }
    if (facts.bylineText === null && a['class'] !== undefined && BYLINE_CLASS.test(a['class'].toLowerCase())) {
      const text = collapseWhitespace(rawText(el));
      if (text.length > 0 && text.length <= 120) facts.bylineText = text;
    }
    return true;
  });
  return facts;
}

function firstMeta(meta: Map<string, string>, keys: string[]): string | null {
  for (const k of keys) {
    const v = meta.get(k);
    if (v !== undefined) return v;
  }
  return null;
}

function firstDate(candidates: (string | null)[]): string | null {
  for (const c of candidates) {
    if (c === null) continue;
    const iso = toIsoDate(c);
    if (iso !== null) return iso;
  }
  return null;
}

const PUBLISHED_META = [
  'article:published_time', 'og:article:published_time', 'datepublished', 'article:published', 'pubdate',
  'publishdate', 'publish-date', 'publish_date', 'publication_date', 'dc.date.issued', 'dcterms.issued',
  'dc.date', 'dcterms.created', 'date', 'sailthru.date', 'parsely-pub-date', 'article.published',
  'original-publish-date', 'og:published_time', 'datecreated',
];
const MODIFIED_META = [
  'article:modified_time', 'og:article:modified_time', 'datemodified', 'og:updated_time', 'article:modified',
  'last-modified', 'dcterms.modified', 'dc.date.modified', 'lastmod', 'article.updated',
];

function cleanByline(text: string | null): string | null {
  if (text === null) return null;
  const cleaned = collapseWhitespace(text).replace(/^(?:by|von|par|por|di|door)\s+/i, '').replace(/\s*[|•·,]\s*$/, '');
  if (cleaned === '' || cleaned.length > 200 || /^https?:\/\//.test(cleaned)) return null;
  return cleaned;
}

/** "Headline | Site name" → "Headline", when the h1 or og:title do not already say it. */
function cleanTitleTag(title: string, h1: string | null): string {
  if (h1 !== null && h1.length >= 10 && title.includes(h1)) return h1;
  const parts = title.split(/\s+[|–—·»]\s+|\s+-\s+|\s+::\s+/);
  const first = parts[0];
  if (parts.length > 1 && first !== undefined && first.split(/\s+/).length >= 3) return first;
  return title;
}

function normaliseLang(lang: string | null): string | null {
  if (lang === null) return null;
  const first = lang.split(',')[0]?.trim().replace(/_/g, '-') ?? '';
  return /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(first) ? first : null;
}

function resolve(href: string | null, base: string): string | null {
  if (href === null) return null;
  return canonicalUrl(href, base === '' ? null : base);
}

/** Title, byline, dates, canonical URL, language, description and lead image of a page. */
export function extractMetadata(doc: Document, url: string): ArticleMetadata {
  const facts = collectFacts(doc);
  const { meta } = facts;
  const { article, page } = findLinkedData(facts.jsonLd);
  const ld = (key: string): string | null => stringProp(article, key) ?? stringProp(page, key);

  const ogTitle = firstMeta(meta, ['og:title', 'twitter:title']);
  const title = stringProp(article, 'headline') ?? ogTitle ?? (facts.titleTag !== null ? cleanTitleTag(facts.titleTag, facts.h1) : null) ?? facts.h1;

  const ldAuthors = authorNames(article);
  const metaAuthor = firstMeta(meta, ['author', 'article:author', 'byl', 'dc.creator', 'sailthru.author', 'parsely-author']);
  const byline = cleanByline(ldAuthors.length > 0 ? ldAuthors.join(', ') : null)
    ?? cleanByline(metaAuthor)
    ?? cleanByline(facts.authorLink)
    ?? cleanByline(facts.bylineText);

  const pubTime = facts.times.find((t) => t.pubdate) ?? facts.times[0];
  const published = firstDate([
    stringProp(article, 'datePublished'), firstMeta(meta, PUBLISHED_META), stringProp(page, 'datePublished'),
    stringProp(article, 'dateCreated'), pubTime?.datetime ?? null,
  ]);
  const modified = firstDate([stringProp(article, 'dateModified'), firstMeta(meta, MODIFIED_META), stringProp(page, 'dateModified')]);

  const canonical = resolve(facts.canonicalLink, url) ?? resolve(firstMeta(meta, ['og:url']), url) ?? resolve(url, '');
  const lang = normaliseLang(facts.htmlLang) ?? normaliseLang(firstMeta(meta, ['content-language', 'language', 'dc.language']))
    ?? normaliseLang(firstMeta(meta, ['og:locale'])) ?? normaliseLang(ld('inLanguage'));
  const description = firstMeta(meta, ['og:description', 'description', 'twitter:description']) ?? ld('description');
  const image = resolve(firstMeta(meta, ['og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'twitter:image:src']), url)
    ?? resolve(imageUrl(article), url) ?? resolve(facts.imageLink, url);

  return {
    title: title !== null ? collapseWhitespace(title) || null : null,
    byline,
    published,
    modified,
    canonicalUrl: canonical,
    lang,
    description: description !== null ? collapseWhitespace(description) || null : null,
    image,
    articleBody: stringProp(article, 'articleBody'),
  };
}
