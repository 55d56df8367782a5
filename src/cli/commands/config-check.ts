import type { Command } from 'commander';
import { configPathOf, print, printJson } from '../output.ts';

export function registerConfigCommand(program: Command): void {
  const config = program.command('config').description('configuration tools');
  config
    .command('check')
    .description('validate the config file and compile every topic query (exit 2 when something needs fixing)')
    .option('--json', 'print the checked configuration summary as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { loadConfig } = await import('../../config/load.ts');
      const { formatDuration } = await import('../../config/duration.ts');
      const { compileTopics } = await import('../../matching/index.ts');
      const { redactUrl } = await import('../../log/redact.ts');
      const path = configPathOf(command);
      const loaded = loadConfig(path);
      const matcher = compileTopics(loaded.topics, loaded.synonyms);
      const warnings = matcher.warnings.map((warning) => warning.message);
      const summary = {
        path,
        ok: true,
        warnings,
        redis: { url: redactUrl(loaded.redis.url), prefix: loaded.redis.prefix },
        feeds: loaded.feeds.map((feed) => ({ id: feed.id, url: redactUrl(feed.url), interval: feed.interval ?? loaded.defaults.interval })),
        topics: loaded.topics.map((topic) => topic.id),
        groups: loaded.groups.map((group) => ({ id: group.id, cron: group.schedule.cron, tz: group.schedule.tz })),
        mail: {
          transport: loaded.mail.transport,
          ...(loaded.mail.transport === 'outbox' ? { outboxDir: loaded.mail.outboxDir } : { host: loaded.mail.smtp?.host }),
        },
      };
      if (options.json) return printJson(summary);
      print(`${path}: OK${warnings.length > 0 ? ` (${warnings.length} warning${warnings.length > 1 ? 's' : ''})` : ''}`);
      for (const warning of warnings) print(`  warning: ${warning}`);
      print(`  feeds: ${loaded.feeds.length} (default interval ${formatDuration(loaded.defaults.interval)})`);
      print(`  topics: ${summary.topics.join(', ')}`);
      print(`  groups: ${summary.groups.map((group) => `${group.id} (${group.cron} ${group.tz})`).join(', ') || 'none'}`);
      print(`  mail: ${loaded.mail.transport}${loaded.mail.transport === 'outbox' ? ` → ${loaded.mail.outboxDir}/` : ` via ${loaded.mail.smtp?.host}`}`);
    });
}
