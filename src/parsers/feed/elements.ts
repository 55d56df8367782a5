import { canonicalUrl } from '../urls.ts';
import { toIsoDate } from '../dates.ts';
import { plainTitle } from './text.ts';
import { hasElementChildren, innerHtml, textOf, type XmlElement } from './xml-tree.ts';

/** Child elements with one of the local names (case-insensitive: feeds write `pubdate`, `PubDate`) in one of the namespaces. */
export function childrenNamed(parent: XmlElement, namespaces: ReadonlySet<string>, ...locals: string[]): XmlElement[] {
  const wanted = locals.map((local) => local.toLowerCase());
  const found: XmlElement[] = [];
  for (const child of parent.children) {
    if (child.type === 'element' && namespaces.has(child.ns) && wanted.includes(child.local.toLowerCase())) found.push(child);
  }
  return found;
}

export function childNamed(parent: XmlElement, namespaces: ReadonlySet<string>, ...locals: string[]): XmlElement | null {
  // Preference follows the order of `locals`, not document order.
  for (const local of locals) {
    const [first] = childrenNamed(parent, namespaces, local);
    if (first) return first;
  }
  return null;
}

/** Trimmed text of the first of the named children that has any. */
export function childText(parent: XmlElement, namespaces: ReadonlySet<string>, ...locals: string[]): string | null {
  for (const local of locals) {
    for (const child of childrenNamed(parent, namespaces, local)) {
      const text = textOf(child).trim();
      if (text !== '') return text;
    }
  }
  return null;
}

/** The HTML an element carries: escaped/CDATA text, or (for feeds that embed raw markup) its children serialised. */
export function elementHtml(element: XmlElement): string {
  return hasElementChildren(element) ? innerHtml(element) : textOf(element);
}

/** First date among the candidates that parses. */
export function firstDate(candidates: (string | null)[]): string | null {
  for (const candidate of candidates) {
    const iso = toIsoDate(candidate);
    if (iso) return iso;
  }
  return null;
}

export function urlFrom(text: string | null | undefined, base: string | null): string | null {
  if (!text) return null;
  return canonicalUrl(text, base);
}

/** "jdoe@example.org (Jane Doe)" → "Jane Doe"; plain names pass through. */
export function authorName(text: string | null): string | null {
  if (!text) return null;
  const cleaned = plainTitle(text);
  const inParens = /^\S+@\S+\s*\((.+)\)$/.exec(cleaned);
  const name = inParens?.[1]?.trim() ?? cleaned;
  return name === '' ? null : name;
}
