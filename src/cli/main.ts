import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/errors.ts';
import { QueryError } from '../matching/index.ts';
import { registerAlertsCommand } from './commands/alerts.ts';
import { registerConfigCommand } from './commands/config-check.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerDigestCommand } from './commands/digest.ts';
import { registerExtractCommand } from './commands/extract.ts';
import { registerFeedEnableCommand } from './commands/feed-enable.ts';
import { registerFeedInspectCommand } from './commands/feed-inspect.ts';
import { registerFeedsCommand } from './commands/feeds.ts';
import { registerMailCommand } from './commands/mail.ts';
import { registerMatchCommand } from './commands/match.ts';
import { registerPollCommand } from './commands/poll.ts';
import { registerStatusCommand } from './commands/status.ts';
import { registerWorkerCommand } from './commands/worker.ts';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('vigil')
    .description('News monitoring for conflict and counter-terrorism analysts: feeds in, matched articles out by email.')
    .option('-c, --config <path>', 'config file', 'config/vigil.yaml')
    .showHelpAfterError('(run "vigil --help" for usage)');
  registerWorkerCommand(program);
  registerPollCommand(program);
  registerDigestCommand(program);
  registerStatusCommand(program);
  registerConfigCommand(program);
  registerMatchCommand(program);
  registerExtractCommand(program);
  registerFeedInspectCommand(program);
  registerFeedEnableCommand(program);
  registerFeedsCommand(program);
  registerMailCommand(program);
  registerAlertsCommand(program);
  registerDemoCommand(program);
  return program;
}

/** Entry point of the `vigil` bin: one clear line on stderr and a non-zero exit for any failure. */
export async function main(argv: string[]): Promise<void> {
  // `vigil match big.jsonl | head` closes stdout early: that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const program = buildProgram();
  program.exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    const message = error instanceof ConfigError ? error.message : `vigil: ${(error as Error).message}`;
    process.stderr.write(`${message}\n`);
    // 2: the configuration (or a topic query in it) needs fixing; 1: anything else.
    process.exitCode = error instanceof ConfigError || error instanceof QueryError ? 2 : 1;
  }
}
