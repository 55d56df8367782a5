/**
 * Character trie over every query word of every topic, exact words and prefix wildcards alike: one
 * walk over a token finds its exact entry and all prefix entries, and stops at the first character
 * no query word continues with. Edges of lower-case letters and digits live in one open-addressing
 * hash table of typed arrays (compact, so walks stay in cache even with thousands of topics); any
 * other character goes through a map.
 */

const ROW = 36;
const EMPTY: readonly number[] = [];

function slotOf(code: number): number {
  if (code >= 97 && code <= 122) return code - 97;
  if (code >= 48 && code <= 57) return code - 22;
  return -1;
}

export class TermTrie {
  /**
   * Edge table of (key, child) pairs side by side, so a probe reads one cache line:
   * edges[2i] = node * ROW + slot + 1 (0 = empty), edges[2i + 1] = child node.
   */
  private edges = new Int32Array(2048);
  private edgeCount = 0;
  private readonly others = new Map<number, number>();
  private exactIds = new Int32Array(64).fill(-1);
  private prefixIds = new Int32Array(64).fill(-1);
  private parents = new Int32Array(64);
  private nodeCount = 1;
  /**
   * Answers as ranges of one flat array, built on the first lookup after an add: answer `key` is
   * ids[offsets[key] .. offsets[key + 1]). Key 2n: the prefix entries down to node n (a walk that
   * stopped there); 2n + 1: those plus n's exact entry (a token that ended there). Reading ids from
   * one typed array keeps the hot loop free of per-node arrays.
   */
  private answerOffsets = new Int32Array(1);
  private answerIds = new Int32Array(0);
  private answersBuilt = false;
  private readonly prefixCache: Array<readonly number[] | undefined> = [];
  private readonly wordCache: Array<readonly number[] | undefined> = [];

  /** Adds a word; `prefix` entries match every token starting with `text`. */
  add(text: string, id: number, prefix: boolean): void {
    let node = 0;
    for (let index = 0; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      let child = this.child(node, code);
      if (child === 0) {
        child = this.newNode(node);
        const slot = slotOf(code);
        if (slot >= 0) this.setEdge(node * ROW + slot + 1, child);
        else this.others.set(node * 0x10000 + code, child);
      }
      node = child;
    }
    if (prefix) this.prefixIds[node] = id;
    else this.exactIds[node] = id;
    this.answersBuilt = false;
    this.prefixCache.length = 0;
    this.wordCache.length = 0;
  }

  /**
   * The exact entry equal to `text` and every prefix entry `text` starts with, as an answer key:
   * the ids are ids[offsets[key] .. offsets[key + 1]).
   */
  lookupKey(text: string): number {
    if (!this.answersBuilt) this.buildAnswers();
    let node = 0;
    for (let index = 0; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      const slot = slotOf(code);
      const child = slot >= 0 ? this.edge(node * ROW + slot + 1) : (this.others.get(node * 0x10000 + code) ?? 0);
      if (child === 0) return node * 2;
      node = child;
    }
    return node * 2 + 1;
  }

  /** Start of each answer's ids in `ids`; answer key k ends where k + 1 starts. */
  get offsets(): Int32Array {
    if (!this.answersBuilt) this.buildAnswers();
    return this.answerOffsets;
  }

  get ids(): Int32Array {
    if (!this.answersBuilt) this.buildAnswers();
    return this.answerIds;
  }

  private buildAnswers(): void {
    const count = this.nodeCount;
    const offsets = new Int32Array(count * 2 + 1);
    const ids: number[] = [];
    for (let node = 0; node < count; node += 1) {
      offsets[node * 2] = ids.length;
      const prefixes = node === 0 ? EMPTY : this.prefixesTo(node);
      ids.push(...prefixes);
      offsets[node * 2 + 1] = ids.length;
      ids.push(...this.wordsAt(node));
    }
    offsets[count * 2] = ids.length;
    this.answerOffsets = offsets;
    this.answerIds = Int32Array.from(ids);
    this.answersBuilt = true;
  }

  /**
   * The answer depends only on the node where the walk ends, so it is built once per node and
   * shared: looking up a token allocates nothing.
   */
  private prefixesTo(node: number): readonly number[] {
    if (node === 0) return EMPTY;
    let cached = this.prefixCache[node];
    if (cached === undefined) {
      const parent = this.parents[node] as number;
      const above = this.prefixesTo(parent);
      const own = this.prefixIds[node] as number;
      cached = own >= 0 ? [...above, own] : above;
      this.prefixCache[node] = cached;
    }
    return cached;
  }

  private wordsAt(node: number): readonly number[] {
    let cached = this.wordCache[node];
    if (cached === undefined) {
      const exact = this.exactIds[node] as number;
      const prefixes = this.prefixesTo(node);
      cached = exact >= 0 ? [...prefixes, exact] : prefixes;
      this.wordCache[node] = cached;
    }
    return cached;
  }

  get size(): number {
    return this.nodeCount - 1;
  }

  private child(node: number, code: number): number {
    const slot = slotOf(code);
    return slot >= 0 ? this.edge(node * ROW + slot + 1) : (this.others.get(node * 0x10000 + code) ?? 0);
  }

  private edge(key: number): number {
    const { edges } = this;
    const mask = edges.length - 2;
    for (let index = (Math.imul(key, 0x9e3779b1) << 1) & mask; ; index = (index + 2) & mask) {
      const found = edges[index] as number;
      if (found === key) return edges[index + 1] as number;
      if (found === 0) return 0;
    }
  }

  private setEdge(key: number, target: number): void {
    if ((this.edgeCount + 1) * 4 > this.edges.length) this.rehash(this.edges.length * 2);
    const { edges } = this;
    const mask = edges.length - 2;
    let index = (Math.imul(key, 0x9e3779b1) << 1) & mask;
    while (edges[index] !== 0) index = (index + 2) & mask;
    edges[index] = key;
    edges[index + 1] = target;
    this.edgeCount += 1;
  }

  private rehash(size: number): void {
    const old = this.edges;
    this.edges = new Int32Array(size);
    this.edgeCount = 0;
    for (let index = 0; index < old.length; index += 2) {
      if (old[index] !== 0) this.setEdge(old[index] as number, old[index + 1] as number);
    }
  }

  private newNode(parent: number): number {
    const node = this.nodeCount;
    this.nodeCount += 1;
    this.prefixCache.length = 0;
    this.wordCache.length = 0;
    if (node >= this.exactIds.length) {
      const capacity = this.exactIds.length * 2;
      const exactIds = new Int32Array(capacity).fill(-1);
      exactIds.set(this.exactIds);
      this.exactIds = exactIds;
      const prefixIds = new Int32Array(capacity).fill(-1);
      prefixIds.set(this.prefixIds);
      this.prefixIds = prefixIds;
      const parents = new Int32Array(capacity);
      parents.set(this.parents);
      this.parents = parents;
    }
    this.parents[node] = parent;
    return node;
  }
}
