import type { RawFeed, RawItem } from './raw-item.ts';
import { authorName, firstDate, urlFrom } from './elements.ts';
import { FeedParseError } from './errors.ts';
import { absolutizeHtml, collapse, escapeHtml, htmlToText, plainTitle } from './text.ts';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** 1.1 has `authors: [{name}]`, 1.0 had `author: {name}`. */
function jsonAuthor(owner: Json): string | null {
  const authors = Array.isArray(owner.authors) ? owner.authors : [owner.author];
  for (const author of authors) {
    if (isObject(author)) {
      const name = authorName(str(author.name));
      if (name) return name;
    }
  }
  return null;
}

function textToHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
    .join('\n');
}

/** Line and column of a JSON.parse failure, from the "at position N" Node puts in the message. */
function jsonErrorPosition(source: string, message: string): { line: number; column: number } | undefined {
  const match = /position (\d+)/.exec(message);
  if (!match) return undefined;
  const offset = Number(match[1]);
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1). */
export function readJsonFeed(source: string, feedUrl: string): RawFeed {
  let document: unknown;
  try {
    document = JSON.parse(source);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new FeedParseError(feedUrl, `not valid JSON (${message.replace(/\s*in JSON at position \d+.*$/s, '')}); the feed may be truncated`, {
      position: jsonErrorPosition(source, message),
    });
  }
  if (!isObject(document) || typeof document.version !== 'string' || !/^https?:\/\/jsonfeed\.org\/version\//.test(document.version)) {
    throw new FeedParseError(
      feedUrl,
      'a JSON document that is not a JSON Feed (no "version": "https://jsonfeed.org/version/1.1"); use the site\'s RSS or Atom feed instead',
      {
        notAFeed: true,
      },
    );
  }
  if (!Array.isArray(document.items)) {
    throw new FeedParseError(feedUrl, 'a JSON Feed without an "items" array');
  }
  const warnings: string[] = [];
  const feedAuthor = jsonAuthor(document);
  const items: RawItem[] = [];
  document.items.forEach((entry, index) => {
    if (!isObject(entry)) {
      warnings.push(`items[${index}] is not an object; skipped`);
      return;
    }
    const html = str(entry.content_html);
    const contentHtml = html ? absolutizeHtml(html, feedUrl) : str(entry.content_text) ? textToHtml(str(entry.content_text) ?? '') : null;
    const summaryText = str(entry.summary);
    const summary = summaryText
      ? htmlToText(summaryText)
      : str(entry.content_text)
        ? collapse(str(entry.content_text) ?? '')
        : htmlToText(str(entry.content_html) ?? '');
    items.push({
      guid: str(entry.id),
      url: urlFrom(str(entry.url), feedUrl) ?? urlFrom(str(entry.external_url), feedUrl),
      title: plainTitle(str(entry.title) ?? ''),
      summary,
      contentHtml,
      published: firstDate([str(entry.date_published), str(entry.date_modified)]),
      author: jsonAuthor(entry) ?? feedAuthor,
    });
  });
  return {
    title: str(document.title) ? plainTitle(str(document.title) ?? '') : null,
    siteUrl: urlFrom(str(document.home_page_url), feedUrl),
    format: 'json',
    items,
    warnings,
  };
}
