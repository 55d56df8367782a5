import type { Command } from 'commander';
import { previewDigest, type DigestOutcome } from '../../jobs/notify.ts';
import { print } from '../output.ts';
import { runDigestsNow } from '../run-digest.ts';
import { openSession } from '../session.ts';

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
    .description('build and send the digest now (items matched since the group\'s last digest)')
    .option('--group <id>', 'only this recipient group (default: all groups)')
    .option('--dry-run', 'print the digest instead of sending it; the ledger is not touched')
    .action(async (options: { group?: string; dryRun?: boolean }, command: Command) => {
      const session = await openSession({ configPath: command.optsWithGlobals<{ config?: string }>().config });
      try {
        const groupIds = options.group ? [options.group] : session.config.groups.map((group) => group.id);
        if (groupIds.length === 0) throw new Error('no recipient groups in the config (add one under "groups:")');
        if (options.dryRun) {
          for (const groupId of groupIds) {
            const outcome = await previewDigest(session.runtime.context, groupId);
            print(describeDigest(outcome));
            if (outcome.preview && outcome.items > 0) print(`Subject: ${outcome.preview.subject}\n\n${outcome.preview.text}`);
          }
          return;
        }
        for (const outcome of await runDigestsNow(session.runtime, groupIds)) print(describeDigest(outcome));
      } finally {
        await session.close();
      }
    });
}
