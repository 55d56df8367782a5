import type { Command } from 'commander';
import { configPathOf, print } from '../output.ts';

/** `vigil health`: a cheap liveness probe for containers: the config loads and its Redis answers. */
export function registerHealthCommand(program: Command): void {
  program
    .command('health')
    .description('exit 0 when the config is valid and its Redis answers PING, 1 otherwise (for container health checks)')
    .action(async (_options: unknown, command: Command) => {
      const { loadConfig } = await import('../../config/load.ts');
      const { waitForRedis } = await import('../../store/wait-for-redis.ts');
      const { redactUrl } = await import('../../log/redact.ts');
      const config = loadConfig(configPathOf(command));
      await waitForRedis(config.redis.url, { timeoutMs: 0 });
      print(`ok: config valid, Redis answers at ${redactUrl(config.redis.url)}`);
    });
}
