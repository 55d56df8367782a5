import type { Command } from 'commander';
import type { InspectOptions } from '../../feeds/inspect-feed.ts';
import { commandGroup } from '../command-group.ts';
import { print } from '../output.ts';

/** `vigil feed inspect <file-or-url>`: parse one feed the way the poller does and print it as JSON. */
export function registerFeedInspectCommand(program: Command): void {
  commandGroup(program, 'feed', 'look at feeds the way vigil reads them')
    .command('inspect')
    .description('fetch (or read) a feed, parse it as the poller does and print format, title, items and warnings as JSON')
    .argument('<file-or-url>', 'an http(s) URL, or a saved feed file (.xml, .json, optionally .gz)')
    .option('--allow-private', 'allow fetching from loopback/private addresses (e.g. a local test server)')
    .option('--url <feed-url>', 'for a file: the URL it was fetched from, so relative links resolve')
    .option('--full', 'print every item field (summary, content HTML) too')
    .action(async (target: string, options: InspectOptions) => {
      const { inspectFeed } = await import('../../feeds/inspect-feed.ts');
      print(JSON.stringify(await inspectFeed(target, options), null, 2));
    });
}
