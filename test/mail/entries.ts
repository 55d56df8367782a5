import type { MatchHit, TopicMatch } from '../../src/matching/types.ts';
import type { DigestEntry } from '../../src/mail/types.ts';

export function hit(field: MatchHit['field'], text: string, snippet: string): MatchHit {
  return { field, term: text.toLowerCase(), text, snippet };
}

export function topicMatch(topicId: string, score: number, terms: string[], hits: MatchHit[] = []): TopicMatch {
  return { topicId, score, terms, hits, clauses: terms };
}

export function entry(fields: Partial<DigestEntry> & Pick<DigestEntry, 'itemId' | 'title' | 'matches'>): DigestEntry {
  return {
    url: `https://news.example.org/${fields.itemId}`,
    source: 'Example News',
    published: '2025-03-03T12:00:00Z',
    summary: `Summary of ${fields.title}.`,
    partial: false,
    ...fields,
  };
}
