import { cleanLine } from '../../text/untrusted.ts';
import { html, type SafeHtml } from '../html.ts';
import type { GroupDigests, DigestsView } from '../views/digests.ts';
import { sourceLine, until, when } from './format.ts';
import { page } from './layout.ts';

function groupSection(group: GroupDigests, now: Date): SafeHtml {
  const { status } = group;
  return html`<section class="card" data-group="${group.id}">
  <h2>${sourceLine(group.name, 120)} <span class="small muted">${group.id} · ${group.recipients === 1 ? '1 recipient' : `${group.recipients} recipients`}</span></h2>
  <dl class="facts">
    <dt>Schedule</dt><dd><code>${group.schedule.cron}</code> (${group.schedule.tz})</dd>
    <dt>Next run</dt><dd>${status.nextRun ? html`${when(status.nextRun)} <span class="muted">(${until(status.nextRun, now)})</span>` : html`<span class="error">not scheduled: is a worker running?</span>`}</dd>
    <dt>Pending</dt><dd>${status.pending === 1 ? '1 item' : `${status.pending} items`}${
      status.awaitingDelivery === null
        ? ''
        : html` · <span class="error">a digest of ${status.awaitingDelivery} items is awaiting delivery (its send is being retried)</span>`
    }</dd>
  </dl>
  <h3 class="small muted">Last digests sent</h3>
  ${
    group.delivered.length > 0
      ? html`<table class="stack digests"><thead><tr><th>Sent</th><th>Subject</th><th>Items</th><th>Message-ID</th></tr></thead><tbody>${group.delivered.map(
          (digest) =>
            html`<tr><td data-label="Sent">${when(digest.deliveredAt)}</td><td data-label="Subject">${digest.subject ? cleanLine(digest.subject) : html`<span class="muted">not recorded</span>`}</td><td data-label="Items">${digest.items}</td><td data-label="Message-ID"><code>${cleanLine(digest.messageId)}</code></td></tr>`,
        )}</tbody></table>`
      : html`<p class="muted">None yet.</p>`
  }
  <h3 class="small muted">In the next digest${group.pending.length < status.pending ? ` (newest ${group.pending.length} of ${status.pending})` : ''}</h3>
  ${
    group.pending.length > 0
      ? html`<ul class="plain pending">${group.pending.map(
          (row) =>
            html`<li><a href="/items/${row.itemKey}" dir="auto">${sourceLine(row.title, 200)}</a> <span class="small muted">${sourceLine(row.source, 80)} · matched ${when(row.matchedAt)} · ${row.topics.map((topic) => `${topic.name} ${topic.score}`).join(', ')}</span></li>`,
        )}</ul>`
      : html`<p class="muted">Nothing pending.</p>`
  }
</section>`;
}

/** Recipient groups: next run, the last digests sent and the pending items of the next one. */
export function digestsPage(view: DigestsView): SafeHtml {
  const now = new Date(view.at);
  const body = html`<h1>Digests</h1>
${view.groups.length > 0 ? view.groups.map((group) => groupSection(group, now)) : html`<p class="empty">No recipient groups in the config.</p>`}`;
  return page({ title: 'Digests', section: 'digests', body });
}
