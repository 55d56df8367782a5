import { QueueEvents, type Job } from 'bullmq';
import type { Command } from 'commander';
import { previewDigest, type DigestOutcome } from '../../jobs/notify.ts';
import { startWorkers } from '../../jobs/runtime.ts';
import type { NotifyJobData } from '../../jobs/queues.ts';
import { connectionOptions } from '../../store/connection.ts';
import { print } from '../output.ts';
import { openSession, type Session } from '../session.ts';

export function describeDigest(outcome: DigestOutcome): string {
  switch (outcome.status) {
    case 'sent':
      return `digest for ${outcome.groupId}: sent, ${outcome.items} items${outcome.files ? ` → ${outcome.files.join(', ')}` : ` (${outcome.response})`}`;
    case 'empty':
      return `digest for ${outcome.groupId}: nothing new since the last digest; nothing sent`;
    case 'empty-note-sent':
      return `digest for ${outcome.groupId}: nothing new; sent a "nothing new" note`;
    case 'locked':
      return `digest for ${outcome.groupId}: another worker is sending it right now`;
    case 'dry-run':
      return `digest for ${outcome.groupId}: ${outcome.items} items would be sent (dry run)`;
  }
}

/** Sends group digests now through the notify queue (the same processor the scheduler runs). */
export async function sendDigestsNow(session: Session, groupIds: string[]): Promise<DigestOutcome[]> {
  const { context } = session.runtime;
  const events = new QueueEvents('notify', { connection: connectionOptions(context.config.redis.url), prefix: context.config.redis.prefix });
  const workers = startWorkers(context, ['notify']);
  try {
    await events.waitUntilReady();
    const stamp = Date.now();
    const jobs: Job<NotifyJobData>[] = await context.queues.notify.addBulk(
      groupIds.map((groupId) => ({ name: 'digest', data: { kind: 'digest', groupId }, opts: { jobId: `manual-digest-${groupId}-${stamp}`, attempts: 1 } })),
    );
    return (await Promise.all(jobs.map((job) => job.waitUntilFinished(events, 5 * 60_000)))) as DigestOutcome[];
  } finally {
    await workers.close();
    await events.close();
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
        for (const outcome of await sendDigestsNow(session, groupIds)) print(describeDigest(outcome));
      } finally {
        await session.close();
      }
    });
}
