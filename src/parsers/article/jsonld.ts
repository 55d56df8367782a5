/** A JSON value as JSON.parse returns it. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** schema.org types whose objects describe the article itself. */
const ARTICLE_TYPE = /(?:^|[/#:])(?:\w*Article|BlogPosting|LiveBlogPosting|SocialMediaPosting|Report|Review|Recipe|HowTo|CreativeWork)$/i;
const PAGE_TYPE = /(?:^|[/#:])\w*WebPage$/i;

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Parses a ld+json script body; null when it is not JSON even after the usual repairs
 * (HTML comment or CDATA wrappers, raw newlines inside strings).
 */
export function parseJsonLd(source: string): Json | null {
  const cleaned = source
    .replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, '')
    .replace(/(?:-->|\/\/\s*\]\]>|\]\]>)\s*$/, '')
    .trim();
  if (cleaned === '') return null;
  try {
    return JSON.parse(cleaned) as Json;
  } catch {
    try {
      // control characters are illegal inside JSON strings but common in hand-built blocks
      return JSON.parse(cleaned.replace(/[\u0000-\u001f]+/g, ' ')) as Json;
    } catch {
      return null;
    }
  }
}

function typesOf(obj: JsonObject): string[] {
  const t = obj['@type'];
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

/** Every object in the document, @graph and nested arrays flattened (top-level objects only). */
function flatten(value: Json, out: JsonObject[], depth = 0): void {
  if (depth > 4) return;
  if (Array.isArray(value)) {
    for (const v of value) flatten(v, out, depth + 1);
    return;
  }
  if (!isObject(value)) return;
  out.push(value);
  const graph = value['@graph'];
  if (graph !== undefined) flatten(graph, out, depth + 1);
  const main = value['mainEntity'] ?? value['mainEntityOfPage'];
  if (isObject(main) && typesOf(main).some((t) => ARTICLE_TYPE.test(t))) out.push(main);
}

export interface LinkedData {
  /** The object that describes the article (NewsArticle, BlogPosting...), if any. */
  article: JsonObject | null;
  /** The WebPage object, a fallback for dates and names. */
  page: JsonObject | null;
}

export function findLinkedData(documents: Json[]): LinkedData {
  const objects: JsonObject[] = [];
  for (const doc of documents) flatten(doc, objects);
  let article: JsonObject | null = null;
  let page: JsonObject | null = null;
  for (const obj of objects) {
    const types = typesOf(obj);
    if (article === null && types.some((t) => ARTICLE_TYPE.test(t))) article = obj;
    else if (page === null && types.some((t) => PAGE_TYPE.test(t))) page = obj;
  }
  return { article, page };
}

/** A string property (first string of an array; `@value`/`name`/`url` of an object). */
export function stringProp(obj: JsonObject | null, key: string): string | null {
  if (obj === null) return null;
  return asString(obj[key]);
}

function asString(v: Json | undefined): string | null {
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) {
    for (const item of v) {
      const s = asString(item);
      if (s !== null) return s;
    }
    return null;
  }
  if (isObject(v)) return asString(v['@value'] ?? v['url'] ?? v['name'] ?? v['contentUrl']);
  return null;
}

/** Author names: strings, Person objects, or arrays of either. */
export function authorNames(obj: JsonObject | null): string[] {
  if (obj === null) return [];
  const names: string[] = [];
  const visit = (v: Json | undefined): void => {
    if (typeof v === 'string') {
      if (v.trim() !== '' && !/^https?:\/\//.test(v.trim())) names.push(v.trim());
    } else if (Array.isArray(v)) {
      for (const item of v) visit(item);
    } else if (isObject(v)) {
      const name = v['name'];
      if (typeof name === 'string' && name.trim() !== '') names.push(name.trim());
    }
  };
  visit(obj['author'] ?? obj['creator']);
  return names;
}

/** The image URL: a string, an ImageObject, or the first of an array. */
export function imageUrl(obj: JsonObject | null): string | null {
  if (obj === null) return null;
  return asString(obj['image'] ?? obj['thumbnailUrl']);
}
