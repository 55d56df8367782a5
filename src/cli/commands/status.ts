import type { Command } from 'commander';
import { QUEUE_NAMES } from '../../jobs/queues.ts';
import { print } from '../output.ts';
import { openSession } from '../session.ts';

function ago(iso: string | null, now: number): string {
  if (!iso) return 'never';
  const minutes = Math.round((now - new Date(iso).getTime()) / 60_000);
  return minutes < 1 ? 'just now' : minutes < 120 ? `${minutes} min ago` : `${Math.round(minutes / 60)} h ago`;
}

export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('feeds (last poll, errors, items seen), queue depths, pending digest items, next digest time')
    .action(async (_options: unknown, command: Command) => {
      const session = await openSession({ configPath: command.optsWithGlobals<{ config?: string }>().config });
      try {
        const { context } = session.runtime;
        const now = Date.now();
        print('feeds:');
        for (const feed of session.config.feeds) {
          const state = await context.feeds.get(feed.id);
          let health = state.consecutiveErrors > 0 ? `FAILING (${state.consecutiveErrors} errors, next try ${state.nextPollAfter ?? 'next schedule'})` : 'ok';
          if (state.disabledReason) health = `DISABLED: ${state.disabledReason} (fix the feed, then "vigil feed enable ${feed.id}")`;
          const skipped = state.itemsSkipped > 0 ? `, ${state.itemsSkipped} skipped (over maxItemsPerPoll)` : '';
          print(`  ${feed.id}: ${health}; last poll ${ago(state.lastPollAt, now)}, last success ${ago(state.lastSuccessAt, now)}, ${state.itemsSeen} items seen${skipped}`);
          if (state.lastError) print(`    last error: ${state.lastError}`);
        }
        print('queues:');
        for (const name of QUEUE_NAMES) {
          const counts = await context.queues[name].getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
          print(`  ${name}: ${counts.waiting ?? 0} waiting, ${counts.active ?? 0} active, ${counts.delayed ?? 0} delayed, ${counts.failed ?? 0} failed, ${counts.completed ?? 0} completed`);
        }
        const schedulers = await context.queues.notify.getJobSchedulers(0, -1);
        print('digests:');
        for (const group of session.config.groups) {
          const next = schedulers.find((scheduler) => scheduler.key === `digest-${group.id}`)?.next;
          const [last] = await context.ledger.deliveredDigests(group.id, 1);
          const pending = await context.ledger.pendingCount(group.id);
          const open = await context.ledger.openDigest(group.id);
          print(
            `  ${group.id}: ${pending} items pending; next ${next ? new Date(next).toISOString() : 'not scheduled (is a worker running?)'}; ` +
              `last delivered ${last ? `${last.deliveredAt} (${last.items} items)` : 'never'}${open ? `; a digest of ${open.itemKeys.length} items is awaiting delivery (retrying)` : ''}`,
          );
        }
      } finally {
        await session.close();
      }
    });
}
