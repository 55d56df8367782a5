import { defineConfig } from 'vitest/config';

/** Crash and outage scenarios (test/faults): worker processes, Redis restarts, SMTP outages. */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Each scenario runs its own worker processes: one file at a time keeps their timing honest on 2 cores.
    fileParallelism: false,
  },
});
