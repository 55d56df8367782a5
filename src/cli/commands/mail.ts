import type { Command } from 'commander';
import { loadConfig } from '../../config/load.ts';
import { print } from '../output.ts';
import { sendTestMail } from './mail-test.ts';

export function registerMailCommand(program: Command): void {
  const mail = program.command('mail').description('mail tools');
  mail
    .command('test')
    .description('send a short test message through the configured transport and print the server\'s answer in one line')
    .option('--group <id>', 'send to this group\'s addresses (default: the first group)')
    .action(async (options: { group?: string }, command: Command) => {
      const config = loadConfig(command.optsWithGlobals<{ config?: string }>().config);
      print(await sendTestMail(config, options.group));
    });
}
