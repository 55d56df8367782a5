/**
 * The labelled topic sets: JSON lines `{id, title, summary, body, lang, topics, note}` as in
 * ../shared/eval/topics (README.md there describes the fields), and the fixed held-out fold.
 */
import { readFileSync } from 'node:fs';

export interface LabelledArticle {
  id: string;
  title: string;
  summary: string;
  body: string;
  lang: string;
  /** Gold topic ids; for scoring only, never shown to a matcher. */
  topics: string[];
  /** The annotator's reason for the label ("Hard negative: ..."); for reading mistakes only. */
  note: string;
}

export function readLabelledFile(path: string): LabelledArticle[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const value = JSON.parse(line) as Partial<LabelledArticle>;
      if (typeof value.id !== 'string' || !Array.isArray(value.topics)) {
        throw new Error(`${path}:${index + 1}: expected a labelled item with "id" and "topics"; see the README next to the file`);
      }
      return {
        id: value.id,
        title: value.title ?? '',
        summary: value.summary ?? '',
        body: value.body ?? '',
        lang: value.lang ?? 'en',
        topics: value.topics,
        note: value.note ?? '',
      };
    });
}

/**
 * The held-out fold of the English dev files: items whose id number ends in 0 or 5 (dev-005,
 * dev-240, dev2-015), one item in five. Topic changes are judged on the rest; this fold is only
 * scored, so a change that fits the dev wording rather than the topic shows up as a gap here.
 */
export function inHeldOutFold(id: string): boolean {
  const digits = /(\d+)$/.exec(id)?.[1];
  return digits !== undefined && Number(digits) % 5 === 0;
}
