/**
 * Bounds how deeply a page's elements nest before it is parsed. htmlparser2 keeps its stack of
 * open elements front-first, so each open tag costs time proportional to the depth: 100,000
 * nested <div>s take tens of seconds. Real pages stay far below MAX_NESTING; past it, further
 * opening tags (and their matching closing tags) are dropped and their content is kept in the
 * element at the limit, so the text survives and parsing stays linear.
 */

export const MAX_NESTING = 256;

/** Elements that never have content, or whose end tag the parser implies when a sibling starts. */
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
  'basefont',
  'bgsound',
  'frame',
  'image',
  'isindex',
  'menuitem',
]);
const SELF_SIBLING = new Set(['p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'rp', 'rt']);

/**
 * Tags, comments, and raw-text elements whose content holds no tags. Attribute text stops at the
 * next "<" as well as ">", so text full of stray "<" cannot make the scan quadratic.
 */
const TOKEN =
  /<!--[\s\S]*?(?:-->|$)|<(script|style|textarea|xmp|noscript|template|title|plaintext)\b[^<>]*>[\s\S]*?(?:<\/\1\s*>|$)|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)(?:[\s/][^<>]*)?>/g;

export function limitNesting(html: string, maxDepth = MAX_NESTING): string {
  const stack: string[] = [];
  const dropped = new Map<string, number>();
  const out: string[] = [];
  let copiedTo = 0;
  const drop = (start: number, end: number): void => {
    out.push(html.slice(copiedTo, start));
    copiedTo = end;
  };
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(html); m !== null; m = TOKEN.exec(html)) {
    const rawName = m[3];
    if (rawName === undefined) continue; // comment or raw-text element: nothing nests inside
    const name = rawName.toLowerCase();
    if (m[2] === '/') {
      // dropped elements are the innermost ones: a closing tag ends one of them first
      const pending = dropped.get(name) ?? 0;
      if (pending > 0) {
        dropped.set(name, pending - 1);
        drop(m.index, m.index + m[0].length);
        continue;
      }
      const at = stack.lastIndexOf(name);
      if (at >= 0) stack.length = at;
      continue;
    }
    if (VOID.has(name) || m[0].endsWith('/>')) continue;
    if (SELF_SIBLING.has(name) && stack[stack.length - 1] === name) stack.pop();
    if (stack.length >= maxDepth) {
      dropped.set(name, (dropped.get(name) ?? 0) + 1);
      drop(m.index, m.index + m[0].length);
      continue;
    }
    stack.push(name);
  }
  if (copiedTo === 0) return html;
  out.push(html.slice(copiedTo));
  return out.join('');
}
