import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { MiddlewareHandler } from 'hono';

/** Who may use the console: a password for people (basic auth), a token for machines (a Prometheus scrape), or nobody set. */
export interface WebCredentials {
  user: string;
  password: string | null;
  token: string | null;
}

/** VIGIL_WEB_PASSWORD (with VIGIL_WEB_USER, default "vigil") and VIGIL_WEB_TOKEN; empty values count as unset. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): WebCredentials {
  return {
    user: env.VIGIL_WEB_USER || 'vigil',
    password: env.VIGIL_WEB_PASSWORD || null,
    token: env.VIGIL_WEB_TOKEN || null,
  };
}

export function hasCredentials(credentials: WebCredentials): boolean {
  return credentials.password !== null || credentials.token !== null;
}

/** True for addresses only this machine can reach: 127.0.0.0/8, ::1 (also IPv4-mapped) and "localhost". */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || bare.startsWith('::ffff:127.');
  return false;
}

/** Why the server must not listen on `host` as configured, or null when it may. */
export function listenProblem(host: string, credentials: WebCredentials): string | null {
  if (isLoopbackHost(host) || hasCredentials(credentials)) return null;
  return (
    `refusing to listen on ${host} without credentials: anyone who can reach it could read matches and disable feeds. ` +
    'Set VIGIL_WEB_PASSWORD (basic auth, user "vigil" or VIGIL_WEB_USER) and/or VIGIL_WEB_TOKEN (Authorization: Bearer), or bind 127.0.0.1'
  );
}

/** Compares secrets in time that does not depend on where they differ (both sides hashed to equal length first). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

function basicPair(header: string): { user: string; password: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** True when the Authorization header carries the configured password or token. */
export function authorized(header: string | undefined, credentials: WebCredentials): boolean {
  if (!header) return false;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (bearer !== undefined) return credentials.token !== null && sameSecret(bearer, credentials.token);
  const pair = basicPair(header);
  if (!pair || credentials.password === null) return false;
  // Both compared every time, so the answer's timing does not tell which one was wrong.
  const userOk = sameSecret(pair.user, credentials.user);
  const passwordOk = sameSecret(pair.password, credentials.password);
  return userOk && passwordOk;
}

/**
 * Asks for credentials on every path except `open` ones (liveness and readiness probes, which tell
 * nothing about the content). Without configured credentials, which only loopback allows, everything is open.
 */
export function requireCredentials(credentials: WebCredentials, open: readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    if (!hasCredentials(credentials) || open.includes(c.req.path) || authorized(c.req.header('authorization'), credentials)) {
      await next();
      return;
    }
    const headers: Record<string, string> = { 'cache-control': 'no-store' };
    if (credentials.password !== null) headers['www-authenticate'] = 'Basic realm="vigil", charset="UTF-8"';
    return c.text('vigil: credentials required (VIGIL_WEB_PASSWORD as basic auth, or VIGIL_WEB_TOKEN as a bearer token)\n', 401, headers);
  };
}
