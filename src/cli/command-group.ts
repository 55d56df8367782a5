import type { Command } from 'commander';

/** The sub-command group `name` (e.g. "feed"), created on first use so several files can add commands to it. */
export function commandGroup(program: Command, name: string, description: string): Command {
  return program.commands.find((command) => command.name() === name) ?? program.command(name).description(description);
}
