import type { Command } from 'commander';
import { DEFAULT_TOPICS_PATH } from '../../config/default-path.ts';
import type { MatchOptions } from '../match-items-file.ts';
import { print, warn } from '../output.ts';

export function registerMatchCommand(program: Command): void {
  program
    .command('match')
    .description('match JSON lines {id, title, summary, body} against the topics, offline; prints one JSON line per item')
    .argument('<items.jsonl>', 'a file of JSON lines, or "-" for stdin')
    .option('--explain', 'add the clauses that fired and every hit with its snippet')
    .option('--topics <file.yaml>', `topics file with "topics:" and "synonyms:" (default: ${DEFAULT_TOPICS_PATH})`)
    .option('--config <path>', 'take the topics and synonyms of this vigil config instead')
    .action(async (path: string, options: MatchOptions, command: Command) => {
      const { matchItemsFile } = await import('../match-items-file.ts');
      const parentConfig = command.parent?.getOptionValueSource('config') === 'cli' ? (command.parent.opts().config as string) : undefined;
      let malformed = 0;
      const items = await matchItemsFile(path, { ...options, config: options.config ?? parentConfig }, print, (problem) => {
        malformed += 1;
        warn(problem);
      });
      if (malformed > 0) {
        warn(`vigil match: ${malformed} of ${items + malformed} lines could not be read (see above); the other ${items} were matched`);
        process.exitCode = 1;
      }
    });
}
