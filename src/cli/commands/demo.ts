import type { Command } from 'commander';
import type { VigilConfig } from '../../config/schema.ts';
import { formatPollSummary, print } from '../output.ts';

export const DEMO_CONFIG_PATH = 'config/demo.yaml';

/** The demo config names feeds on a fixed local port; a different --port moves them all. */
function withPort(config: VigilConfig, port: number): VigilConfig {
  return {
    ...config,
    feeds: config.feeds.map((feed) => {
      const url = new URL(feed.url);
      url.port = String(port);
      return { ...feed, url: url.toString() };
    }),
  };
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('run the whole pipeline on the bundled demo feeds, served locally; the digest lands in outbox/')
    .option('--fresh', 'forget what earlier demo runs saw and delivered')
    .option('--port <port>', 'port for the local demo server (default: the one in config/demo.yaml)')
    .action(async (options: { fresh?: boolean; port?: string }, command: Command) => {
      const { loadConfig } = await import('../../config/load.ts');
      const { startDemoServer } = await import('../../demo/server.ts');
      const { deleteByPrefix } = await import('../../store/delete-prefix.ts');
      const { runDigestsNow, runPollNow } = await import('../../jobs/on-demand.ts');
      const { withSession } = await import('../session.ts');
      const { describeDigest } = await import('./digest.ts');
      // The demo has its own config unless the user names one with --config.
      const explicit = command.parent?.getOptionValueSource('config') === 'cli';
      const configPath = explicit ? command.optsWithGlobals<{ config: string }>().config : DEMO_CONFIG_PATH;
      const loaded = loadConfig(configPath);
      const firstFeed = loaded.feeds[0];
      if (!firstFeed) throw new Error(`${configPath} lists no feeds`);
      const port = Number(options.port ?? new URL(firstFeed.url).port);
      const server = await startDemoServer({ port }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE') throw new Error(`port ${port} is in use; run the demo with --port <another port>`);
        throw error;
      });
      try {
        print(`demo feeds served at ${server.url}`);
        // Item identity follows the URL, so the port must stay the same between runs for "nothing new" to hold.
        // The demo is the one command that may start a private redis-server: its state is its own.
        const config = withPort(loaded, Number(new URL(server.url).port));
        await withSession({ config, privateRedis: true }, async (session) => {
          if (options.fresh) {
            const removed = await deleteByPrefix(session.runtime.redis, session.config.redis.prefix);
            print(`--fresh: forgot ${removed} keys of earlier demo runs`);
          }
          const summary = await runPollNow(
            session.runtime,
            session.config.feeds.map((feed) => feed.id),
          );
          for (const line of formatPollSummary(summary, new Map(session.config.topics.map((topic) => [topic.id, topic.name])))) print(line);
          const outcomes = await runDigestsNow(
            session.runtime,
            session.config.groups.map((group) => group.id),
          );
          for (const outcome of outcomes) print(describeDigest(outcome));
          if (summary.newItems === 0) print('nothing new since the last run (state is kept in Redis); use --fresh to start over');
        });
      } finally {
        await server.close();
      }
    });
}
