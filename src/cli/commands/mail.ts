import type { Command } from 'commander';
import { configPathOf, print } from '../output.ts';

export function registerMailCommand(program: Command): void {
  const mail = program.command('mail').description('mail tools');
  mail
    .command('test')
    .description("send a short test message through the configured transport and print the server's answer in one line")
    .option('--group <id>', "send to this group's addresses (default: the first group)")
    .action(async (options: { group?: string }, command: Command) => {
      const { loadConfig } = await import('../../config/load.ts');
      const { sendTestMail } = await import('../../mail/test-message.ts');
      print(await sendTestMail(loadConfig(configPathOf(command)), options.group));
    });
}
