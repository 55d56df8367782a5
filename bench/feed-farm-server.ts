/**
 * The feed farm in its own process, so serving pages does not take event-loop time from the
 * process under measurement. Started by bench/pipeline.ts with `fork`; talks over IPC:
 *   → { type: 'ready', origin }
 *   ← { type: 'publish', startAt, perMinute, total }        → { type: 'publishing' }
 *   ← { type: 'served' }   → { type: 'served', firstServed: [key, ms][], requests }
 * Usage (standalone): node --import tsx bench/feed-farm-server.ts --feeds 1000 --items 20 --latency-ms 100
 */
import { startFarmServer } from './feed-farm.ts';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN;
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

type Command = { type: 'publish'; startAt: number; perMinute: number; total: number } | { type: 'served' } | { type: 'stop' };

const server = await startFarmServer({
  feeds: option('feeds', 1000),
  itemsPerFeed: option('items', 20),
  latencyMs: option('latency-ms', 0),
  port: option('port', 0),
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
