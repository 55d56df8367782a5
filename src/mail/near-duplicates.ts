import type { TopicMatch } from '../matching/types.ts';
import type { DigestEntry } from './types.ts';

/**
 * Syndicated wire stories reach us from many outlets with new headlines, an extra intro line, a footer or light
 * edits. We compare bodies by their 3-word shingles: a changed word breaks at most three shingles, while two
 * independent reports of the same event share names and numbers but few three-word runs.
 *
 * The sketch is a MinHash of those shingles (128 slots) plus the shingle count, so Redis can keep it with each
 * match instead of the body. `similarity` estimates the share of the shorter body's shingles that also occur in
 * the longer one: an outlet that cuts the last paragraphs or adds a footer still scores near 1.
 */

const SLOTS = 128;
const SHINGLE_WORDS = 3;
const SKETCH_VERSION = 'm1';
/** Below this many shingles a body is too short for containment to mean much: whole-text Jaccard is used. */
const MIN_SHINGLES_FOR_CONTAINMENT = 20;

/**
 * Share of shingles two bodies must have in common to be one story. It sits below Feedly's "85% overlap" of
 * text because shingles are stricter than words: 10% of words edited here and there removes up to 30% of shingles.
 */
export const DEFAULT_NEAR_DUPLICATE_THRESHOLD = 0.7;

/** Per-slot seeds: fixed, so sketches computed months apart stay comparable. */
const SEEDS: Uint32Array = (() => {
  const seeds = new Uint32Array(SLOTS);
  let state = 0x9e3779b9;
  for (let i = 0; i < SLOTS; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    seeds[i] = fmix32(state ^ (i * 0x85ebca6b));
  }
  return seeds;
})();

/** MurmurHash3's finaliser: a bijection on 32-bit integers that spreads every input bit. */
function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Lower-case words with punctuation, quotes and accents' composed forms normalised away. */
export function bodyWords(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .map((word) => word.replace(/^'+|'+$/g, ''))
    .filter((word) => word.length > 0);
}

function shingleHashes(text: string): Set<number> {
  const words = bodyWords(text);
  const hashes = new Set<number>();
  if (words.length === 0) return hashes;
  if (words.length < SHINGLE_WORDS) {
    hashes.add(fnv1a(words.join(' ')));
    return hashes;
  }
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) hashes.add(fnv1a(words.slice(i, i + SHINGLE_WORDS).join(' ')));
  return hashes;
}

interface Sketch {
  count: number;
  mins: Uint32Array;
}

/** A compact, serialisable sketch of a body: `m1:<shingle count>:<base64 MinHash>` (about 690 characters). */
export function bodySketch(text: string): string {
  const hashes = shingleHashes(text);
  const mins = new Uint32Array(SLOTS).fill(0xffffffff);
  for (const hash of hashes) {
    for (let slot = 0; slot < SLOTS; slot++) {
      const value = fmix32(hash ^ (SEEDS[slot] ?? 0));
      if (value < (mins[slot] ?? 0)) mins[slot] = value;
    }
  }
  const bytes = Buffer.alloc(SLOTS * 4);
  for (const [slot, value] of mins.entries()) bytes.writeUInt32LE(value, slot * 4);
  return `${SKETCH_VERSION}:${hashes.size}:${bytes.toString('base64')}`;
}

function parseSketch(sketch: string): Sketch {
  const [version, countText, data] = sketch.split(':');
  const count = Number(countText);
  const bytes = Buffer.from(data ?? '', 'base64');
  if (version !== SKETCH_VERSION || !Number.isInteger(count) || count < 0 || bytes.length !== SLOTS * 4) {
    throw new Error(`not a body sketch from bodySketch() (expected "${SKETCH_VERSION}:<count>:<base64>"): recompute it from the body`);
  }
  const mins = new Uint32Array(SLOTS);
  for (let slot = 0; slot < SLOTS; slot++) mins[slot] = bytes.readUInt32LE(slot * 4);
  return { count, mins };
}

function sketchSimilarity(left: Sketch, right: Sketch): number {
  if (left.count === 0 || right.count === 0) return 0;
  let equal = 0;
  for (let slot = 0; slot < SLOTS; slot++) if (left.mins[slot] === right.mins[slot]) equal++;
  const jaccard = equal / SLOTS;
  const smaller = Math.min(left.count, right.count);
  if (smaller < MIN_SHINGLES_FOR_CONTAINMENT) return jaccard;
  // |A∩B| = J·|A∪B| and |A∪B| = |A| + |B| − |A∩B|, so |A∩B| = J·(|A| + |B|) / (1 + J).
  const shared = (jaccard * (left.count + right.count)) / (1 + jaccard);
  return Math.min(1, shared / smaller);
}

/**
 * Estimated share of the shorter body's shingles found in the longer one (0…1); for very short bodies, the
 * Jaccard similarity of the two. Empty bodies are similar to nothing.
 */
export function similarity(a: string, b: string): number {
  return sketchSimilarity(parseSketch(a), parseSketch(b));
}

function bestScore(entry: DigestEntry): number {
  return entry.matches.reduce((best, match) => Math.max(best, match.score), 0);
}

