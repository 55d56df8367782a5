import { cleanText, escapeHtml } from './escape.ts';
import { formatDateTime } from './format-date.ts';
import { htmlDocument, row, STYLE, underline } from './layout.ts';
import { briefEntryHtml, briefEntryText, compareForTopic, displayTitle, entryHtml, entryText } from './render-entry.ts';
import type { AlertInput, RenderedMail } from './types.ts';

/** An alert is read at once, often on a phone: the strongest items in full, the rest as a short list. */
const ALERT_FULL_ENTRIES = 10;

/** An immediate alert for one topic: a single high-scoring item or a spike in volume. */
export function renderAlert(input: AlertInput): RenderedMail {
  const name = cleanText(input.topic.name) || input.topic.id;
  const reason = cleanText(input.reason);
  const generated = formatDateTime(input.generatedAt, input.timezone);
  const entries = [...input.entries].sort(compareForTopic(input.topic.id));
  const shown = entries.slice(0, ALERT_FULL_ENTRIES);
  const rest = entries.slice(ALERT_FULL_ENTRIES);
  const count = `${entries.length} item${entries.length === 1 ? '' : 's'}`;
  const first = shown[0];
  const lead = entries.length === 1 && first ? `: ${displayTitle(first)}` : ` (${count})`;
  const subject = `vigil alert: ${name.toLowerCase()} — ${reason}${lead}`;
  const views = shown.map((entry) => ({
    entry,
    match: entry.matches.find((match) => match.topicId === input.topic.id),
    otherTopics: [],
  }));

  const html = [
    row(`<strong>Why:</strong> ${escapeHtml(reason)} · ${escapeHtml(count)}`, STYLE.reason),
    ...views.map((view) => entryHtml(view, input.timezone)),
  ];
  const text = [
    `vigil alert — ${name}`,
    `${generated}`,
    '',
    `Why: ${reason} · ${count}`,
    underline(`Why: ${reason} · ${count}`, '-'),
    '',
    views.map((view, index) => entryText(view, input.timezone, `${index + 1}.`)).join('\n\n'),
  ];
  if (rest.length > 0) {
    html.push(row(escapeHtml(`and ${rest.length} more`), STYLE.more));
    html.push(row(`<ul style="${STYLE.briefList}">${rest.map((entry) => briefEntryHtml(entry, input.timezone)).join('')}</ul>`, 'padding:0;'));
    text.push('', `and ${rest.length} more`, ...rest.map((entry) => briefEntryText(entry, input.timezone)));
  }
  const footer = `Sent by vigil because the topic “${name}” (${input.topic.id}) crossed its alert threshold: ${reason}.`;
  text.push('', '-- ', footer, '');
  return {
    subject,
    html: htmlDocument({
      title: subject,
      preheader: `${reason} · ${count}`,
      alert: true,
      brand: 'vigil alert',
      headline: name,
      headerMeta: generated,
      rows: html,
      footer,
    }),
    text: text.join('\n'),
  };
}
