import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { DEFAULT_CONFIG_PATH } from '../config/default-path.ts';
import { registerAlertsCommand } from './commands/alerts.ts';
import { registerConfigCommand } from './commands/config-check.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerDigestCommand } from './commands/digest.ts';
import { registerExtractCommand } from './commands/extract.ts';
import { registerFeedEnableCommand } from './commands/feed-enable.ts';
import { registerFeedInspectCommand } from './commands/feed-inspect.ts';
import { registerFeedsCommand } from './commands/feeds.ts';
import { registerHealthCommand } from './commands/health.ts';
import { registerMailCommand } from './commands/mail.ts';
import { registerMatchCommand } from './commands/match.ts';
import { registerPollCommand } from './commands/poll.ts';
import { registerStatusCommand } from './commands/status.ts';
import { registerWebCommand } from './commands/web.ts';
import { registerWorkerCommand } from './commands/worker.ts';
import { exitCodeFor } from './exit-codes.ts';

/** The version in package.json (two folders up from src/cli and from dist/cli alike). */
function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return manifest.version ?? 'unknown';
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('vigil')
    .description('News monitoring for conflict and counter-terrorism analysts: feeds in, matched articles out by email.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .option('-c, --config <path>', 'config file', DEFAULT_CONFIG_PATH)
    // Inherited by every sub-command created below, so `vigil poll --help` shows -c too.
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError('(run "vigil --help" for usage)')
    // Sub-commands copy this when created: their usage errors come back here too, to exit with 2.
    .exitOverride();
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
  registerHealthCommand(program);
  registerDemoCommand(program);
  registerWebCommand(program);
  return program;
}

/** Entry point of the `vigil` bin: one clear line on stderr and an exit code that says what went wrong (README). */
export async function main(argv: string[]): Promise<void> {
  // `vigil match big.jsonl | head` closes stdout early: that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = exitCodeFor(error);
      return;
    }
    const { redactText } = await import('../log/redact.ts');
    const { terminalSafe } = await import('../text/untrusted.ts');
    const { name, message } = error as Error;
    // A ConfigError already names its file and key; anything else gets the program's name in front.
    process.stderr.write(`${terminalSafe(redactText(name === 'ConfigError' ? message : `vigil: ${message}`))}\n`);
    process.exitCode = exitCodeFor(error);
  }
}
