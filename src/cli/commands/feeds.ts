import type { Command } from 'commander';
import { configPathOf, print } from '../output.ts';

/** `vigil feeds import|export`: move subscription lists between vigil and feed readers as OPML. */
export function registerFeedsCommand(program: Command): void {
  const feeds = program.command('feeds').description('import feeds from OPML into the config, or export the configured feeds as OPML');

  feeds
    .command('import')
    .description('add the feeds of an OPML file to the config (folders flattened; feeds already configured are skipped)')
    .argument('<file.opml>', 'an OPML file exported from a feed reader')
    .option('--dry-run', 'print what would be added without changing the config')
    .action(async (file: string, options: { dryRun?: boolean }, command: Command) => {
      const { importOpmlIntoConfig } = await import('../../config/edit-feeds.ts');
      const path = configPathOf(command);
      const { plan, written } = importOpmlIntoConfig(path, file, options.dryRun === true);
      for (const feed of plan.add) print(`add   ${feed.id}: ${feed.name} <${feed.url}>`);
      for (const feed of plan.skipped) print(`skip  ${feed.title} <${feed.url}>: ${feed.reason}`);
      if (plan.add.length === 0) print(`nothing to add to ${path}`);
      else if (!written) print(`dry run: ${plan.add.length} feed(s) would be added to ${path}`);
      else print(`added ${plan.add.length} feed(s) to ${path}; check it with: vigil config check`);
    });

  feeds
    .command('export')
    .description('print the configured feeds as OPML 2.0')
    .action(async (_options: unknown, command: Command) => {
      const { exportFeedsAsOpml } = await import('../../config/edit-feeds.ts');
      process.stdout.write(exportFeedsAsOpml(configPathOf(command)));
    });
}
