import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { RedisUnavailableError } from './errors.ts';

export interface RedisEndpoint {
  url: string;
  /** True when vigil started a private redis-server for this run. */
  started: boolean;
  stop(): Promise<void>;
}

/** Probe failures that mean no server listens there, the only case where a private redis-server may stand in. */
const NOBODY_LISTENING = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|connection refused|Connection is closed/i;

/** Resolves with null when Redis answers PING at url, else with the reason it did not. */
export async function probeRedis(url: string, timeoutMs = 1500): Promise<string | null> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  // The socket error (ECONNREFUSED, ENOTFOUND...) says more than the "Connection is closed" that connect() rejects with.
  let socketError: string | null = null;
  client.on('error', (error: NodeJS.ErrnoException) => {
    socketError ??= error.code ?? error.message;
  });
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (error) {
    return socketError ?? ((error as Error).message || 'connection refused');
  } finally {
    client.disconnect();
  }
}

export function redisServerOnPath(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export interface PrivateRedisOptions {
  port?: number;
  /** Append-only persistence, for crash tests that restart the server and expect the data back. */
  appendOnly?: boolean;
  dir?: string;
}

/** Starts a private redis-server on loopback; resolves once it answers PING. */
export async function startPrivateRedis(options: PrivateRedisOptions = {}): Promise<RedisEndpoint & { port: number; process: ChildProcess; dir: string }> {
  const port = options.port ?? (await freePort());
  const ownDir = !options.dir;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'vigil-redis-'));
  mkdirSync(dir, { recursive: true });
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      options.appendOnly ? 'yes' : 'no',
      '--appendfsync',
      'always',
      '--dir',
      dir,
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode} on port ${port}`);
    if ((await probeRedis(url, 300)) === null) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server on port ${port} did not answer within 10 s`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    port,
    dir,
    process: child,
    started: true,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The configured Redis when it answers; else a private redis-server when one is on PATH;
 * else a RedisUnavailableError whose message names the fix.
 */
export async function ensureRedis(url: string, privateServer: PrivateRedisOptions = {}): Promise<RedisEndpoint> {
  const reason = await probeRedis(url);
  if (reason === null) return { url, started: false, stop: async () => undefined };
  // A Redis that answers but refuses the login (or the certificate) is the user's Redis: never replace it.
  if (!NOBODY_LISTENING.test(reason)) throw new RedisUnavailableError(url, reason);
  if (!redisServerOnPath()) throw new RedisUnavailableError(url, reason);
  return startPrivateRedis(privateServer);
}
