import type { Command } from 'commander';
import type { PipelineStatus } from '../../jobs/status.ts';
import { configPathOf, print, printJson } from '../output.ts';

function ago(iso: string | null, now: number): string {
  if (!iso) return 'never';
  const minutes = Math.round((now - new Date(iso).getTime()) / 60_000);
  return minutes < 1 ? 'just now' : minutes < 120 ? `${minutes} min ago` : `${Math.round(minutes / 60)} h ago`;
}

export function formatStatus(status: PipelineStatus): string[] {
  const now = new Date(status.at).getTime();
  const lines = ['feeds:'];
  for (const feed of status.feeds) {
    let health = feed.health === 'failing' ? `FAILING (${feed.consecutiveErrors} errors, next try ${feed.nextPollAfter ?? 'next schedule'})` : 'ok';
    if (feed.health === 'disabled') health = `DISABLED: ${feed.disabledReason} (fix the feed, then "vigil feed enable ${feed.id}")`;
    const skipped = feed.itemsSkipped > 0 ? `, ${feed.itemsSkipped} skipped (over maxItemsPerPoll)` : '';
    lines.push(
      `  ${feed.id}: ${health}; last poll ${ago(feed.lastPollAt, now)}, last success ${ago(feed.lastSuccessAt, now)}, ${feed.itemsSeen} items seen${skipped}`,
    );
    if (feed.lastError) lines.push(`    last error: ${feed.lastError}`);
  }
  lines.push('queues:');
  for (const queue of status.queues) {
    lines.push(
      `  ${queue.name}: ${queue.waiting} waiting, ${queue.active} active, ${queue.delayed} delayed, ${queue.failed} failed, ${queue.completed} completed`,
    );
  }
  lines.push('digests:');
  for (const digest of status.digests) {
    const last = digest.lastDelivered ? `${digest.lastDelivered.deliveredAt} (${digest.lastDelivered.items} items)` : 'never';
    const open = digest.awaitingDelivery === null ? '' : `; a digest of ${digest.awaitingDelivery} items is awaiting delivery (retrying)`;
    lines.push(
      `  ${digest.groupId}: ${digest.pending} items pending; next ${digest.nextRun ?? 'not scheduled (is a worker running?)'}; last delivered ${last}${open}`,
    );
  }
  return lines;
}

export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('feeds (last poll, errors, items seen), queue depths, pending digest items, next digest time')
    .option('--json', 'print the status as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { withSession } = await import('../session.ts');
      const { readStatus } = await import('../../jobs/status.ts');
      const status = await withSession({ configPath: configPathOf(command) }, (session) => readStatus(session.runtime.context));
      if (options.json) printJson(status);
      else for (const line of formatStatus(status)) print(line);
    });
}
