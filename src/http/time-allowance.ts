/**
 * A time budget spent in pieces: only the time inside `spend` counts against it. The fetch layer
 * keeps two per fetch, one for exchanges with the server (http.timeout) and one for waiting its
 * turn at the host, so that time in vigil's own queue is never blamed on the server.
 */
export class TimeAllowance {
  private spentMs = 0;

  constructor(readonly limitMs: number) {}

  remainingMs(): number {
    return Math.max(0, this.limitMs - this.spentMs);
  }

  /** Runs `work`, counting the time it takes against the allowance. */
  async spend<T>(work: () => Promise<T>): Promise<T> {
    const started = Date.now();
    try {
      return await work();
    } finally {
      this.spentMs += Date.now() - started;
    }
  }
}

/** "20s", "1.5s": how long a limit or a wait was, for messages. */
export function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}
