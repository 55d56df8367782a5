import { Element, isTag, isText, type AnyNode, type Document } from 'domhandler';
import { classAndId } from './dom.ts';
import { LINE_BREAK, normaliseBlockText } from './text.ts';

/** Elements that start a new line of text: the units text is grouped by. */
const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'center',
  'dd',
  'details',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'caption',
  'legend',
]);

/** Never text a reader sees in the article. */
const SKIP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'canvas',
  'iframe',
  'object',
  'embed',
  'video',
  'audio',
  'picture',
  'source',
  'track',
  'map',
  'button',
  'select',
  'option',
  'textarea',
  'input',
  'head',
  'title',
  'meta',
  'link',
  'base',
  'dialog',
  'datalist',
  'output',
  'progress',
  'meter',
  'img',
  'wbr',
]);

const HEADING_LEVEL = new Map([
  ['h1', 1],
  ['h2', 2],
  ['h3', 3],
  ['h4', 4],
  ['h5', 5],
  ['h6', 6],
]);

/** Deeper nesting than this is broken markup; its content is ignored. */
const MAX_DEPTH = 300;

/** A block-level element in the page, with the statistics extraction decides on. */
export interface Box {
  readonly el: Element;
  readonly tag: string;
  readonly hint: string;
  readonly parent: Box | null;
  readonly depth: number;
  readonly children: Box[];
  /** Text blocks of the subtree are blocks[start, end). */
  start: number;
  end: number;
  /** Furniture by tag or class/id (nav, footer, share bars...). */
  junk: boolean;
  /** Figures and their captions. */
  figure: boolean;
}

export type BlockKind = 'text' | 'heading' | 'item' | 'quote' | 'pre' | 'cell' | 'caption';

/** A run of text between block boundaries: a paragraph, heading, list item, cell... */
export interface Block {
  readonly text: string;
  readonly length: number;
  readonly linkLength: number;
  readonly box: Box;
  readonly kind: BlockKind;
  /** 1..6 for headings, else 0. */
  readonly level: number;
  /** True when the box has no block children (a <p>, a leaf <div>), false for a loose run among blocks. */
  whole: boolean;
  /** Inside a junk or figure box (set after the walk). */
  junk: boolean;
  figure: boolean;
}

export interface PageBlocks {
  readonly root: Box;
  readonly blocks: Block[];
  readonly boxes: Box[];
}

/** Class names that hide an element (utility CSS: Tailwind, Bootstrap, WordPress screen-reader text). */
const HIDDEN_CLASS =
  /(?:^|\s)(?:hidden|d-none|is-hidden|u-hidden|visually-hidden|sr-only|screen-reader-text|screen-reader-only|(?:sm|md|lg|xl):hidden|d-(?:sm|md|lg|xl)-none)(?=\s|$)/;
/** ...unless another class shows it again on a desktop-wide screen ("hidden md:block", "d-none d-lg-flex"). */
const SHOWN_WHEN_WIDE =
  /(?:^|\s)(?:(?:sm|md|lg|xl):(?:block|flex|grid|inline|inline-block|inline-flex|table|contents)|d-(?:sm|md|lg|xl)-(?:block|flex|grid|inline|inline-block|inline-flex|table))(?=\s|$)/;
/** React streams server-rendered content into hidden "S:n" boundaries that a script then shows. */
const STREAMED_BOUNDARY = /^S:\d+$/;

function hiddenByClass(cls: string): boolean {
  if (!HIDDEN_CLASS.test(cls)) return false;
  // a "hidden md:block" element is shown on a desktop-wide screen, but "hidden" after "md:hidden" still hides it
  return !(SHOWN_WHEN_WIDE.test(cls) && !/(?:^|\s)(?:(?:sm|md|lg|xl):hidden|d-(?:sm|md|lg|xl)-none)(?=\s|$)/.test(cls));
}

