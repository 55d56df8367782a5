import type { Token } from '../analysis/analyzer.ts';
import { BODY, BODY_LEAD_BIT } from './tree.ts';

/** Where a leaf (word or phrase) occurs in the item being matched. */
export interface Occurrence {
  /** Index in FIELD_ORDER. */
  field: number;
  start: number;
  end: number;
  charStart: number;
  charEnd: number;
}

/**
 * Per-item state: which leaves fired where. Reused between items; occurrences live in flat typed
 * arrays chained per leaf, so recording one allocates nothing.
 */
export class ItemState {
  readonly leafFieldMask: Uint8Array;
  /** First occurrence of each leaf (-1: none), then `next` links. */
  readonly leafHead: Int32Array;
  readonly touchedLeaves: number[] = [];
  /** Per topic, the bits of its required groups that fired. */
  readonly groupsFired: Int32Array;
  readonly touchedTopics: number[] = [];
  readonly candidates: number[] = [];
  /** The item's fields, in FIELD_ORDER. */
  texts: string[] = [];
  /** Word position where the body's lead (first paragraph) ends. */
  leadEnd = 0;
  /** Per field, the sentence and the paragraph of each word position. */
  private readonly sentenceAt = [new Int32Array(256), new Int32Array(256), new Int32Array(256)];
  private readonly paragraphAt = [new Int32Array(256), new Int32Array(256), new Int32Array(256)];
  private capacity = 256;
  count = 0;
  field = new Uint8Array(this.capacity);
  start = new Int32Array(this.capacity);
  end = new Int32Array(this.capacity);
  charStart = new Int32Array(this.capacity);
  charEnd = new Int32Array(this.capacity);
  next = new Int32Array(this.capacity);

  constructor(leafCount: number, topicCount: number) {
    this.leafFieldMask = new Uint8Array(leafCount);
    this.leafHead = new Int32Array(leafCount).fill(-1);
    this.groupsFired = new Int32Array(topicCount);
  }

  record(leaf: number, field: number, start: number, end: number, charStart: number, charEnd: number): void {
    // Two spellings of one compound (al-Hol as "al hol" and as "alhol") find the same place.
    const head = this.leafHead[leaf] as number;
    if (head >= 0 && this.start[head] === start && this.end[head] === end && this.field[head] === field) return;
    if (this.count === this.capacity) this.grow();
    const slot = this.count;
    this.count += 1;
    this.field[slot] = field;
    this.start[slot] = start;
    this.end[slot] = end;
    this.charStart[slot] = charStart;
    this.charEnd[slot] = charEnd;
    this.next[slot] = this.leafHead[leaf] as number;
    this.leafHead[leaf] = slot;
    if (this.leafFieldMask[leaf] === 0) this.touchedLeaves.push(leaf);
    const lead = field === BODY && start < this.leadEnd ? BODY_LEAD_BIT : 0;
    this.leafFieldMask[leaf] = (this.leafFieldMask[leaf] as number) | (1 << field) | lead;
  }

  /** Whether an occurrence starting at `start` in `field` lies in the scope of `mask` (see tree.ts). */
  inScope(mask: number, field: number, start: number): boolean {
    return (mask & (1 << field)) !== 0 || (field === BODY && (mask & BODY_LEAD_BIT) !== 0 && start < this.leadEnd);
  }

  /** Occurrences of a leaf in the scope of `mask`, in text order. */
  occurrences(leaf: number, mask: number): Occurrence[] {
    const out: Occurrence[] = [];
    for (let slot = this.leafHead[leaf] as number; slot >= 0; slot = this.next[slot] as number) {
      const field = this.field[slot] as number;
      if (!this.inScope(mask, field, this.start[slot] as number)) continue;
      out.push({
        field,
        start: this.start[slot] as number,
        end: this.end[slot] as number,
        charStart: this.charStart[slot] as number,
        charEnd: this.charEnd[slot] as number,
      });
    }
    return out.reverse();
  }

  /** Records the sentence and paragraph of each word position of a field's tokens. */
  setUnits(field: number, tokens: readonly Token[]): void {
    let last = 0;
    for (const token of tokens) if (token.end > last) last = token.end;
    if ((this.sentenceAt[field] as Int32Array).length <= last) {
      this.sentenceAt[field] = new Int32Array(last * 2 + 1);
      this.paragraphAt[field] = new Int32Array(last * 2 + 1);
    }
    const sentences = this.sentenceAt[field] as Int32Array;
    const paragraphs = this.paragraphAt[field] as Int32Array;
    for (const token of tokens) {
      if (token.joined) continue;
      sentences[token.start] = token.sentence;
      paragraphs[token.start] = token.paragraph;
    }
  }

  sentenceOf(field: number, position: number): number {
    return (this.sentenceAt[field] as Int32Array)[position] as number;
  }

  paragraphOf(field: number, position: number): number {
    return (this.paragraphAt[field] as Int32Array)[position] as number;
  }

  reset(texts: string[]): void {
    for (const leaf of this.touchedLeaves) {
      this.leafFieldMask[leaf] = 0;
      this.leafHead[leaf] = -1;
    }
    this.touchedLeaves.length = 0;
    this.count = 0;
    for (const topic of this.touchedTopics) this.groupsFired[topic] = 0;
    this.touchedTopics.length = 0;
    this.candidates.length = 0;
    this.texts = texts;
  }

  private grow(): void {
    this.capacity *= 2;
    const grown = <T extends Uint8Array | Int32Array>(array: T, make: (size: number) => T): T => {
      const bigger = make(this.capacity);
      bigger.set(array);
      return bigger;
    };
    this.field = grown(this.field, (size) => new Uint8Array(size));
    this.start = grown(this.start, (size) => new Int32Array(size));
    this.end = grown(this.end, (size) => new Int32Array(size));
    this.charStart = grown(this.charStart, (size) => new Int32Array(size));
    this.charEnd = grown(this.charEnd, (size) => new Int32Array(size));
    this.next = grown(this.next, (size) => new Int32Array(size));
  }
}
