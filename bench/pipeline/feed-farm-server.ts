/**
 * The feed farm in its own process, so serving pages does not take event-loop time from the
 * process under measurement. Started by bench/pipeline/run.ts with `fork`; talks over IPC:
 *   → { type: 'ready', origin }
 *   ← { type: 'publish', startAt, perMinute, total }        → { type: 'publishing' }
 *   ← { type: 'served' }   → { type: 'served', firstServed: [key, ms][], requests }
 * Usage (standalone): node --import tsx bench/pipeline/feed-farm-server.ts --feeds 1000 --items 20 --latency-ms 100
 */
import { startFarmServer } from './feed-farm.ts';
import { benchArgs } from '../lib/args.ts';

const args = benchArgs({ feeds: 1000, items: 20, 'latency-ms': 0, port: 0 });

type Command = { type: 'publish'; startAt: number; perMinute: number; total: number } | { type: 'served' } | { type: 'stop' };

const server = await startFarmServer({
  feeds: args.feeds,
  itemsPerFeed: args.items,
  latencyMs: args['latency-ms'],
  port: args.port,
});

if (process.send) {
  process.send({ type: 'ready', origin: server.origin });
  process.on('message', (message: Command) => {
    if (message.type === 'publish') {
      server.farm.publish({ startAt: message.startAt, perMinute: message.perMinute, total: message.total });
      process.send?.({ type: 'publishing' });
    } else if (message.type === 'served') {
      process.send?.({ type: 'served', firstServed: [...server.farm.firstServed], requests: server.farm.requests });
    } else {
      void server.close().then(() => process.exit(0));
    }
  });
  process.on('disconnect', () => void server.close().then(() => process.exit(0)));
} else {
  console.log(`feed farm at ${server.origin}: ${server.origin}/feeds/0.xml … /feeds/${server.farm.feeds - 1}.xml`);
}