function isHidden(el: Element): boolean {
  const a = el.attribs;
  if (a.hidden !== undefined && !STREAMED_BOUNDARY.test(a.id ?? '')) return true;
  const cls = a.class;
  if (cls !== undefined && hiddenByClass(cls)) return true;
  if (a['aria-hidden'] === 'true' && !/fallback-image/.test(a.class ?? '')) return true;
  const style = a.style;
  if (style !== undefined && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  return false;
}

/** Hover cards and tooltips: inline furniture that only shows on interaction. */
const POPUP_HINT = /tooltip|popover|hovercard|hover-card|rollover|flyout|popup/;

function isPopup(el: Element): boolean {
  const cls = el.attribs.class;
  return cls !== undefined && POPUP_HINT.test(cls.toLowerCase()) && !/link/.test(cls.toLowerCase());
}

function kindOf(tag: string, inFigure: boolean, inPre: boolean, inQuote: boolean): BlockKind {
  if (inFigure || tag === 'figcaption' || tag === 'caption') return 'caption';
  if (HEADING_LEVEL.has(tag)) return 'heading';
  if (inPre) return 'pre';
  if (tag === 'li' || tag === 'dd' || tag === 'dt') return 'item';
  if (tag === 'td' || tag === 'th') return 'cell';
  if (inQuote) return 'quote';
  return 'text';
}

interface WalkState {
  blocks: Block[];
  boxes: Box[];
  /** Text pieces of the current line and how much of it is link text. */
  parts: string[];
  linkChars: number;
}

/**
 * Flattens the page into text blocks in document order, grouped under the block-level elements
 * that contain them. One pass; scripts, styles, forms controls and hidden elements are skipped.
 */
export function collectBlocks(doc: Document): PageBlocks {
  let body: Element | null = null;
  for (const el of findBody(doc)) body = el;
  // fragments without <body>: a detached stand-in that shares the document's nodes
  const rootEl = body ?? new Element('body', {}, doc.children);
  const root: Box = makeBox(rootEl, null);
  const state: WalkState = { blocks: [], boxes: [root], parts: [], linkChars: 0 };
  walkChildren(rootEl.children, root, state, { inLink: false, inPre: false, inQuote: false, inFigure: false, headingTag: '' }, 0);
  flush(state, root, rootEl.name, { inLink: false, inPre: false, inQuote: false, inFigure: false, headingTag: '' });
  root.end = state.blocks.length;
  markFlags(state.blocks);
  return { root, blocks: state.blocks, boxes: state.boxes };
}

function* findBody(doc: Document): Generator<Element> {
  for (const node of doc.children) {
    if (!isTag(node)) continue;
    if (node.name === 'body') {
      yield node;
      return;
    }
    if (node.name === 'html') {
      for (const kid of node.children) {
        if (isTag(kid) && kid.name === 'body') {
          yield kid;
          return;
        }
      }
    }
  }
}

function makeBox(el: Element, parent: Box | null): Box {
  const tag = el.name;
  const hint = classAndId(el);
  return {
    el,
    tag,
    hint,
    parent,
    depth: parent === null ? 0 : parent.depth + 1,
    children: [],
    start: 0,
    end: 0,
    junk: false,
    figure: tag === 'figure' || tag === 'figcaption',
  };
}

interface Context {
  inLink: boolean;
  inPre: boolean;
  inQuote: boolean;
  inFigure: boolean;
  headingTag: string;
}

function walkChildren(nodes: AnyNode[], box: Box, state: WalkState, ctx: Context, depth: number): void {
  if (depth > MAX_DEPTH) return;
  for (const node of nodes) {
    if (isText(node)) {
      const data = node.data;
      if (data.length === 0) continue;
      state.parts.push(data);
      if (ctx.inLink) state.linkChars += data.trim().length;
      continue;
    }
    if (!isTag(node)) continue;
    const tag = node.name;
    if (SKIP_TAGS.has(tag) || isHidden(node)) continue;
    if (tag === 'br') {
      state.parts.push(LINE_BREAK);
      continue;
    }
    if (BLOCK_TAGS.has(tag)) {
      flush(state, box, box.tag, ctx);
      const child = makeBox(node, box);
      if (box.figure) child.figure = true;
      box.children.push(child);
      state.boxes.push(child);
      child.start = state.blocks.length;
      const childCtx: Context = {
        inLink: ctx.inLink,
        inPre: ctx.inPre || tag === 'pre',
        inQuote: ctx.inQuote || tag === 'blockquote',
        inFigure: ctx.inFigure || child.figure,
        headingTag: HEADING_LEVEL.has(tag) ? tag : ctx.headingTag,
      };
      walkChildren(node.children, child, state, childCtx, depth + 1);
      flush(state, child, tag, childCtx);
      child.end = state.blocks.length;
      continue;
    }
    if (isPopup(node)) continue;
    const inner: Context = tag === 'a' && !ctx.inLink ? { ...ctx, inLink: true } : ctx;
    walkChildren(node.children, box, state, inner, depth + 1);
  }
}

function flush(state: WalkState, box: Box, tag: string, ctx: Context): void {
  if (state.parts.length === 0) return;
  const raw = state.parts.join('');
  state.parts = [];
  const linkChars = state.linkChars;
  state.linkChars = 0;
  const text = ctx.inPre
    ? raw
        .split(LINE_BREAK)
        .join('\n')
        .replace(/^\s*\n|\s+$/g, '')
    : normaliseBlockText(raw);
  if (text.length === 0) return;
  const headingTag = ctx.headingTag !== '' ? ctx.headingTag : tag;
  const kind = kindOf(headingTag, ctx.inFigure, ctx.inPre, ctx.inQuote);
  state.blocks.push({
    text,
    length: text.length,
    linkLength: Math.min(linkChars, text.length),
    box,
    kind,
    level: HEADING_LEVEL.get(headingTag) ?? 0,
    whole: true,
    junk: false,
    figure: ctx.inFigure,
  });
}

function markFlags(blocks: Block[]): void {
  for (const block of blocks) block.whole = block.box.children.length === 0;
}
