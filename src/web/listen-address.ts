export interface ListenAddress {
  host: string;
  port: number;
}

/** Where an HTTP server listens unless told otherwise: this machine only. */
export const DEFAULT_HOST = '127.0.0.1';

/** A TCP port from the command line (0 picks a free one), or null when the text is not one. */
export function parsePort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text.trim())) return null;
  const port = Number(text);
  return port <= 65_535 ? port : null;
}

/** "9464", "0.0.0.0:9464" or "[::1]:9464" → host and port; null when it is none of those. */
export function parseListenAddress(text: string, defaultHost = DEFAULT_HOST): ListenAddress | null {
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(text);
  if (bracketed?.[1] && bracketed[2]) {
    const port = parsePort(bracketed[2]);
    return port === null ? null : { host: bracketed[1], port };
  }
  const colon = text.lastIndexOf(':');
  if (colon === -1) {
    const port = parsePort(text);
    return port === null ? null : { host: defaultHost, port };
  }
  const host = text.slice(0, colon);
  const port = parsePort(text.slice(colon + 1));
  // A bare IPv6 address must be bracketed: "::1:9464" is ambiguous.
  if (port === null || host.length === 0 || host.includes(':')) return null;
  return { host, port };
}
