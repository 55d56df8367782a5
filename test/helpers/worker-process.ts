import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';

/** Writes a config file for a worker process; topics come from the project's config/topics.yaml. */
export function writeWorkerConfig(config: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-worker-'));
  const path = join(dir, 'vigil.yaml');
  writeFileSync(path, stringify({ topicsFile: resolve('config/topics.yaml'), ...config }));
  return path;
}

export interface WorkerProcess {
  child: ChildProcess;
  /** JSON log lines the worker wrote so far. */
  logs: string[];
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

/** Starts `vigil worker` as its own process (the real bin) and resolves once it says it started. */
export async function startWorkerProcess(configPath: string, env: NodeJS.ProcessEnv = {}): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['bin/vigil.mjs', 'worker', '--config', configPath], {
    env: { ...process.env, VIGIL_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  await new Promise<void>((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start within 20 s:\n${logs.join('\n')}`)), 20_000);
    let buffered = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      logs.push(...lines);
      if (lines.some((line) => line.includes('vigil worker started'))) {
        clearTimeout(timer);
        resolveStart();
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code} before starting:\n${logs.join('\n')}`));
    });
  });
  return {
    child,
    logs,
    exited,
    kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
