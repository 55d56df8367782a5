import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/** There is no Docker engine where the tests run: the files are checked as data. */
describe('container files', () => {
  it('docker-compose.yml: restart policies, a pinned Mailpit on loopback only, a worker health check', () => {
    const compose = parse(readFileSync('docker-compose.yml', 'utf8')) as {
      services: Record<string, { image?: string; restart?: string; ports?: string[]; healthcheck?: { test: string[] }; build?: string }>;
    };
    const { redis, worker, mailpit } = compose.services;
    for (const [name, service] of Object.entries(compose.services)) expect(service.restart, name).toBe('unless-stopped');
    expect(mailpit?.image).toMatch(/^axllent\/mailpit:v\d+\.\d+/);
    for (const port of mailpit?.ports ?? []) expect(port.startsWith('127.0.0.1:'), port).toBe(true);
    expect(worker?.healthcheck?.test).toEqual(['CMD', 'node', 'bin/vigil.mjs', 'health']);
    expect(redis?.image).not.toMatch(/:latest$/);
  });

  it('Dockerfile: multi-stage on a Node LTS, runtime without dev tools, non-root, production, health check', () => {
    const dockerfile = readFileSync('Dockerfile', 'utf8');
    const stages = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((match) => match[1]);
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const image of stages) expect(image).toMatch(/^node:(22|24)\b/);
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtime).toContain('npm ci --omit=dev');
    expect(runtime).toContain('COPY --from=build /app/dist ./dist');
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^ENV NODE_ENV=production$/m);
    expect(runtime).toMatch(/^HEALTHCHECK /m);
    const ignored = readFileSync('.dockerignore', 'utf8').split('\n');
    for (const entry of ['node_modules', '.git', 'outbox', '.vigil', 'test', 'bench']) expect(ignored).toContain(entry);
  });
});
