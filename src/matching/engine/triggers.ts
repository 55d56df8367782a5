/**
 * Which topics an item can possibly match, from the leaves that fired: each topic is evaluated only
 * once every one of its required groups (sets of leaves of which one must fire for the query to
 * hold) saw a leaf, or always when it can hold with no term at all (such as `NOT x`).
 */
import { flatten } from './flat-lists.ts';
import type { ItemState } from './item-state.ts';
import type { CompiledTopic, Tree } from './tree.ts';

/** Required groups tracked per topic (bits of an int). */
const MAX_REQUIRED_GROUPS = 30;

export interface TriggerTable {
  /** Per leaf, the (topic, required group) pairs it satisfies, as topic * MAX_REQUIRED_GROUPS + group. */
  readonly triggerOffsets: Int32Array;
  readonly triggers: Int32Array;
  /** Per topic, the bits of all its required groups: it is evaluated once all of them fired. */
  readonly requiredGroupMasks: Int32Array;
  readonly alwaysEvaluated: number[];
}

export function buildTriggers(topics: readonly CompiledTopic[], leafCount: number): TriggerTable {
  const triggersByLeaf: number[][] = Array.from({ length: leafCount }, () => []);
  const alwaysEvaluated: number[] = [];
  const requiredGroupMasks = new Int32Array(topics.length);
  topics.forEach((topic, topicIndex) => {
    const groups = topic.holdsWithoutTerms ? [] : requiredGroups(topic.query);
    if (groups.length === 0) {
      alwaysEvaluated.push(topicIndex);
      return;
    }
    // Keep the most selective groups: any subset of them is still a necessary condition.
    const kept = groups.sort((a, b) => a.size - b.size).slice(0, MAX_REQUIRED_GROUPS);
    kept.forEach((group, bit) => {
      for (const leaf of group) (triggersByLeaf[leaf] as number[]).push(topicIndex * MAX_REQUIRED_GROUPS + bit);
    });
    requiredGroupMasks[topicIndex] = (1 << kept.length) - 1;
  });
  const [triggerOffsets, triggers] = flatten(triggersByLeaf);
  return { triggerOffsets, triggers, requiredGroupMasks, alwaysEvaluated };
}

/** Fills `state.candidates` with the topics worth evaluating for the leaves that fired. */
export function collectCandidates(table: TriggerTable, state: ItemState): void {
  const { triggerOffsets, triggers, requiredGroupMasks } = table;
  const groupsFired = state.groupsFired;
  for (const leaf of state.touchedLeaves) {
    const last = triggerOffsets[leaf + 1] as number;
    for (let entry = triggerOffsets[leaf] as number; entry < last; entry += 1) {
      const trigger = triggers[entry] as number;
      const topic = (trigger / MAX_REQUIRED_GROUPS) | 0;
      const before = groupsFired[topic] as number;
      if (before === 0) state.touchedTopics.push(topic);
      const after = before | (1 << (trigger - topic * MAX_REQUIRED_GROUPS));
      groupsFired[topic] = after;
      if (after !== before && after === requiredGroupMasks[topic]) state.candidates.push(topic);
    }
  }
  for (const topic of table.alwaysEvaluated) state.candidates.push(topic);
}

/**
 * Leaves of which at least one must fire for the tree to hold; a topic is only evaluated when one
 * did. For AND the smallest such set among the children is enough. Null when there is none (NOT).
 */
function requiredLeaves(tree: Tree): Set<number> | null {
  switch (tree.kind) {
    case 'leaf':
      return new Set([tree.leaf]);
    case 'near':
      return smallest([requiredLeaves(tree.left), requiredLeaves(tree.right)]);
    case 'mentions':
      return requiredLeaves(tree.child);
    case 'and':
      return smallest(tree.children.map(requiredLeaves));
    case 'or': {
      const union = new Set<number>();
      for (const child of tree.children) {
        const required = requiredLeaves(child);
        if (required === null) return null;
        for (const leaf of required) union.add(leaf);
      }
      return union;
    }
    case 'not':
      return null;
  }
}

/**
 * Sets of leaves of which each must have at least one fired leaf for the tree to hold (both sides of
 * a NEAR, every child of an AND). Empty when no term is needed (NOT).
 */
function requiredGroups(tree: Tree): Array<Set<number>> {
  switch (tree.kind) {
    case 'leaf':
      return [new Set([tree.leaf])];
    case 'near':
      return [...requiredGroups(tree.left), ...requiredGroups(tree.right)];
    case 'mentions':
      return requiredGroups(tree.child);
    case 'and':
      return tree.children.flatMap(requiredGroups);
    case 'or': {
      const union = requiredLeaves(tree);
      return union === null ? [] : [union];
    }
    case 'not':
      return [];
  }
}

function smallest(sets: Array<Set<number> | null>): Set<number> | null {
  let best: Set<number> | null = null;
  for (const set of sets) if (set !== null && (best === null || set.size < best.size)) best = set;
  return best;
}
