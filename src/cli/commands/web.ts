import type { Command } from 'commander';
import { configPathOf, print } from '../output.ts';

/** The console waits for its Redis as long as a worker does: in a container it may start first. */
const REDIS_WAIT_MS = 60_000;

export function registerWebCommand(program: Command): void {
  program
    .command('web')
    .description('the web console (matches, items, feeds, digests, queues) with /healthz, /readyz and /metrics, until SIGTERM/SIGINT')
    .option('--host <address>', 'address to listen on; any other than loopback needs VIGIL_WEB_PASSWORD or VIGIL_WEB_TOKEN', '127.0.0.1')
    .option('--port <port>', 'port to listen on', '8080')
    .action(async (options: { host: string; port: string }, command: Command) => {
      const { UsageError } = await import('../usage-error.ts');
      const { parsePort } = await import('../../web/listen-address.ts');
      const { credentialsFromEnv, listenProblem } = await import('../../web/access.ts');
      const port = parsePort(options.port);
      if (port === null) throw new UsageError(`--port: expected a port number (0-65535), got "${options.port}"`);
      const credentials = credentialsFromEnv(process.env);
      const problem = listenProblem(options.host, credentials);
      if (problem) throw new UsageError(problem);
      const { openSession } = await import('../session.ts');
      const { startWeb } = await import('../../web/start.ts');
      const session = await openSession({ configPath: configPathOf(command), logLevel: process.env.VIGIL_LOG_LEVEL ?? 'info', redisWaitMs: REDIS_WAIT_MS });
      let server: Awaited<ReturnType<typeof startWeb>>;
      try {
        server = await startWeb({ context: session.runtime.context, host: options.host, port, credentials, console: true });
      } catch (error) {
        await session.close();
        throw error;
      }
      print(`vigil web: listening on ${server.url}${credentials.password || credentials.token ? ' (credentials required)' : ''}`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
      await server.close();
      await session.close();
    });
}
