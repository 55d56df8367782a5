import { formatDuration } from '../../config/duration.ts';
import { cleanLine } from '../../text/untrusted.ts';
import { CSRF_FIELD } from '../csrf.ts';
import { html, type SafeHtml } from '../html.ts';
import type { FeedRow, FeedSort, FeedsView } from '../views/feeds.ts';
import { ago, sourceLine, splitLastError, when } from './format.ts';
import { page } from './layout.ts';

export type FeedAction = 'poll' | 'enable' | 'disable';

/** What an action did, by code (a notice is never text from the query string). */
export function feedNotice(done: string | undefined, feedId: string | undefined, feedIds: ReadonlySet<string>): string | null {
  if (!feedId || !feedIds.has(feedId)) return null;
  if (done === 'poll') return `${feedId}: poll queued; a running worker takes it within seconds (see Queues).`;
  if (done === 'enable') return `${feedId}: enabled; errors and backoff cleared. It is polled at its next scheduled time, or now with "poll now".`;
  if (done === 'disable') return `${feedId}: disabled; it is not polled until it is enabled again.`;
  return null;
}

function stateCell(feed: FeedRow, now: Date): SafeHtml {
  if (feed.health === 'disabled') return html`<span class="badge disabled">disabled</span><div class="error">${feed.disabledReason ?? ''}</div>`;
  if (feed.health === 'failing') {
    const retry = feed.nextPollAfter ? html`<div class="small">backing off until ${when(feed.nextPollAfter)}</div>` : '';
    return html`<span class="badge failing">failing · ${feed.consecutiveErrors} in a row</span>${retry}`;
  }
  return html`<span class="badge ok">ok</span>${feed.lastPollAt ? '' : html`<div class="small muted">not polled yet</div>`}${
    feed.nextPollAfter && Date.parse(feed.nextPollAfter) > now.getTime() ? html`<div class="small">next try ${when(feed.nextPollAfter)}</div>` : ''
  }`;
}

function lastErrorCell(lastError: string, now: Date): SafeHtml {
  const { at, message } = splitLastError(lastError);
  return html`<span class="error">${cleanLine(message)}</span>${at ? html`<div class="small muted">${ago(at, now)} · ${when(at)}</div>` : ''}`;
}

function actionButton(feedId: string, action: FeedAction, label: string, csrf: string): SafeHtml {
  return html`<form method="post" action="/feeds/${encodeURIComponent(feedId)}/${action}"><input type="hidden" name="${CSRF_FIELD}" value="${csrf}"><button type="submit" data-action="${action}">${label}</button></form>`;
}

function feedRow(feed: FeedRow, now: Date, csrf: string): SafeHtml {
  const actions =
    feed.health === 'disabled'
      ? [actionButton(feed.id, 'enable', 'enable', csrf)]
      : [actionButton(feed.id, 'poll', 'poll now', csrf), actionButton(feed.id, 'disable', 'disable', csrf)];
  return html`<tr data-feed="${feed.id}" data-health="${feed.health}">
  <td data-label="Feed"><strong dir="auto">${sourceLine(feed.name, 120)}</strong><div class="small muted">${feed.id} · every ${formatDuration(feed.intervalMs)}</div><div class="small muted">${cleanLine(feed.url)}</div></td>
  <td data-label="State">${stateCell(feed, now)}</td>
  <td data-label="Last poll">${ago(feed.lastPollAt, now)}<div class="small muted">success ${ago(feed.lastSuccessAt, now)}</div></td>
  <td data-label="Last error">${feed.lastError ? lastErrorCell(feed.lastError, now) : html`<span class="muted">—</span>`}</td>
  <td data-label="Items">${feed.itemsSeen} seen${feed.itemsSkipped > 0 ? html`<div class="small muted">${feed.itemsSkipped} skipped</div>` : ''}<div class="small muted">last new ${ago(feed.lastNewItemAt, now)}</div></td>
  <td data-label="Polls 24 h">${feed.pollsLastDay}</td>
  <td data-label="Actions"><div class="row-actions">${actions}</div></td>
</tr>`;
}

function sortLink(label: string, sort: FeedSort, current: FeedSort): SafeHtml {
  return sort === current ? html`${label} ▾` : html`<a href="/feeds?sort=${sort}">${label}</a>`;
}

/** Every configured feed with its health, broken ones on top by default; actions poll now, enable, disable. */
export function feedsPage(view: FeedsView, csrf: string, notice: string | null): SafeHtml {
  const now = new Date(view.at);
  const broken = view.rows.filter((feed) => feed.health !== 'ok').length;
  const body = html`<h1>Feeds</h1>
<p class="muted">${view.rows.length} feeds · ${broken === 0 ? 'all healthy' : `${broken} failing or disabled`} · sort by ${sortLink('state', 'state', view.sort)}, ${sortLink('id', 'id', view.sort)}, ${sortLink('last poll', 'last-poll', view.sort)}</p>
${
  view.rows.length > 0
    ? html`<table class="stack feeds">
<thead><tr><th>Feed</th><th>${sortLink('State', 'state', view.sort)}</th><th>${sortLink('Last poll', 'last-poll', view.sort)}</th><th>Last error</th><th>Items</th><th>Polls 24 h</th><th>Actions</th></tr></thead>
<tbody>${view.rows.map((feed) => feedRow(feed, now, csrf))}</tbody>
</table>`
    : html`<p class="empty">No feeds in the config.</p>`
}`;
  return page({ title: 'Feeds', section: 'feeds', body, notice });
}
