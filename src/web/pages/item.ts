import { safeHttpUrl } from '../../mail/escape.ts';
import { matchedTerms } from '../../mail/snippet.ts';
import type { TopicMatch } from '../../matching/types.ts';
import { cleanLine, terminalSafe } from '../../text/untrusted.ts';
import { html, type HtmlValue, type SafeHtml } from '../html.ts';
import type { ItemView } from '../views/item.ts';
import { highlighted, sourceLine, sourceLink, when } from './format.ts';
import { page } from './layout.ts';

function fact(label: string, value: HtmlValue): SafeHtml {
  return html`<dt>${label}</dt><dd>${value === null || value === undefined || value === '' ? html`<span class="muted">—</span>` : value}</dd>`;
}

function urlFact(url: string | null | undefined): HtmlValue {
  if (!url) return null;
  return safeHttpUrl(url) ? sourceLink(url, url) : cleanLine(url);
}

/** Hits of the same term on the same text in the same field, once with a count. */
function groupedHits(match: TopicMatch): { field: string; term: string; text: string; count: number }[] {
  const grouped = new Map<string, { field: string; term: string; text: string; count: number }>();
  for (const hit of match.hits) {
    const key = `${hit.field}\u0000${hit.term}\u0000${hit.text}`;
    const entry = grouped.get(key);
    if (entry) entry.count += 1;
    else grouped.set(key, { field: hit.field, term: hit.term, text: hit.text, count: 1 });
  }
  return [...grouped.values()];
}

function explanation(match: TopicMatch, name: string): SafeHtml {
  return html`<section class="card explain" data-topic="${match.topicId}">
  <h3>${name} <span class="badge topic">score ${match.score}</span></h3>
  <div class="small muted">Clauses that held</div>
  <ul class="plain">${match.clauses.length > 0 ? match.clauses.map((clause) => html`<li><code>${clause}</code></li>`) : html`<li class="muted">none recorded</li>`}</ul>
  <div class="small muted">Terms that fired</div>
  <ul class="plain">${groupedHits(match).map(
    (hit) =>
      html`<li><span class="badge">${hit.field}</span> <code>${hit.term}</code> → <mark>${cleanLine(hit.text)}</mark>${hit.count > 1 ? html` <span class="muted">×${hit.count}</span>` : ''}</li>`,
  )}</ul>
</section>`;
}

/** One item: its text with every hit highlighted, why each topic matched, its metadata and the raw feed entry. */
export function itemPage(view: ItemView): SafeHtml {
  const { item, match } = view;
  const terms = match ? match.matches.flatMap((entry) => matchedTerms(entry)) : [];
  const paragraphs = item.body
    .split(/\n\s*\n/)
    .map((paragraph) => cleanLine(paragraph))
    .filter((paragraph) => paragraph.length > 0);
  const body = html`<h1 dir="auto">${highlighted(sourceLine(item.title), terms)}</h1>
<div class="meta"><span dir="auto">${sourceLine(item.source, 120)}</span><span>published ${when(item.published)}</span>${
    match ? html`<span>matched ${when(match.matchedAt)}</span>` : ''
  }${item.partial ? html`<span class="badge partial">partial</span>` : ''}${sourceLink('open the source', item.url)}</div>
${item.partial ? html`<p class="notice">Partial: ${item.partialReason ?? 'the article page could not be used'}. The text below is what the feed carried.</p>` : ''}
${view.deliveries.length > 0 ? html`<div class="topics">${view.deliveries.map((delivery) => html`<span class="badge delivered">${delivery.channel} → ${delivery.groupId}, ${when(delivery.at)}</span>`)}</div>` : ''}
<h2>Why it matched</h2>
${match && match.matches.length > 0 ? match.matches.map((entry) => explanation(entry, view.topicNames.get(entry.topicId) ?? entry.topicId)) : html`<p class="muted">This item matched no topic.</p>`}
<h2>Summary</h2>
<div class="card" dir="auto">${item.summary ? highlighted(cleanLine(item.summary), terms) : html`<span class="muted">none</span>`}</div>
<h2>Extracted text</h2>
<div class="card body" dir="auto">${paragraphs.length > 0 ? paragraphs.map((paragraph) => html`<p>${highlighted(paragraph, terms)}</p>`) : html`<p class="muted">No text.</p>`}</div>
<h2>Metadata</h2>
<div class="card"><dl class="facts">
${fact('Author', item.author ? cleanLine(item.author) : null)}
${fact('Published', item.published ? when(item.published) : null)}
${fact('Modified', item.modified ? when(item.modified) : null)}
${fact('Link', urlFact(item.url))}
${fact('Canonical URL', urlFact(item.canonicalUrl))}
${fact('Language', item.lang ? cleanLine(item.lang) : null)}
${fact('Feed', `${item.feedId}${view.feedName ? ` (${cleanLine(view.feedName)})` : ''}`)}
${fact('Guid', cleanLine(item.guid))}
${fact('Stored', when(item.storedAt))}
${fact('Item key', item.itemKey)}
</dl></div>
<h2>Raw feed entry</h2>
${item.entry ? html`<pre>${terminalSafe(JSON.stringify(item.entry, null, 2))}</pre>` : html`<p class="muted">Not kept for this item (stored before entries were kept).</p>`}`;
  return page({ title: sourceLine(item.title, 80), section: 'matches', body });
}

/** The item is not stored: never was, or its retention ran out. */
export function itemMissingPage(itemKey: string): SafeHtml {
  return page({
    title: 'Item not found',
    section: 'matches',
    body: html`<h1>Item not found</h1><p>No stored item has the key <code>${itemKey.slice(0, 64)}</code>. Items are kept for <code>retention.bodies</code> (14 days by default) after they match; unmatched ones for a day.</p><p><a href="/">Back to the matches</a></p>`,
  });
}
