import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, startPrivateRedis } from '../../src/store/local-redis.ts';
import { cleanupAfterEach, expectNoStepCompletedTwice, sleep, startRig, TIMEOUT_MS } from './harness.ts';

const cleanups = cleanupAfterEach();

const FEEDS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

describe('Redis restarted mid-run', () => {
  for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
    it(
      `redis-server stopped with ${signal} (appendonly yes, appendfsync always) and restarted on the same port and dir: workers reconnect, nothing in flight is lost`,
      async () => {
        const dir = mkdtempSync(join(tmpdir(), 'vigil-fault-redis-'));
        const port = await freePort();
        let server = await startPrivateRedis({ appendOnly: true, dir, port });
        cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
        cleanups.push(() => server.stop());
        const rig = await startRig(cleanups, { feeds: FEEDS, items: 30, latencyMs: 150, redis: { privateUrl: server.url, prefix: '{vigil-fault-restart}' } });
        const { itemKeys, probe } = rig;
        const worker = await rig.startWorker(rig.workerConfig(), 'SIGKILL');

        await probe.aQuarterStored(itemKeys);
        expect(await probe.storedItems(itemKeys)).toBeLessThan(itemKeys.length);
        const exited = new Promise((resolve) => server.process.once('exit', resolve));
        server.process.kill(signal);
        await exited;
        // Down long enough for in-flight fetches to finish and fail to report back.
        await sleep(2_000);
        server = await startPrivateRedis({ appendOnly: true, dir, port });

        await probe.drained(itemKeys.length, 90_000);
        expect(await probe.storedItems(itemKeys)).toBe(itemKeys.length);
        await probe.triggerDigest();
        await probe.allDelivered(30_000);
        rig.expectEachMatchDeliveredOnce();
        await expectNoStepCompletedTwice(probe, itemKeys.length);
        expect(worker.child.exitCode).toBeNull();
        expect(await worker.kill('SIGTERM')).toBe(0);
      },
      TIMEOUT_MS,
    );
  }
});
