import { compileTopics, QueryError } from '../matching/index.ts';
import type { TopicConfig } from './schema.ts';

/**
 * Compiles each topic on its own, so a config with three broken queries says so once, with three
 * lines (`topics[2].query: position 18: expected ")"`), instead of one fix-and-retry round per query.
 */
export function topicQueryProblems(topics: readonly (TopicConfig | undefined)[], synonyms: Record<string, string[]>): string[] {
  const problems: string[] = [];
  topics.forEach((topic, index) => {
    // A topic that failed validation is reported by the schema already.
    if (!topic) return;
    try {
      // Without an id the error locates itself by field and position only: the key path says which topic.
      compileTopics([{ ...topic, id: '' }], synonyms);
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
      const lead = `${error.field}, `;
      const where = error.message.startsWith(lead) ? error.message.slice(lead.length) : error.message;
      problems.push(`topics[${index}].${error.field}: ${where}`);
    }
  });
  return problems;
}
