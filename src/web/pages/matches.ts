import type { Delivery } from '../../store/delivery-index.ts';
import { html, type SafeHtml } from '../html.ts';
import type { MatchesView, MatchRow } from '../views/matches.ts';
import { highlighted, queryString, sourceLine, sourceLink, when } from './format.ts';
import { page } from './layout.ts';

function deliveryBadge(delivery: Delivery): SafeHtml {
  return html`<span class="badge delivered" title="${when(delivery.at)}">${delivery.channel} → ${delivery.groupId}, ${when(delivery.at)}</span>`;
}

function matchRow(row: MatchRow): SafeHtml {
  const itemHref = `/items/${row.itemKey}`;
  return html`<article class="card match" data-item="${row.itemKey}">
  <div>${sourceLink(sourceLine(row.title), row.url, 'title')}</div>
  <div class="meta"><span dir="auto">${sourceLine(row.source, 120)}</span><span>published ${when(row.published)}</span><span>matched ${when(row.matchedAt)}</span>${
    row.partial ? html`<span class="badge partial" title="${row.partialReason ?? ''}">partial</span>` : ''
  }<a href="${itemHref}">explain</a></div>
  <div class="topics">${row.topics.map((topic) => html`<span class="badge topic">${topic.name} · ${topic.score}</span>`)}</div>
  ${row.snippet ? html`<p class="snippet" dir="auto">${highlighted(row.snippet, row.terms)}</p>` : ''}
  ${row.deliveries.length > 0 ? html`<div class="topics">${row.deliveries.map(deliveryBadge)}</div>` : html`<div class="muted small">not delivered yet</div>`}
  ${
    row.copies.length > 0
      ? html`<div class="copies">${row.copies.length === 1 ? 'Also in 1 other source' : `Also in ${row.copies.length} other sources`}:<ul>${row.copies.map(
          (copy) => html`<li><a href="/items/${copy.itemKey}">${sourceLine(copy.source, 120)}</a>: <span dir="auto">${sourceLine(copy.title, 200)}</span></li>`,
        )}</ul></div>`
      : ''
  }
</article>`;
}

function option(value: string, label: string, selected: string | undefined): SafeHtml {
  return html`<option value="${value}"${value === selected ? html` selected` : ''}>${label}</option>`;
}

function filtersForm(view: MatchesView): SafeHtml {
  const { filters } = view;
  return html`<form class="filters" method="get" action="/">
  <label>Topic<select name="topic">${option('', 'All topics', filters.topic ?? '')}${view.topics.map((topic) => option(topic.id, topic.name, filters.topic))}</select></label>
  <label>Feed<select name="feed">${option('', 'All feeds', filters.feed ?? '')}${view.feeds.map((feed) => option(feed.id, sourceLine(feed.name, 80), filters.feed))}</select></label>
  <label>Matched from<input type="date" name="from" value="${filters.from ?? ''}"></label>
  <label>to<input type="date" name="to" value="${filters.to ?? ''}"></label>
  <div class="actions"><button class="primary" type="submit">Filter</button><a href="/">Clear</a></div>
</form>`;
}

function pager(view: MatchesView): SafeHtml {
  const { filters } = view;
  const link = (pageNumber: number) =>
    `/${queryString({ topic: filters.topic, feed: filters.feed, from: filters.from, to: filters.to, page: pageNumber > 1 ? pageNumber : undefined })}`;
  return html`<nav class="pager" aria-label="pages">
  <span class="muted">${view.total === 1 ? '1 match' : `${view.total} matches`} · page ${filters.page} of ${view.pageCount}</span>
  <span>${filters.page > 1 ? html`<a rel="prev" href="${link(filters.page - 1)}">← newer</a>` : ''} ${
    filters.page < view.pageCount ? html`<a rel="next" href="${link(filters.page + 1)}">older →</a>` : ''
  }</span>
</nav>`;
}

/** The latest matched items, newest first, with filters and pages. */
export function matchesPage(view: MatchesView): SafeHtml {
  const body = html`<h1>Matches</h1>
${filtersForm(view)}
${view.problems.length > 0 ? html`<ul class="notice plain">${view.problems.map((problem) => html`<li>${problem}</li>`)}</ul>` : ''}
${pager(view)}
${view.rows.length > 0 ? view.rows.map(matchRow) : html`<p class="empty">No matches${view.filters.topic || view.filters.feed || view.filters.from || view.filters.to ? ' with these filters' : ' yet'}.</p>`}
${view.rows.length > 0 ? pager(view) : ''}`;
  return page({ title: 'Matches', section: 'matches', body });
}
