import type { MiddlewareHandler } from 'hono';

/**
 * The console's own pages run no script at all and load only its stylesheet: whatever a feed smuggles
 * past escaping could not execute, load a remote image (a tracking pixel) or post a form elsewhere.
 */
export const CONSOLE_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/**
 * Bull Board is a script application served from its own files; it still gets no inline script
 * (its config block is JSON, not script), no remote sources and no framing. Its inline styles need 'unsafe-inline'.
 */
export const QUEUE_BOARD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'self'; frame-ancestors 'none'";

export function securityHeaders(queueBoardPath: string): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const onBoard = c.req.path === queueBoardPath || c.req.path.startsWith(`${queueBoardPath}/`);
    c.header('content-security-policy', onBoard ? QUEUE_BOARD_CSP : CONSOLE_CSP);
    c.header('x-content-type-options', 'nosniff');
    c.header('x-frame-options', 'DENY');
    // Links to sources must not tell them the console's address.
    c.header('referrer-policy', 'no-referrer');
    c.header('cross-origin-opener-policy', 'same-origin');
    if (!c.res.headers.has('cache-control')) c.header('cache-control', 'no-store');
  };
}

/** Server-Timing: app;dur=<ms> on every response, so page timings can be read from outside (bench/web). */
export function serverTiming(): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    c.header('server-timing', `app;dur=${(performance.now() - started).toFixed(1)}`);
  };
}
