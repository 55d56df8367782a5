import type { Command } from 'commander';
import type { AlertCheck } from '../../jobs/alert-check.ts';
import { configPathOf, print, printJson } from '../output.ts';

async function describe(check: AlertCheck): Promise<string[]> {
  const { formatDuration } = await import('../../config/duration.ts');
  const { alert } = check;
  if (!alert) return [`${check.topicId}: no alert configured (add alert: { minScore, minMatches, window, cooldown } to the topic)`];
  const lines = [
    `${check.topicId}: ${check.matchesInWindow} matches in the last ${formatDuration(alert.window)}, best score ${check.bestScore}`,
    `  thresholds: minScore ${alert.minScore ?? '-'}, minMatches ${alert.minMatches ?? '-'}, cooldown ${formatDuration(alert.cooldown)}`,
  ];
  if (!check.reason) lines.push('  would not fire now');
  else if (check.cooldownMs > 0)
    lines.push(`  threshold crossed (${check.reason}) but cooling down for another ${formatDuration(Math.ceil(check.cooldownMs / 60_000) * 60_000)}`);
  else lines.push(`  would fire now: ${check.reason}`);
  return lines;
}

export function registerAlertsCommand(program: Command): void {
  const alerts = program.command('alerts').description('threshold alerts');
  alerts
    .command('test')
    .description("show whether the topic's alert would fire now, from the matches in its window; sends nothing")
    .argument('<topic>', 'topic id')
    .option('--json', 'print the check as JSON')
    .action(async (topicId: string, options: { json?: boolean }, command: Command) => {
      const { withSession } = await import('../session.ts');
      const { checkAlert } = await import('../../jobs/alert-check.ts');
      const { UsageError } = await import('../usage-error.ts');
      const check = await withSession({ configPath: configPathOf(command) }, async (session) => {
        const topic = session.config.topics.find((entry) => entry.id === topicId);
        if (!topic) throw new UsageError(`unknown topic "${topicId}" (topics: ${session.config.topics.map((entry) => entry.id).join(', ')})`);
        return checkAlert(session.runtime.context, topic);
      });
      if (options.json) printJson(check);
      else for (const line of await describe(check)) print(line);
    });
}
