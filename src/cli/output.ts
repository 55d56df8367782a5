import type { Command } from 'commander';
import { DEFAULT_CONFIG_PATH } from '../config/default-path.ts';
import type { PollSummary } from '../jobs/on-demand.ts';
import { MAX_TITLE_LENGTH, terminalSafe, truncateAtWord } from '../text/untrusted.ts';

/**
 * Writes one line of command output to stdout (logs go to stderr). Output carries text from sources,
 * so control and bidi characters are shown as `\u202e`-style escapes, never sent raw to the terminal.
 */
export function print(line = ''): void {
  process.stdout.write(`${terminalSafe(line)}\n`);
}

/** One line on stderr for the user (a warning about the input, not a log record), made terminal-safe like print. */
export function warn(line: string): void {
  process.stderr.write(`${terminalSafe(line)}\n`);
}

/** `--json` output: one JSON document on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** The global `-c, --config` (its default is config/vigil.yaml). */
export function configPathOf(command: Command): string {
  return command.optsWithGlobals<{ config?: string }>().config ?? DEFAULT_CONFIG_PATH;
}

/**
 * A progress line on stderr, rewritten in place, only when stderr is a terminal: piped or logged
 * runs get nothing extra. `done()` clears it so the summary starts on a clean line.
 */
export function progressLine(stream: NodeJS.WriteStream = process.stderr): { update(text: string): void; done(): void } {
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined };
  let shown = false;
  return {
    update(text) {
      stream.write(`\r\u001b[2K${text.slice(0, Math.max(10, (stream.columns ?? 80) - 1))}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\u001b[2K');
      shown = false;
    },
  };
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
    lines.push(`  • ${truncateAtWord(item.title, MAX_TITLE_LENGTH)}${item.partial ? ' [partial]' : ''} — ${topics}`);
  }
  for (const alert of summary.alerts)
    lines.push(`alert sent: ${topicNames.get(alert.topicId) ?? alert.topicId} — ${alert.reason} → ${alert.groups.join(', ')}`);
  if (summary.outstanding > 0) lines.push(`still in progress: ${summary.outstanding} jobs (retrying; see "vigil status")`);
  return lines;
}
