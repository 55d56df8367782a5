import { cleanText, escapeHtml } from './escape.ts';
import { formatDateTime } from './format-date.ts';
import { htmlDocument, row, STYLE, underline } from './layout.ts';
import { briefEntryHtml, briefEntryText, compareForTopic, entryHtml, entryText, type EntryView } from './render-entry.ts';
import type { DigestEntry, DigestInput, RenderedMail } from './types.ts';

export { renderAlert } from './render-alert.ts';

/** Subjects stay readable in an inbox list; topics past this many are summed up as "+N more topics". */
const SUBJECT_TOPICS = 5;

interface TopicSection {
  topic: { id: string; name: string };
  /** Sorted by score for this topic, then newest. */
  entries: DigestEntry[];
}

/**
 * An item matching several of the group's topics is shown in full under each of them, with an
 * "also under" label: readers often go straight to their own topic, and each section should be complete.
 */
function sections(input: DigestInput): TopicSection[] {
  return input.topics.map((topic) => ({
    topic,
    entries: input.entries.filter((entry) => entry.matches.some((match) => match.topicId === topic.id)).sort(compareForTopic(topic.id)),
  }));
}

function topicName(topic: { name: string }): string {
  return cleanText(topic.name);
}

function viewFor(entry: DigestEntry, topicId: string, input: DigestInput): EntryView {
  const matchedIds = new Set(entry.matches.map((match) => match.topicId));
  return {
    entry,
    match: entry.matches.find((match) => match.topicId === topicId),
    otherTopics: input.topics.filter((topic) => topic.id !== topicId && matchedIds.has(topic.id)).map(topicName),
  };
}

function countDistinct(all: TopicSection[]): number {
  return new Set(all.flatMap((section) => section.entries.map((entry) => entry.itemId))).size;
}

function subjectFor(all: TopicSection[]): string {
  const nonEmpty = all.filter((section) => section.entries.length > 0);
  const counts = nonEmpty.slice(0, SUBJECT_TOPICS).map((section) => `${topicName(section.topic).toLowerCase()} ${section.entries.length}`);
  if (nonEmpty.length > SUBJECT_TOPICS) counts.push(`+${nonEmpty.length - SUBJECT_TOPICS} more topics`);
  return `vigil: ${countDistinct(all)} new — ${counts.join(', ')}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function renderDigest(input: DigestInput): RenderedMail {
  const all = sections(input);
  const total = countDistinct(all);
  if (total === 0) return renderEmptyDigest(input.group, input.generatedAt, input.timezone);

  const cap = Math.max(1, Math.floor(input.perTopicCap));
  const subject = subjectFor(all);
  const groupName = cleanText(input.group.name) || input.group.id;
  const generated = formatDateTime(input.generatedAt, input.timezone);
  const overflow = all.filter((section) => section.entries.length > cap);

  const html: string[] = [];
  const text: string[] = [`vigil digest — ${groupName}`, `${plural(total, 'new item')} · ${generated}`, ''];

  const overview = all
    .map((section) => {
      const name = escapeHtml(topicName(section.topic));
      return section.entries.length > 0
        ? `<tr><td style="${STYLE.overviewCount}">${section.entries.length}</td><td style="${STYLE.overviewName}">${name}</td></tr>`
        : `<tr><td style="${STYLE.overviewCount}${STYLE.overviewNone}">–</td><td style="${STYLE.overviewName}${STYLE.overviewNone}">${name}: nothing new</td></tr>`;
    })
    .join('');
  html.push(row(`<table role="presentation" cellpadding="0" cellspacing="0" border="0">${overview}</table>`, STYLE.overview));
  for (const section of all) {
    text.push(
      section.entries.length > 0
        ? `  ${String(section.entries.length).padStart(3)}  ${topicName(section.topic)}`
        : `    –  ${topicName(section.topic)}: nothing new`,
    );
  }

  for (const section of all) {
    if (section.entries.length === 0) continue;
    const name = topicName(section.topic);
    const shown = section.entries.slice(0, cap);
    const rest = section.entries.length - shown.length;
    html.push(row(`${escapeHtml(name)} <span style="${STYLE.sectionCount}">· ${section.entries.length}</span>`, STYLE.sectionHeading));
    html.push(...shown.map((entry) => entryHtml(viewFor(entry, section.topic.id, input), input.timezone)));
    const heading = `${name} (${section.entries.length})`;
    text.push('', '', heading, underline(heading), '');
    text.push(shown.map((entry, index) => entryText(viewFor(entry, section.topic.id, input), input.timezone, `${index + 1}.`)).join('\n\n'));
    if (rest > 0) {
      html.push(row(escapeHtml(`and ${rest} more — listed at the end`), STYLE.more));
      text.push('', `and ${rest} more — listed at the end`);
    }
  }

  if (overflow.length > 0) {
    html.push(row('More items', STYLE.sectionHeading));
    text.push('', '', 'More items', underline('More items'));
    for (const section of overflow) {
      const rest = section.entries.slice(cap);
      const heading = `${topicName(section.topic)} — ${rest.length} more`;
      html.push(row(escapeHtml(heading), STYLE.subHeading));
      html.push(row(`<ul style="${STYLE.briefList}">${rest.map((entry) => briefEntryHtml(entry, input.timezone)).join('')}</ul>`, 'padding:0;'));
      text.push('', heading, ...rest.map((entry) => briefEntryText(entry, input.timezone)));
    }
  }

  const footer = `Sent by vigil to the group “${groupName}” (${input.group.id}). Titles and excerpts come from the sources as published; links open the original article.`;
  text.push('', '-- ', footer, '');
  return {
    subject,
    html: htmlDocument({
      title: subject,
      preheader: subject.replace(/^vigil: /, ''),
      brand: 'vigil digest',
      headline: groupName,
      headerMeta: `${plural(total, 'new item')} · ${generated}`,
      rows: html,
      footer,
    }),
    text: text.join('\n'),
  };
}

/** The short "nothing new" note a group gets when it asked for one (`whenEmpty: note`). */
export function renderEmptyDigest(group: { id: string; name: string }, generatedAt: Date, timezone = 'UTC'): RenderedMail {
  const groupName = cleanText(group.name) || group.id;
  const generated = formatDateTime(generatedAt, timezone);
  const subject = `vigil: nothing new — ${groupName}`;
  const message = 'No new items matched this group’s topics since the last digest.';
  const footer = `Sent by vigil to the group “${groupName}” (${group.id}), which asked for a note when there is nothing new.`;
  return {
    subject,
    html: htmlDocument({
      title: subject,
      preheader: message,
      brand: 'vigil digest',
      headline: groupName,
      headerMeta: `nothing new · ${generated}`,
      rows: [row(escapeHtml(message), STYLE.paragraph)],
      footer,
    }),
    text: [`vigil digest — ${groupName}`, `nothing new · ${generated}`, '', message, '', '-- ', footer, ''].join('\n'),
  };
}
