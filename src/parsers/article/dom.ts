import { load, type CheerioAPI } from 'cheerio/slim';
import { hasChildren, isTag, isText, type AnyNode, type Document, type Element } from 'domhandler';
import { cutPage } from './input.ts';
import { limitNesting } from './nesting.ts';

/** A parsed page: cheerio for queries, its document for the hand-written walks that need speed. */
export interface LoadedPage {
  $: CheerioAPI;
  doc: Document;
}

/**
 * Loads a page through cheerio (htmlparser2 underneath: tolerant, never throws on malformed
 * markup, entities decoded), after cutting it to size and bounding its nesting.
 */
export function loadPage(html: string): LoadedPage {
  const $ = load(limitNesting(cutPage(html)));
  const root = $.root()[0];
  if (root === undefined) throw new Error('cheerio returned no document root');
  return { $, doc: root };
}

/** Class and id together, lower-cased: the string class/id hints are matched against. */
export function classAndId(el: Element): string {
  const cls = el.attribs.class;
  const id = el.attribs.id;
  if (cls === undefined && id === undefined) return '';
  return `${cls ?? ''} ${id ?? ''}`.toLowerCase();
}

/** Depth-first walk over elements (iterative, so deep broken markup cannot overflow the stack). */
export function forEachElement(root: AnyNode, visit: (el: Element) => boolean | undefined): void {
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    let descend = true;
    if (isTag(node)) descend = visit(node) !== false;
    if (descend && 'children' in node) {
      const kids = node.children;
      for (let i = kids.length - 1; i >= 0; i--) {
        const kid = kids[i];
        if (kid !== undefined) stack.push(kid);
      }
    }
  }
}

/** Raw concatenated text of a subtree (no whitespace normalisation). */
export function rawText(node: AnyNode): string {
  if (isText(node)) return node.data;
  let out = '';
  const stack: AnyNode[] = [node];
  while (stack.length > 0) {
    const cur = stack.pop();
    if (cur === undefined) break;
    if (isText(cur)) out += cur.data;
    else if ('children' in cur) {
      for (let i = cur.children.length - 1; i >= 0; i--) {
        const kid = cur.children[i];
        if (kid !== undefined) stack.push(kid);
      }
    }
  }
  return out;
}

/** Elements whose boundaries separate words on screen (everything but inline formatting). */
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'dfn',
  'em',
  'font',
  'i',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'strong',
  'sub',
  'sup',
  'u',
  'var',
]);
const UNREAD = new Set(['script', 'style', 'noscript', 'template', 'svg']);

/**
 * Text of a subtree as a reader sees it: a space wherever an element other than inline
 * formatting starts or ends ("<span>By</span><a>Jane</a>" reads "By Jane"), scripts left out.
 */
export function readableText(node: AnyNode): string {
  let out = '';
  const stack: (AnyNode | null)[] = [node];
  while (stack.length > 0) {
    const cur = stack.pop();
    if (cur === undefined) break;
    if (cur === null) {
      out += ' ';
      continue;
    }
    if (isText(cur)) {
      out += cur.data;
      continue;
    }
    if (!hasChildren(cur)) continue;
    if (isTag(cur) && UNREAD.has(cur.name)) continue;
    if (isTag(cur) && !INLINE.has(cur.name)) {
      out += ' ';
      stack.push(null);
    }
    const kids = cur.children;
    for (let i = kids.length - 1; i >= 0; i--) {
      const kid = kids[i];
      if (kid !== undefined) stack.push(kid);
    }
  }
  return out;
}
