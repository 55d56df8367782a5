import type { Block, Box, PageBlocks } from './blocks.ts';
import { isProse } from './furniture.ts';
import { classWeight, INNER_JUNK_HINT } from './hints.ts';
import { countCommas } from './text.ts';

const TAG_BONUS = new Map<string, number>(
  Object.entries({
    div: 5,
    article: 5,
    main: 5,
    section: 0,
    pre: 3,
    td: 3,
    blockquote: 3,
    address: -3,
    ol: -3,
    ul: -3,
    dl: -3,
    dd: -3,
    dt: -3,
    li: -3,
    form: -3,
    h1: -5,
    h2: -5,
    h3: -5,
    h4: -5,
    h5: -5,
    h6: -5,
    th: -5,
  }),
);

/** How many ancestors a paragraph lends its score to. */
const ANCESTOR_LEVELS = 5;

export interface Scored {
  box: Box;
  score: number;
}

/** Text, link and prose lengths of every box's subtree (prefix sums over blocks in document order). */
export class BoxText {
  private readonly text: Float64Array;
  private readonly links: Float64Array;
  private readonly proseText: Float64Array;
  private readonly goodProseText: Float64Array;
  private readonly teaserText: Float64Array;
  constructor(blocks: Block[]) {
    this.teaserText = new Float64Array(blocks.length + 1);
    this.text = new Float64Array(blocks.length + 1);
    this.links = new Float64Array(blocks.length + 1);
    this.proseText = new Float64Array(blocks.length + 1);
    this.goodProseText = new Float64Array(blocks.length + 1);
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i];
      this.proseText[i + 1] = (this.proseText[i] ?? 0) + (b !== undefined && isProse(b.length, b.linkLength) ? b.length : 0);
      const goodProse = b !== undefined && !b.junk && !b.figure && isProse(b.length, b.linkLength) ? b.length : 0;
      this.goodProseText[i + 1] = (this.goodProseText[i] ?? 0) + goodProse;
      // a blurb right after a linked line: a teaser for another page (or a reference after its link)
      const prev = blocks[i - 1];
      const teaser = goodProse > 0 && prev !== undefined && prev.length > 0 && prev.linkLength >= prev.length * 0.8 ? goodProse : 0;
      this.teaserText[i + 1] = (this.teaserText[i] ?? 0) + teaser;
      const usable = b !== undefined && !b.junk;
      this.text[i + 1] = (this.text[i] ?? 0) + (usable ? b.length : 0);
      // links inside real paragraphs are citations, not navigation: they do not count against a container
      const navLinks = usable && !(b.length >= 80 && b.linkLength <= b.length * 0.5) ? b.linkLength : 0;
      this.links[i + 1] = (this.links[i] ?? 0) + navLinks;
    }
  }
  /** Paragraph-like text in the subtree, furniture included. */
  prose(box: Box): number {
    return (this.proseText[box.end] ?? 0) - (this.proseText[box.start] ?? 0);
  }
  /** Paragraph-like text in the subtree outside furniture and figures. */
  goodProse(box: Box): number {
    return (this.goodProseText[box.end] ?? 0) - (this.goodProseText[box.start] ?? 0);
  }
  /** Good prose that reads as teasers: blurbs that follow a linked headline. */
  teasers(box: Box): number {
    return (this.teaserText[box.end] ?? 0) - (this.teaserText[box.start] ?? 0);
  }
  length(box: Box): number {
    return (this.text[box.end] ?? 0) - (this.text[box.start] ?? 0);
  }
  linkDensity(box: Box): number {
    const len = this.length(box);
    if (len === 0) return 0;
    return ((this.links[box.end] ?? 0) - (this.links[box.start] ?? 0)) / len;
  }
}

function paragraphScore(block: Block): number {
  if (block.junk || block.figure) return 0;
  if (block.kind !== 'text' && block.kind !== 'quote' && block.kind !== 'pre' && block.kind !== 'cell') return 0;
  if (block.length < 25 || block.linkLength > block.length * 0.5) return 0;
  return 1 + countCommas(block.text) + Math.min(3, Math.floor(block.length / 100));
}

/**
 * Readability-style candidate scoring: every paragraph lends its score to its container and,
 * decreasingly, to a few ancestors; the container's score is then discounted by link density.
 * Returns the boxes that make up the article, in document order.
 */
export function chooseArticleBoxes(page: PageBlocks, boxText: BoxText): Box[] {
  const scored = scoreCandidates(page, boxText);
  if (scored.length === 0) return [page.root];
  const final = new Map<Box, number>();
  for (const s of scored) final.set(s.box, s.score);
  const first = scored[0];
  if (first === undefined) return [page.root];
  let top = first.box;
  top = preferCommonAncestor(top, scored, page.root);
  top = climb(top, final, page.root);
  top = widen(top, boxText, page.root);
  return withSiblings(top, final, boxText, page);
}

