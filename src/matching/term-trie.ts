/**
 * Character trie over every query word of every topic, exact words and prefix wildcards alike, in
 * flat typed arrays: one walk over a token finds its exact entry and all prefix entries, touching
 * one array cell per character, and stops at the first character no query word continues with.
 * Lower-case letters and digits index a 36-wide row; any other character goes through a map.
 */

const ROW = 36;
const EMPTY: readonly number[] = [];

function slotOf(code: number): number {
  if (code >= 97 && code <= 122) return code - 97;
  if (code >= 48 && code <= 57) return code - 22;
  return -1;
}

export class TermTrie {
  /** children[node * ROW + slot] = child node, 0 = none (the root is never a child). */
  private children = new Int32Array(ROW * 64);
  private readonly others = new Map<number, number>();
  private exactIds = new Int32Array(64).fill(-1);
  private prefixIds = new Int32Array(64).fill(-1);
  private nodeCount = 1;

  /** Adds a word; `prefix` entries match every token starting with `text`. */
  add(text: string, id: number, prefix: boolean): void {
    let node = 0;
    for (let index = 0; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      let child = this.child(node, code);
      if (child === 0) {
        child = this.newNode();
        const slot = slotOf(code);
        if (slot >= 0) this.children[node * ROW + slot] = child;
        else this.others.set(node * 0x10000 + code, child);
      }
      node = child;
    }
    if (prefix) this.prefixIds[node] = id;
    else this.exactIds[node] = id;
  }

  /** Ids of the exact entry equal to `text` and of every prefix entry `text` starts with. */
  lookup(text: string): readonly number[] {
    let found: number[] | null = null;
    let node = 0;
    const { children, prefixIds } = this;
    for (let index = 0; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      const slot = slotOf(code);
      node = slot >= 0 ? (children[node * ROW + slot] as number) : (this.others.get(node * 0x10000 + code) ?? 0);
      if (node === 0) return found ?? EMPTY;
      const prefix = prefixIds[node] as number;
      if (prefix >= 0) (found ??= []).push(prefix);
    }
    const exact = this.exactIds[node] as number;
    if (exact >= 0) (found ??= []).push(exact);
    return found ?? EMPTY;
  }

  get size(): number {
    return this.nodeCount - 1;
  }

  private child(node: number, code: number): number {
    const slot = slotOf(code);
    return slot >= 0 ? (this.children[node * ROW + slot] as number) : (this.others.get(node * 0x10000 + code) ?? 0);
  }

  private newNode(): number {
    const node = this.nodeCount;
    this.nodeCount += 1;
    if (node >= this.exactIds.length) {
      const capacity = this.exactIds.length * 2;
      const children = new Int32Array(capacity * ROW);
      children.set(this.children);
      this.children = children;
      const exactIds = new Int32Array(capacity).fill(-1);
      exactIds.set(this.exactIds);
      this.exactIds = exactIds;
      const prefixIds = new Int32Array(capacity).fill(-1);
      prefixIds.set(this.prefixIds);
      this.prefixIds = prefixIds;
    }
    return node;
  }
}
