import type { Command } from 'commander';
import { loadConfig } from '../../config/load.ts';
import { formatDuration } from '../../config/duration.ts';
import { compileTopics } from '../../matching/index.ts';
import { print } from '../output.ts';

export function registerConfigCommand(program: Command): void {
  const config = program.command('config').description('configuration tools');
  config
    .command('check')
    .description('validate the config file and compile every topic query')
    .action((_options: unknown, command: Command) => {
      const path = command.optsWithGlobals<{ config?: string }>().config;
      const loaded = loadConfig(path);
      const matcher = compileTopics(loaded.topics, loaded.synonyms);
      print(`${path ?? 'config/vigil.yaml'}: OK${matcher.warnings.length > 0 ? ` (${matcher.warnings.length} warning${matcher.warnings.length > 1 ? 's' : ''})` : ''}`);
      for (const warning of matcher.warnings) print(`  warning: ${warning.message}`);
      print(`  feeds: ${loaded.feeds.length} (default interval ${formatDuration(loaded.defaults.interval)})`);
      print(`  topics: ${loaded.topics.map((topic) => topic.id).join(', ')}`);
      print(`  groups: ${loaded.groups.map((group) => `${group.id} (${group.schedule.cron} ${group.schedule.tz})`).join(', ') || 'none'}`);
      print(`  mail: ${loaded.mail.transport}${loaded.mail.transport === 'outbox' ? ` → ${loaded.mail.outboxDir}/` : ` via ${loaded.mail.smtp?.host}`}`);
    });
}
