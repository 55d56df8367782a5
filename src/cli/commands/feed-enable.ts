import type { Command } from 'commander';
import { commandGroup } from '../command-group.ts';
import { configPathOf, print } from '../output.ts';

/** `vigil feed enable <id>`: clear a feed's errors and disabling so the next poll tries it again. */
export function registerFeedEnableCommand(program: Command): void {
  commandGroup(program, 'feed', 'look at feeds the way vigil reads them')
    .command('enable')
    .description('re-enable a feed disabled after permanent errors (clears its error count and backoff)')
    .argument('<feed-id>', 'feed id from the config')
    .action(async (feedId: string, _options: unknown, command: Command) => {
      const { withSession } = await import('../session.ts');
      const { UsageError } = await import('../usage-error.ts');
      await withSession({ configPath: configPathOf(command) }, async (session) => {
        if (!session.config.feeds.some((entry) => entry.id === feedId)) {
          throw new UsageError(`unknown feed "${feedId}" (feeds: ${session.config.feeds.map((entry) => entry.id).join(', ')})`);
        }
        const before = await session.runtime.context.feeds.get(feedId);
        await session.runtime.context.feeds.reset(feedId);
        print(
          `${feedId}: ${before.disabledReason ? `re-enabled (was ${before.disabledReason})` : 'errors and backoff cleared'}; it is polled at its next scheduled time, or now with "vigil poll ${feedId}"`,
        );
      });
    });
}
