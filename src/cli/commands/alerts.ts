import type { Command } from 'commander';
import { formatDuration } from '../../config/duration.ts';
import { alertReason } from '../../jobs/alert-rules.ts';
import { print } from '../output.ts';
import { openSession } from '../session.ts';

export function registerAlertsCommand(program: Command): void {
  const alerts = program.command('alerts').description('threshold alerts');
  alerts
    .command('test')
    .description('show whether the topic\'s alert would fire now, from the matches in its window; sends nothing')
    .argument('<topic>', 'topic id')
    .action(async (topicId: string, _options: unknown, command: Command) => {
      const session = await openSession({ configPath: command.optsWithGlobals<{ config?: string }>().config });
      try {
        const topic = session.config.topics.find((entry) => entry.id === topicId);
        if (!topic) throw new Error(`unknown topic "${topicId}" (topics: ${session.config.topics.map((entry) => entry.id).join(', ')})`);
        if (!topic.alert) {
          print(`${topicId}: no alert configured (add alert: { minScore, minMatches, window, cooldown } to the topic)`);
          return;
        }
        const { alert } = topic;
        const { context } = session.runtime;
        const inWindow = await context.alerts.hitsInWindow(topicId, alert.window, context.now());
        const matches = await context.items.loadMatches(inWindow);
        const scores = [...matches.values()].map((match) => match.matches.find((entry) => entry.topicId === topicId)?.score ?? 0);
        const best = scores.length > 0 ? Math.max(...scores) : 0;
        const reason = alertReason(alert, best, inWindow.length);
        const cooldownMs = await context.alerts.cooldownLeft(topicId);
        print(`${topicId}: ${inWindow.length} matches in the last ${formatDuration(alert.window)}, best score ${best}`);
        print(`  thresholds: minScore ${alert.minScore ?? '-'}, minMatches ${alert.minMatches ?? '-'}, cooldown ${formatDuration(alert.cooldown)}`);
        if (!reason) print('  would not fire now');
        else if (cooldownMs > 0) print(`  threshold crossed (${reason}) but cooling down for another ${formatDuration(Math.ceil(cooldownMs / 60_000) * 60_000)}`);
        else print(`  would fire now: ${reason}`);
      } finally {
        await session.close();
      }
    });
}
