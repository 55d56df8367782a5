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
import type { Analyzer, Token } from '../analysis/analyzer.ts';
import type { QueryWarning } from '../query-error.ts';
import type { MatchInput, TopicMatch } from '../types.ts';
import { Evaluator } from './evaluate.ts';
import { explain } from './explain.ts';
import { LeafFinder } from './find-leaves.ts';
import { ItemState } from './item-state.ts';
import type { TermIndex } from './term-index.ts';
import { BODY, type CompiledTopic } from './tree.ts';
import { buildTriggers, collectCandidates, type TriggerTable } from './triggers.ts';

/**
 * Characters of each field that matching reads: about 30,000 words, far beyond any news article,
 * and a bound on the time one item can take whatever a page holds.
 */
export const MAX_FIELD_CHARS = 200_000;
/**
 * The lead is the title, the summary and the body's first paragraph, of at most this many words:
 * a news lede is one or two sentences, and a body without paragraph breaks is not all lead.
 */
export const LEAD_MAX_WORDS = 60;

export interface TopicMatcher {
  /** Topics that matched, best score first. */
  match(input: MatchInput): TopicMatch[];
  readonly topicIds: string[];
  /** What compiled but probably is not what the writer meant (shown by `vigil config check`). */
  readonly warnings: readonly QueryWarning[];
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
    readonly warnings: readonly QueryWarning[],
    private readonly maxFieldChars: number,
  ) {
    this.topicIds = topics.map((topic) => topic.id);
    this.triggers = buildTriggers(topics, index.leafCount);
    this.state = new ItemState(index.leafCount, topics.length);
    this.finder = new LeafFinder(index, analyzer);
    this.evaluator = new Evaluator(this.state);
  }

  match(input: MatchInput): TopicMatch[] {
    const { state, evaluator, maxFieldChars } = this;
    state.reset([input.title ?? '', input.summary ?? '', input.body ?? ''].map((text) => readablePart(text, maxFieldChars)));
    evaluator.reset();
    for (let field = 0; field < 3; field += 1) {
      const tokens = this.analyzer.tokenize(state.texts[field] as string);
      state.setUnits(field, tokens);
      if (field === BODY) state.leadEnd = leadEnd(tokens);
      this.finder.findLeaves(state, field, tokens);
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

/** The first `limit` characters of a text, cut after a word where one ends near the limit. */
function readablePart(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const space = text.lastIndexOf(' ', limit);
  return text.slice(0, space > limit * 0.9 ? space : limit);
}

/** The first word position after the body's lead: the end of its first paragraph, at most LEAD_MAX_WORDS words in. */
function leadEnd(tokens: readonly Token[]): number {
  for (const token of tokens) {
    if (token.paragraph > 0 || token.start >= LEAD_MAX_WORDS) return token.start;
  }
  return Number.MAX_SAFE_INTEGER;
}
