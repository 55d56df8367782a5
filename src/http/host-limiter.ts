/**
 * Politeness per host: at most `concurrency` requests in flight, request starts at least
 * `minDelayMs` apart, and a pause when the server asked for one (429/503 Retry-After).
 *
 * The HTTP client only talks to this interface, so a Redis-backed limiter (one budget shared by
 * every worker process) can replace the in-process one without touching the client.
 */
export interface HostLimiter {
  /**
   * Waits for a slot for `host` (and for its pause to end) and resolves to the function that gives
   * it back, or to null when `signal` fires first.
   */
  acquire(host: string, signal?: AbortSignal): Promise<(() => void) | null>;
  /** Records that `host` asked us not to come back before `untilMs` (epoch ms). */
  pause(host: string, untilMs: number): Promise<void>;
  /** Milliseconds until `host` may be asked again (0 when it may be asked now). */
  pausedFor(host: string): Promise<number>;
  /** Raises the minimum delay for `host` (robots.txt Crawl-delay); never lowers the configured one. */
  setMinDelay(host: string, delayMs: number): void;
}

type Waiter = (release: (() => void) | null) => void;

interface HostState {
  active: number;
  queue: Waiter[];
  lastStart: number;
  pausedUntil: number;
  minDelay: number;
  timer: NodeJS.Timeout | null;
}

export class InProcessHostLimiter implements HostLimiter {
  private readonly hosts = new Map<string, HostState>();
  private readonly concurrency: number;
  private readonly minDelayMs: number;

  constructor(options: { concurrency: number; minDelayMs: number }) {
    this.concurrency = Math.max(1, options.concurrency);
    this.minDelayMs = Math.max(0, options.minDelayMs);
  }

  acquire(host: string, signal?: AbortSignal): Promise<(() => void) | null> {
    const state = this.state(host);
    return new Promise((resolve) => {
      if (signal?.aborted) {
        resolve(null);
        return;
      }
      const waiter: Waiter = (release) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(release);
      };
      const onAbort = () => {
        const index = state.queue.indexOf(waiter);
        if (index !== -1) state.queue.splice(index, 1);
        resolve(null);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      state.queue.push(waiter);
      this.pump(state);
    });
  }

  async pause(host: string, untilMs: number): Promise<void> {
    const state = this.state(host);
    state.pausedUntil = Math.max(state.pausedUntil, untilMs);
  }

  async pausedFor(host: string): Promise<number> {
    const state = this.hosts.get(host);
    return state ? Math.max(0, state.pausedUntil - Date.now()) : 0;
  }

  setMinDelay(host: string, delayMs: number): void {
    const state = this.state(host);
    state.minDelay = Math.max(this.minDelayMs, delayMs);
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      if (this.hosts.size > 10_000) this.prune();
      state = { active: 0, queue: [], lastStart: 0, pausedUntil: 0, minDelay: this.minDelayMs, timer: null };
      this.hosts.set(host, state);
    }
    return state;
  }

  private pump(state: HostState): void {
    if (state.timer) return;
    while (state.queue.length > 0 && state.active < this.concurrency) {
      const wait = Math.max(state.lastStart + state.minDelay, state.pausedUntil) - Date.now();
      if (wait > 0) {
        state.timer = setTimeout(() => {
          state.timer = null;
          this.pump(state);
        }, wait);
        return;
      }
      const waiter = state.queue.shift();
      if (!waiter) return;
      state.active += 1;
      state.lastStart = Date.now();
      let released = false;
      waiter(() => {
        if (released) return;
        released = true;
        state.active -= 1;
        this.pump(state);
      });
    }
  }

  /** Forgets idle hosts whose delay and pause are over (a long-running worker meets many hosts). */
  private prune(): void {
    const now = Date.now();
    for (const [host, state] of this.hosts) {
      if (state.active === 0 && state.queue.length === 0 && state.pausedUntil < now && state.lastStart + state.minDelay < now) {
        this.hosts.delete(host);
      }
    }
  }
}
