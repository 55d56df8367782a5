import type { CheerioAPI } from 'cheerio/slim';
import type { Element } from 'domhandler';
import { toIsoDate } from '../dates.ts';
import type { ExtractedArticle } from '../types.ts';
import { canonicalUrl } from '../urls.ts';
import type { Box, PageBlocks } from './blocks.ts';
import { chooseByline } from './byline.ts';
import { readableText } from './dom.ts';
import { collectFacts } from './facts.ts';
import { authorNames, findLinkedData, imageUrl, stringProp } from './jsonld.ts';
import { choosePublished } from './published.ts';
import { collapseWhitespace } from '../../text/whitespace.ts';
import { chooseTitle } from './title.ts';

/** The article's metadata fields as the extractor returns them, plus a hint for the body. */
export interface ArticleMetadata extends Omit<ExtractedArticle, 'text' | 'paragraphs'> {
  /** schema.org articleBody when the page publishes one (a hint for the body, not the body). */
  articleBody: string | null;
}

function firstMeta(meta: Map<string, string>, keys: string[]): string | null {
  for (const k of keys) {
    const v = meta.get(k);
    if (v !== undefined) return v;
  }
  return null;
}

function allMeta(meta: Map<string, string>, keys: string[]): string[] {
  const out: string[] = [];
  for (const k of keys) {
    const v = meta.get(k);
    if (v !== undefined) out.push(v);
  }
  return out;
}

function firstDate(candidates: (string | null)[]): string | null {
  for (const c of candidates) {
    const iso = toIsoDate(c);
    if (iso !== null) return iso;
  }
  return null;
}

const PUBLISHED_META = [
  'article:published_time',
  'og:article:published_time',
  'datepublished',
  'article:published',
  'pubdate',
  'publishdate',
  'publish-date',
  'publish_date',
  'publication_date',
  'dc.date.issued',
  'dcterms.issued',
  'dc.date',
  'dcterms.created',
  'date',
  'sailthru.date',
  'parsely-pub-date',
  'article.published',
  'original-publish-date',
  'og:published_time',
  'datecreated',
];
const MODIFIED_META = [
  'article:modified_time',
  'og:article:modified_time',
  'datemodified',
  'og:updated_time',
  'article:modified',
  'last-modified',
  'dcterms.modified',
  'dc.date.modified',
  'lastmod',
  'article.updated',
];
const AUTHOR_META = ['author', 'article:author', 'byl', 'dc.creator', 'sailthru.author', 'parsely-author', 'twitter:creator:name'];

/** Page chrome around the article: a date or name there belongs to something else. */
const CHROME = 'nav, footer, aside, [role="navigation"], [role="complementary"]';
/** Comment threads: the names there are commenters'. */
const COMMENTS = '[class*="comment"], [id*="comment"]';
const BYLINE_ELEMENTS = '[class*="byline"], [class*="author"], [id*="byline"], [id*="author"], [class*="Byline"], [class*="Author"]';

