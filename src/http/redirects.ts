import { FetchError } from './errors.ts';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** The Location of a redirect response, or null when the response is not one vigil follows. */
export function redirectLocation(status: number, location: string | null): string | null {
  return REDIRECT_STATUSES.has(status) && location ? location : null;
}

/**
 * The URLs a fetch went through. Each redirect is checked before it is followed: a URL seen
 * before is a loop, more than `maxRedirects` hops is too many, and only http(s) targets are taken.
 */
export class RedirectChain {
  private readonly hops: string[];

  constructor(
    private readonly start: URL,
    private readonly maxRedirects: number,
  ) {
    this.hops = [start.href];
  }

  /** The next URL to ask, or why the chain ends here. */
  follow(location: string, from: URL): URL | FetchError {
    const next = URL.parse(location, from.href);
    if (next === null) return new FetchError('invalid-url', from.href, `redirects to an invalid URL ${JSON.stringify(location)}`, { permanent: true });
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      return new FetchError('invalid-url', from.href, `redirects to a ${next.protocol} URL, which vigil does not follow`, { permanent: true });
    }
    next.hash = '';
    if (this.hops.includes(next.href)) {
      return new FetchError(
        'redirect-loop',
        this.start.href,
        `redirect loop: ${[...this.hops, next.href].join(' → ')}; open the URL in a browser to see where it should go`,
      );
    }
    if (this.hops.length > this.maxRedirects) {
      return new FetchError(
        'too-many-redirects',
        this.start.href,
        `more than ${this.maxRedirects} redirects (http.maxRedirects), last to ${next.href}; use the final URL in the config`,
      );
    }
    this.hops.push(next.href);
    return next;
  }
}
