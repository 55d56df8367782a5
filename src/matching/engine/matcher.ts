/**
 * The matcher of a set of compiled topics. Matching an item tokenises each field once, looks each
 * word up once in the shared term index, and then evaluates only the topics whose terms fired.
 *
 * Layers, from text to topics:
 *   words   – one id per distinct word pattern over all topics (term-index.ts, term-trie.ts);
 *   leaves  – one id per distinct word sequence (a word or a phrase), found from the positions of
 *             their first word (find-leaves.ts);
 *   topics  – a boolean tree over leaves (with field masks and NEAR), evaluated only when its
 *             required leaves fired (triggers.ts, evaluate.ts), then scored and explained (explain.ts).
 */
import type { Analyzer } from '../analysis/analyzer.ts';
import type { MatchInput, TopicMatch } from '../types.ts';
import { Evaluator } from './evaluate.ts';
import { explain } from './explain.ts';
import { LeafFinder } from './find-leaves.ts';
import { ItemState } from './item-state.ts';
import type { TermIndex } from './term-index.ts';
import type { CompiledTopic } from './tree.ts';
import { buildTriggers, collectCandidates, type TriggerTable } from './triggers.ts';

export interface TopicMatcher {
  /** Topics that matched, best score first. */
  match(input: MatchInput): TopicMatch[];
  readonly topicIds: string[];
}

export class CompiledMatcher implements TopicMatcher {
  readonly topicIds: string[];
  private readonly triggers: TriggerTable;
  private readonly state: ItemState;
  private readonly finder: LeafFinder;
  private readonly evaluator: Evaluator;

  constructor(
    index: TermIndex,
    private readonly topics: CompiledTopic[],
    private readonly analyzer: Analyzer,
  ) {
    this.topicIds = topics.map((topic) => topic.id);
    this.triggers = buildTriggers(topics, index.leafWords.length);
    this.state = new ItemState(index.leafWords.length, topics.length);
    this.finder = new LeafFinder(index, analyzer);
    this.evaluator = new Evaluator(this.state);
  }

  match(input: MatchInput): TopicMatch[] {
    const { state, evaluator } = this;
    state.reset([input.title ?? '', input.summary ?? '', input.body ?? '']);
    for (let field = 0; field < 3; field += 1) {
      this.finder.findLeaves(state, field, this.analyzer.tokenize(state.texts[field] as string));
    }
    collectCandidates(this.triggers, state);
    const results: TopicMatch[] = [];
    for (const topicIndex of state.candidates) {
      const topic = this.topics[topicIndex] as CompiledTopic;
      if (!evaluator.holds(topic.query)) continue;
      if (topic.exclude && evaluator.holds(topic.exclude)) continue;
      const result = explain(topic, evaluator, state);
      if (result.score >= topic.minScore) results.push(result);
    }
    results.sort((a, b) => b.score - a.score || a.topicId.localeCompare(b.topicId));
    return results;
  }
}
