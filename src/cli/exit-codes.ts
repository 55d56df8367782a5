import { CommanderError } from 'commander';

/** 0: done. 1: the work failed (a feed, a send). 2: the command line or the configuration needs fixing. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Errors that mean "fix your command line or config", by class name so this module loads nothing else. */
const USAGE_ERRORS = new Set(['ConfigError', 'QueryError', 'UsageError']);

export function exitCodeFor(error: unknown): number {
  // Commander exits 0 for --help and --version; everything else it raises is a usage error.
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  return error instanceof Error && USAGE_ERRORS.has(error.name) ? EXIT.usage : EXIT.failed;
}
