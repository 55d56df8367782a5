import type { Command } from 'commander';
import { configPathOf, formatPollSummary, print, printJson, progressLine } from '../output.ts';

export function registerPollCommand(program: Command): void {
  program
    .command('poll')
    .description('poll feeds now through the queues, wait for the pipeline, print what was new and what matched (exit 1 if a feed failed)')
    .argument('[feed-id]', 'one feed id from the config')
    .option('--all', 'poll every feed in the config')
    .option('--json', 'print the summary as JSON')
    .action(async (feedId: string | undefined, options: { all?: boolean; json?: boolean }, command: Command) => {
      const { withSession } = await import('../session.ts');
      const { pollFailed, runPollNow } = await import('../../jobs/on-demand.ts');
      const { UsageError } = await import('../usage-error.ts');
      await withSession({ configPath: configPathOf(command) }, async (session) => {
        const known = session.config.feeds.map((feed) => feed.id);
        if (!feedId && !options.all) throw new UsageError(`name a feed id or pass --all (feeds: ${known.join(', ') || 'none configured'})`);
        if (feedId && !known.includes(feedId)) throw new UsageError(`unknown feed "${feedId}" (feeds: ${known.join(', ')})`);
        const progress = progressLine();
        const summary = await runPollNow(session.runtime, feedId ? [feedId] : known, {
          onProgress: (done) => progress.update(`polling: ${done.feedsDone}/${done.feedsTotal} feeds, ${done.newItems} new items, ${done.failedFeeds} failed`),
        });
        progress.done();
        if (options.json) printJson(summary);
        else for (const line of formatPollSummary(summary, new Map(session.config.topics.map((topic) => [topic.id, topic.name])))) print(line);
        if (pollFailed(summary)) process.exitCode = 1;
      });
    });
}