/** Candidate containers with their final scores, best first. */
export function scoreCandidates(page: PageBlocks, boxText: BoxText): Scored[] {
  const raw = new Map<Box, number>();
  for (const block of page.blocks) {
    const s = paragraphScore(block);
    if (s === 0) continue;
    let anc: Box | null = block.whole ? block.box.parent : block.box;
    for (let level = 0; anc !== null && level < ANCESTOR_LEVELS; level++, anc = anc.parent) {
      if (anc.junk) break;
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      const prev = raw.get(anc) ?? initialScore(anc);
      raw.set(anc, prev + s / divider);
    }
  }
  const scored: Scored[] = [];
  for (const [box, s] of raw) scored.push({ box, score: s * (1 - boxText.linkDensity(box)) });
  scored.sort((a, b) => b.score - a.score);
  return scored;
}

function initialScore(box: Box): number {
  return (TAG_BONUS.get(box.tag) ?? 0) + classWeight(box.hint);
}

/** When several near-top candidates share an ancestor, the article is probably that ancestor. */
function preferCommonAncestor(top: Box, scored: Scored[], root: Box): Box {
  const topScore = scored[0]?.score ?? 0;
  const alternatives: Box[] = [];
  for (const s of scored.slice(1)) {
    if (s.score >= topScore * 0.75 && !isAncestorOf(s.box, top) && !isAncestorOf(top, s.box)) alternatives.push(s.box);
  }
  if (alternatives.length < 3) return top;
  const ancestorsOf = alternatives.map((alt) => ancestorSet(alt));
  for (let p = top.parent; p !== null && p !== root; p = p.parent) {
    let containing = 0;
    for (const set of ancestorsOf) if (set.has(p)) containing++;
    if (containing >= 3) return p;
  }
  return top;
}

function climb(top: Box, final: Map<Box, number>, root: Box): Box {
  let lastScore = final.get(top) ?? 0;
  const threshold = lastScore / 3;
  for (let parent = top.parent; parent !== null && parent !== root; parent = parent.parent) {
    const ps = final.get(parent);
    if (ps === undefined) continue;
    if (ps < threshold) break;
    if (ps > lastScore) {
      top = parent;
      break;
    }
    lastScore = ps;
  }
  while (top.parent !== null && top.parent !== root && top.parent.children.length === 1) top = top.parent;
  return top;
}

/** How much more prose an ancestor must add than other text for the article to be taken as it. */
const WIDEN_PROSE_PER_OTHER = 1.5;

/**
 * An article split into sibling sections (one per subheading, as page builders and rich-text
 * editors emit them) scores section by section; the chosen section is then only part of it.
 * Moves up while each ancestor adds clearly more prose than other text (link lists, buttons,
 * short lines); furniture already marked counts as neither.
 */
function widen(top: Box, boxText: BoxText, root: Box): Box {
  let current = top;
  for (let parent = current.parent; parent !== null && parent !== root; parent = parent.parent) {
    const gained = boxText.goodProse(parent) - boxText.teasers(parent) - (boxText.goodProse(current) - boxText.teasers(current));
    const other = boxText.length(parent) - boxText.length(current) - gained;
    if (gained <= 0) {
      if (other <= 0) {
        current = parent;
        continue;
      }
      break;
    }
    if (gained < other * WIDEN_PROSE_PER_OTHER) break;
    current = parent;
  }
  return current;
}

function withSiblings(top: Box, final: Map<Box, number>, boxText: BoxText, page: PageBlocks): Box[] {
  const parent = top.parent;
  if (parent === null) return [top];
  const topScore = final.get(top) ?? 0;
  const threshold = Math.max(10, topScore * 0.2);
  const out: Box[] = [];
  for (const sib of parent.children) {
    if (sib === top) {
      out.push(sib);
      continue;
    }
    if (sib.junk || (sib.hint !== '' && INNER_JUNK_HINT.test(sib.hint))) continue;
    let bonus = 0;
    if (top.hint !== '' && sib.el.attribs.class === top.el.attribs.class) bonus = topScore * 0.2;
    const s = final.get(sib);
    if (s !== undefined && s + bonus >= threshold) {
      out.push(sib);
      continue;
    }
    const len = boxText.length(sib);
    if (len === 0) continue;
    const ld = boxText.linkDensity(sib);
    if (len > 80 && ld < 0.25 && boxText.goodProse(sib) >= len * 0.6) {
      out.push(sib);
      continue;
    }
    const text = page.blocks[sib.start]?.text ?? '';
    if (len <= 80 && ld === 0 && sib.end - sib.start === 1 && /\.( |$)/.test(text)) out.push(sib);
  }
  return out;
}

function isAncestorOf(a: Box, b: Box): boolean {
  for (let p = b.parent; p !== null; p = p.parent) if (p === a) return true;
  return false;
}

function ancestorSet(box: Box): Set<Box> {
  const set = new Set<Box>();
  for (let p = box.parent; p !== null; p = p.parent) set.add(p);
  return set;
}
