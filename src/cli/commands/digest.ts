import type { Command } from 'commander';
import type { DigestOutcome } from '../../jobs/notify.ts';
import { configPathOf, print, printJson } from '../output.ts';

export function describeDigest(outcome: DigestOutcome): string {
  switch (outcome.status) {
    case 'sent':
      return `digest for ${outcome.groupId}: sent, ${outcome.items} items${outcome.files ? ` → ${outcome.files.join(', ')}` : ` (${outcome.response})`}`;
    case 'empty':
      return `digest for ${outcome.groupId}: nothing new since the last digest; nothing sent`;
    case 'empty-note-sent':
      return `digest for ${outcome.groupId}: nothing new; sent a "nothing new" note`;
    case 'dry-run':
      return `digest for ${outcome.groupId}: ${outcome.items} items would be sent (dry run)`;
  }
}

export function registerDigestCommand(program: Command): void {
  program
    .command('digest')
    .description("build and send the digest now (items matched since the group's last digest); exit 1 if it could not be sent")
    .option('--group <id>', 'only this recipient group (default: all groups)')
    .option('--dry-run', 'print the digest instead of sending it; the ledger is not touched')
    .option('--json', 'print the outcome (with --dry-run: the digest itself) as JSON')
    .action(async (options: { group?: string; dryRun?: boolean; json?: boolean }, command: Command) => {
      const { withSession } = await import('../session.ts');
      const { previewDigest } = await import('../../jobs/notify.ts');
      const { runDigestsNow } = await import('../../jobs/on-demand.ts');
      const { UsageError } = await import('../usage-error.ts');
      await withSession({ configPath: configPathOf(command) }, async (session) => {
        const known = session.config.groups.map((group) => group.id);
        if (options.group && !known.includes(options.group)) throw new UsageError(`unknown group "${options.group}" (groups: ${known.join(', ')})`);
        const groupIds = options.group ? [options.group] : known;
        if (groupIds.length === 0) throw new Error('no recipient groups in the config (add one under "groups:")');
        if (options.dryRun) {
          const outcomes = [];
          for (const groupId of groupIds) outcomes.push(await previewDigest(session.runtime.context, groupId));
          if (options.json) return printJson(outcomes);
          for (const outcome of outcomes) {
            print(describeDigest(outcome));
            if (outcome.preview && outcome.items > 0) print(`Subject: ${outcome.preview.subject}\n\n${outcome.preview.text}`);
          }
          return;
        }
        const outcomes = await runDigestsNow(session.runtime, groupIds);
        if (options.json) printJson(outcomes);
        else for (const outcome of outcomes) print(describeDigest(outcome));
      });
    });
}