function publishedMs(entry: DigestEntry): number {
  const ms = entry.published ? Date.parse(entry.published) : Number.NaN;
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

function plainEntry(entry: DigestEntry): DigestEntry {
  const { itemId, url, title, source, published, summary, partial, matches, alsoIn } = entry;
  return alsoIn
    ? { itemId, url, title, source, published, summary, partial, matches, alsoIn }
    : { itemId, url, title, source, published, summary, partial, matches };
}

/**
 * Which member of a cluster stands for the story under each topic, with the matches it stands for. The primary
 * stands for its own topics. A topic only copies matched (a different headline can) is shown through the copy
 * that matched it best, never pinned on the primary, whose text did not match it.
 */
function representatives(cluster: { primary: number; copies: number[] }, entries: readonly DigestEntry[]): Map<number, TopicMatch[]> {
  const stands = new Map<number, TopicMatch[]>([[cluster.primary, [...(entries[cluster.primary]?.matches ?? [])]]]);
  const claimed = new Set((entries[cluster.primary]?.matches ?? []).map((match) => match.topicId));
  const best = new Map<string, { member: number; match: TopicMatch }>();
  for (const member of cluster.copies) {
    for (const match of entries[member]?.matches ?? []) {
      if (claimed.has(match.topicId)) continue;
      const current = best.get(match.topicId);
      if (!current || match.score > current.match.score) best.set(match.topicId, { member, match });
    }
  }
  for (const { member, match } of best.values()) stands.set(member, [...(stands.get(member) ?? []), match]);
  return stands;
}

/** The other members of a cluster (and the outlets they already listed), once each, as "also in" links. */
function alsoInFor(member: DigestEntry, others: readonly DigestEntry[]): NonNullable<DigestEntry['alsoIn']> {
  const seen = new Set<string>();
  const alsoIn: NonNullable<DigestEntry['alsoIn']> = [];
  for (const other of [...(member.alsoIn ?? []), ...others.flatMap((copy) => [copy, ...(copy.alsoIn ?? [])])]) {
    const key = other.url ?? `${other.source}\u0000${other.title}`;
    if (seen.has(key) || (member.url !== null && other.url === member.url)) continue;
    seen.add(key);
    alsoIn.push({ source: other.source, url: other.url, title: other.title });
  }
  return alsoIn;
}

/**
 * The same story from several outlets appears once per topic: the highest-scoring copy (then the earliest) is kept
 * and the others are listed in its `alsoIn`. Every entry keeps only matches of its own text: under a topic only a
 * copy matched, that copy appears instead (see `representatives`). Entries may carry a `sketch` from `bodySketch`
 * to skip recomputing it. The result keeps the input order of the kept entries and drops `body` and `sketch`.
 */
export function collapseNearDuplicates(
  entries: (DigestEntry & { body: string; sketch?: string })[],
  threshold = DEFAULT_NEAR_DUPLICATE_THRESHOLD,
): DigestEntry[] {
  const sketches = entries.map((entry) => {
    if (entry.sketch) {
      try {
        return parseSketch(entry.sketch);
      } catch {
        // A sketch stored by an older version: the body is still here, so recompute rather than fail the digest.
      }
    }
    return parseSketch(bodySketch(entry.body.trim() ? entry.body : entry.summary));
  });
  const order = entries
    .map((_, index) => index)
    .sort((a, b) => {
      const ea = entries[a];
      const eb = entries[b];
      if (!ea || !eb) return 0;
      return bestScore(eb) - bestScore(ea) || publishedMs(ea) - publishedMs(eb) || a - b;
    });

  const clusters: { primary: number; copies: number[] }[] = [];
  for (const index of order) {
    const sketch = sketches[index];
    if (!sketch) continue;
    let best: { primary: number; copies: number[] } | null = null;
    let bestSimilarity = threshold;
    for (const cluster of clusters) {
      // Any member, not just the primary: a feed excerpt may share too little with a copy that has a new intro,
      // yet both are clearly the wire story they each nearly contain.
      for (const member of [cluster.primary, ...cluster.copies]) {
        const other = sketches[member];
        const value = other ? sketchSimilarity(other, sketch) : 0;
        if (value >= bestSimilarity) {
          best = cluster;
          bestSimilarity = value;
        }
      }
    }
    if (best) best.copies.push(index);
    else clusters.push({ primary: index, copies: [] });
  }

  const result: { index: number; entry: DigestEntry }[] = [];
  for (const cluster of clusters) {
    const primary = entries[cluster.primary];
    if (!primary) continue;
    if (cluster.copies.length === 0) {
      result.push({ index: cluster.primary, entry: plainEntry(primary) });
      continue;
    }
    const members = [cluster.primary, ...cluster.copies];
    for (const [index, matches] of representatives(cluster, entries)) {
      const member = entries[index];
      if (!member) continue;
      const others = members
        .filter((other) => other !== index)
        .map((other) => entries[other])
        .filter((entry) => entry !== undefined);
      result.push({ index, entry: { ...plainEntry(member), matches, alsoIn: alsoInFor(member, others) } });
    }
  }
  return result.sort((a, b) => a.index - b.index).map((kept) => kept.entry);
}
