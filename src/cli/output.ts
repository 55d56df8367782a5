import type { PollSummary } from './run-poll.ts';

/** Writes one line of command output to stdout (logs go to stderr). */
export function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

export function formatPollSummary(summary: PollSummary, topicNames: Map<string, string>): string[] {
  const lines: string[] = [];
  const failed = summary.feeds.filter((feed) => feed.status === 'failed');
  lines.push(`feeds polled: ${summary.feeds.length} (${failed.length} failed)`);
  for (const feed of summary.feeds) {
    const detail = feed.detail ? ` — ${feed.detail}` : '';
    lines.push(`  ${feed.feedId}: ${feed.status}, ${feed.items} items, ${feed.newItemKeys.length} new${detail}`);
  }
  lines.push(`new items: ${summary.newItems}${summary.partialItems > 0 ? ` (${summary.partialItems} partial: page unavailable, feed text used)` : ''}`);
  lines.push(`items matched: ${summary.matched.length}`);
  for (const [topicId, count] of Object.entries(summary.matchedByTopic)) {
    lines.push(`  ${topicNames.get(topicId) ?? topicId} (${topicId}): ${count}`);
  }
  for (const item of summary.matched) {
    const topics = item.topics.map((topic) => `${topic.id} ${topic.score}`).join(', ');
    lines.push(`  • ${item.title}${item.partial ? ' [partial]' : ''} — ${topics}`);
  }
  for (const alert of summary.alerts) lines.push(`alert sent: ${topicNames.get(alert.topicId) ?? alert.topicId} — ${alert.reason} → ${alert.groups.join(', ')}`);
  if (summary.outstanding > 0) lines.push(`still in progress: ${summary.outstanding} jobs (retrying; see "vigil status")`);
  return lines;
}
