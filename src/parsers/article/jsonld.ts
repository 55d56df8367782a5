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
  const main = value.mainEntity ?? value.mainEntityOfPage;
  if (isObject(main) && typesOf(main).some((t) => ARTICLE_TYPE.test(t))) out.push(main);
}

export interface LinkedData {
  /** The object that describes the article (NewsArticle, BlogPosting...), if any. */
  article: JsonObject | null;
  /** The WebPage object, a fallback for dates and names. */
  page: JsonObject | null;
  /** Objects by their @id, for references such as `"author": {"@id": "#person-1"}`. */
  byId: Map<string, JsonObject>;
  /** The WebSite's or publisher's name: the site, never the article's author. */
  siteName: string | null;
}

export function findLinkedData(documents: Json[]): LinkedData {
  const objects: JsonObject[] = [];
  for (const doc of documents) flatten(doc, objects);
  let article: JsonObject | null = null;
  let page: JsonObject | null = null;
  let website: JsonObject | null = null;
  const byId = new Map<string, JsonObject>();
  for (const obj of objects) {
    const id = obj['@id'];
    if (typeof id === 'string' && Object.keys(obj).length > 1 && !byId.has(id)) byId.set(id, obj);
    const types = typesOf(obj);
    if (article === null && types.some((t) => ARTICLE_TYPE.test(t))) article = obj;
    else if (page === null && types.some((t) => PAGE_TYPE.test(t))) page = obj;
    else if (website === null && types.includes('WebSite')) website = obj;
  }
  const publisher = article === null ? undefined : article.publisher;
  const publisherObject = isObject(publisher) ? resolveRef(publisher, byId) : null;
  const siteName = stringProp(website, 'name') ?? (publisherObject !== null ? asString(publisherObject.name) : null);
  return { article, page, byId, siteName };
}

/** The object a `{"@id": ...}` reference stands for (itself when it is not a bare reference). */
function resolveRef(obj: JsonObject, byId: Map<string, JsonObject>): JsonObject {
  const id = obj['@id'];
  if (typeof id === 'string' && obj.name === undefined) return byId.get(id) ?? obj;
  return obj;
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
  if (isObject(v)) return asString(v['@value'] ?? v.url ?? v.name ?? v.contentUrl);
  return null;
}

export interface AuthorName {
  name: string;
  /** Declared an Organization (a newsroom, a brand) rather than a Person. */
  organization: boolean;
}

/** Author names: strings, Person/Organization objects or references to them, or arrays of either. */
export function authorNames(obj: JsonObject | null, byId: Map<string, JsonObject> = new Map()): AuthorName[] {
  if (obj === null) return [];
  const names: AuthorName[] = [];
  const visit = (v: Json | undefined, depth: number): void => {
    if (depth > 3) return;
    if (typeof v === 'string') {
      if (v.trim() !== '' && !/^https?:\/\//.test(v.trim())) names.push({ name: v.trim(), organization: false });
    } else if (Array.isArray(v)) {
      for (const item of v) visit(item, depth + 1);
    } else if (isObject(v)) {
      const person = resolveRef(v, byId);
      const name = person.name;
      if (typeof name === 'string' && name.trim() !== '')
        names.push({ name: name.trim(), organization: typesOf(person).some((t) => /Organization|WebSite|Corporation/i.test(t)) });
      else if (Array.isArray(name) || isObject(name)) visit(name, depth + 1);
    }
  };
  visit(obj.author ?? obj.creator, 0);
  return names;
}

/** The image URL: a string, an ImageObject, or the first of an array. */
export function imageUrl(obj: JsonObject | null): string | null {
  if (obj === null) return null;
  return asString(obj.image ?? obj.thumbnailUrl);
}
