import { parseDocument } from 'htmlparser2';
import { isTag, isText, type AnyNode, type Document, type Element } from 'domhandler';

/**
 * Pages past this size are cut before parsing: real articles fit well inside it, and it
 * bounds the work a hostile or broken page (multi-megabyte inline state, endless markup) can cause.
 */
export const MAX_HTML_CHARS = 3_000_000;

/** Parses with htmlparser2 (tolerant, never throws on malformed markup), entities decoded. */
export function parseHtml(html: string): Document {
  const input = html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html;
  return parseDocument(input, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
}

/** Class and id together, lower-cased: the string class/id hints are matched against. */
export function classAndId(el: Element): string {
  const cls = el.attribs['class'];
  const id = el.attribs['id'];
  if (cls === undefined && id === undefined) return '';
  return `${cls ?? ''} ${id ?? ''}`.toLowerCase();
}

/** Depth-first walk over elements (iterative, so deep broken markup cannot overflow the stack). */
export function forEachElement(root: AnyNode, visit: (el: Element) => boolean | void): void {
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
