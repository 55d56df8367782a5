import type { Command } from 'commander';
import { formatPollSummary, print } from '../output.ts';
import { runPollNow } from '../run-poll.ts';
import { openSession } from '../session.ts';

export function registerPollCommand(program: Command): void {
  program
    .command('poll')
    .description('poll feeds now through the queues, wait for the pipeline, print what was new and what matched')
    .argument('[feed-id]', 'one feed id from the config')
    .option('--all', 'poll every feed in the config')
    .option('--json', 'print the summary as JSON')
    .action(async (feedId: string | undefined, options: { all?: boolean; json?: boolean }, command: Command) => {
      const session = await openSession({ configPath: command.optsWithGlobals<{ config?: string }>().config });
      try {
        const known = session.config.feeds.map((feed) => feed.id);
        if (!feedId && !options.all) throw new Error(`name a feed id or pass --all (feeds: ${known.join(', ') || 'none configured'})`);
        if (feedId && !known.includes(feedId)) throw new Error(`unknown feed "${feedId}" (feeds: ${known.join(', ')})`);
        const summary = await runPollNow(session.runtime, feedId ? [feedId] : known);
        if (options.json) print(JSON.stringify(summary));
        else formatPollSummary(summary, new Map(session.config.topics.map((topic) => [topic.id, topic.name]))).forEach((line) => print(line));
      } finally {
        await session.close();
      }
    });
}