/** Links to an author's page: /author/jane-doe, /writers/jane, /contributors/jane-doe/. */
const AUTHOR_LINKS = 'a[href*="/author"], a[href*="/writer"], a[href*="/contributor"], a[href*="/columnist"], a[href*="/journalist"]';
const AUTHOR_PATH = /\/(?:authors?|writers?|contributors?|columnists?|journalists?)\/[^/?#]+\/?(?:[?#]|$)/i;

function normaliseLang(lang: string | null): string | null {
  if (lang === null) return null;
  const first = lang.split(',')[0]?.trim().replace(/_/g, '-') ?? '';
  return /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(first) ? first : null;
}

function resolve(href: string | null, base: string): string | null {
  if (href === null) return null;
  return canonicalUrl(href, base === '' ? null : base);
}

/** Short lines around the headline and the start of the article, where bylines and dates are printed. */
function linesNearTitle(page: PageBlocks, articleStart: number): string[] {
  const { blocks } = page;
  let h1 = -1;
  for (let i = 0; i < blocks.length; i++) {
    if (blocks[i]?.level === 1) {
      h1 = i;
      break;
    }
  }
  const ranges: [number, number][] = [];
  if (h1 >= 0) ranges.push([Math.max(0, h1 - 3), h1 + 15]);
  if (articleStart >= 0) ranges.push([Math.max(0, articleStart - 10), articleStart + 3]);
  if (ranges.length === 0) ranges.push([0, 40]);
  const seen = new Set<number>();
  const lines: string[] = [];
  for (const [from, to] of ranges) {
    for (let i = from; i < Math.min(to, blocks.length); i++) {
      const block = blocks[i];
      if (block === undefined || seen.has(i) || block.length > 200) continue;
      seen.add(i);
      lines.push(block.text);
    }
  }
  return lines;
}

const CHROME_TAGS = new Set(['nav', 'footer', 'aside']);

/** Short lines of the page outside navigation, footers and sidebars. */
function linesOutsideChrome(page: PageBlocks): string[] {
  const lines: string[] = [];
  for (const block of page.blocks) {
    if (block.length > 160) continue;
    let chrome = false;
    for (let b: Box | null = block.box; b !== null; b = b.parent) {
      if (CHROME_TAGS.has(b.tag) || /comment/.test(b.hint)) {
        chrome = true;
        break;
      }
    }
    if (!chrome) lines.push(block.text);
  }
  return lines;
}

/** Title, byline, dates, canonical URL, language, description and lead image of a page. */
export function extractMetadata($: CheerioAPI, page: PageBlocks, url: string, articleStart: number): ArticleMetadata {
  const facts = collectFacts($, url);
  const { meta } = facts;
  const { article, page: webPage, byId, siteName } = findLinkedData(facts.jsonLd);
  const ld = (key: string): string | null => stringProp(article, key) ?? stringProp(webPage, key);
  const siteNames = [firstMeta(meta, ['og:site_name']), siteName, firstMeta(meta, ['application-name'])].filter((s): s is string => s !== null);

  const metaTitles = [firstMeta(meta, ['og:title']), firstMeta(meta, ['twitter:title']), stringProp(article, 'headline'), facts.titleTag]
    .filter((t): t is string => t !== null)
    .map(collapseWhitespace)
    .filter((t) => t !== '');
  const title = chooseTitle({ h1s: facts.h1s, metaTitles, siteNames, url });

  const nearTitle = linesNearTitle(page, articleStart);
  const bylineElements: string[] = [];
  $(BYLINE_ELEMENTS).each((_, el) => {
    if (bylineElements.length >= 12 || $(el).closest(CHROME).length > 0 || $(el).closest(COMMENTS).length > 0) return;
    const text = collapseWhitespace(readableText(el));
    if (text !== '' && text.length <= 300) bylineElements.push(text);
  });
  const authorLinks: string[] = [];
  $(AUTHOR_LINKS).each((_, el) => {
    if (authorLinks.length >= 6 || $(el).closest(CHROME).length > 0) return;
    if (!AUTHOR_PATH.test(el.attribs.href ?? '')) return;
    const text = collapseWhitespace(readableText(el));
    if (text !== '' && text.length <= 60) authorLinks.push(text);
  });
  const byline = chooseByline({
    linkedData: authorNames(article, byId),
    authorMarkup: facts.authorMarkup,
    bylineElements,
    authorLinks,
    metaAuthors: allMeta(meta, AUTHOR_META),
    nearTitle,
    siteNames,
  });

  const times = facts.times.filter((t) => t.pubdate).concat(facts.times.filter((t) => !t.pubdate && $(t.element as Element).closest(CHROME).length === 0));
  const published = choosePublished({
    declared: [stringProp(article, 'datePublished'), firstMeta(meta, PUBLISHED_META), stringProp(webPage, 'datePublished'), stringProp(article, 'dateCreated')],
    times: times.map((t) => t.datetime),
    nearTitle,
    pageLines: linesOutsideChrome(page),
    url,
  });
  const modified = firstDate([stringProp(article, 'dateModified'), firstMeta(meta, MODIFIED_META), stringProp(webPage, 'dateModified')]);

  const canonical = resolve(facts.canonicalLink, url) ?? resolve(firstMeta(meta, ['og:url']), url) ?? resolve(url, '');
  const lang =
    normaliseLang(facts.htmlLang) ??
    normaliseLang(firstMeta(meta, ['content-language', 'language', 'dc.language'])) ??
    normaliseLang(firstMeta(meta, ['og:locale'])) ??
    normaliseLang(ld('inLanguage'));
  const description = firstMeta(meta, ['og:description', 'description', 'twitter:description']) ?? ld('description');
  const image =
    resolve(firstMeta(meta, ['og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'twitter:image:src']), url) ??
    resolve(imageUrl(article), url) ??
    resolve(facts.imageLink, url);

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
