import { randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { sameSecret } from './access.ts';

export const CSRF_COOKIE = 'vigil_csrf';
export const CSRF_FIELD = '_csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The request comes from a page of this console, as far as the browser tells (Origin, Sec-Fetch-Site). */
function sameOrigin(c: Context): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = c.req.header('origin');
  if (origin === undefined || origin === 'null') return origin === undefined;
  try {
    return new URL(origin).host === c.req.header('host');
  } catch {
    return false;
  }
}

/**
 * Cross-site request forgery protection for every state-changing request:
 * - the browser must not say it comes from another site (Origin / Sec-Fetch-Site), which also covers
 *   Bull Board's JSON calls;
 * - the console's own forms must also send back the token of the `vigil_csrf` cookie (double submit):
 *   another site can make a browser post a form, but cannot read the cookie to put it in the form.
 * GET requests get the cookie when they lack one; pages read the token with `csrfToken(c)`.
 */
export function csrfProtection(options: { formPaths: (path: string) => boolean }): MiddlewareHandler<{ Variables: { csrf: string } }> {
  return async (c, next) => {
    let token = getCookie(c, CSRF_COOKIE);
    if (token === undefined || !TOKEN_PATTERN.test(token)) {
      token = randomBytes(32).toString('base64url');
      setCookie(c, CSRF_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/' });
    }
    c.set('csrf', token);
    if (SAFE_METHODS.has(c.req.method)) {
      await next();
      return;
    }
    if (!sameOrigin(c)) return c.text('vigil: refused a request from another site (cross-site request forgery protection)\n', 403);
    if (options.formPaths(c.req.path)) {
      const form = await c.req.parseBody();
      const sent = form[CSRF_FIELD];
      const cookie = getCookie(c, CSRF_COOKIE);
      if (typeof sent !== 'string' || cookie === undefined || !sameSecret(sent, cookie)) {
        return c.text('vigil: the form expired or did not come from this console; reload the page and try again\n', 403);
      }
    }
    await next();
  };
}
