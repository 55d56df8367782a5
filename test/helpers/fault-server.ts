import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';

/**
 * A misbehaving web server on 127.0.0.1 for HTTP tests: every route reproduces one thing real
 * servers do to feed readers. Routes are fixed (see `routes`) and tests may add their own with
 * `on(path, handler)`. Every request is recorded for assertions (headers sent, order, timing).
 */

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export interface RecordedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  at: number;
}

export interface FaultServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  url(path: string): string;
  requests: RecordedRequest[];
  on(path: string, handler: Handler): void;
  close(): Promise<void>;
}

const RSS = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Fault server feed</title><link>http://127.0.0.1/</link>
<item><title>First item</title><link>/articles/1</link><guid>item-1</guid><pubDate>Tue, 05 Mar 2024 14:07:00 GMT</pubDate></item>
</channel></rss>`;

export const SAMPLE_FEED = RSS;

/** "Café – €5" in windows-1252 bytes, inside a feed whose header claims UTF-8. */
function windows1252Feed(): Buffer {
  const head = Buffer.from('<?xml version="1.0"?><rss version="2.0"><channel><title>Caf', 'latin1');
  const tail = Buffer.from('</title><item><title>x</title><guid>1</guid></item></channel></rss>', 'latin1');
  return Buffer.concat([head, Buffer.from([0xe9, 0x20, 0x96, 0x20, 0x80, 0x35]), tail]);
}

let bomb: Buffer | null = null;
/** 32 MiB of zeros, gzip-compressed to about 32 kB. */
function gzipBomb(): Buffer {
  bomb ??= gzipSync(Buffer.alloc(32 * 1024 * 1024), { level: 9 });
  return bomb;
}

function routes(server: FaultServer): Record<string, Handler> {
  return {
    '/feed.xml': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      response.end(RSS);
    },
    '/slow-headers': (_request, response) => {
      // Headers come after 5 s; the client must give up first.
      const timer = setTimeout(() => {
        response.writeHead(200, { 'content-type': 'text/xml' });
        response.end(RSS);
      }, 5_000);
      response.on('close', () => clearTimeout(timer));
    },
    '/slow-body': (_request, response) => {
      // Headers at once, then one byte every 100 ms: never idle long, never done in time.
      response.writeHead(200, { 'content-type': 'text/xml' });
      response.write('<?xml version="1.0"?><rss version="2.0"><channel><title>');
      const timer = setInterval(() => response.write('a'), 100);
      response.on('close', () => clearInterval(timer));
    },
    '/endless': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/xml' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const pump = () => {
        while (!response.destroyed && response.write(chunk)) {
          /* fill the socket buffer */
        }
        if (!response.destroyed) response.once('drain', pump);
      };
      pump();
    },
    '/gzip-bomb': (_request, response) => {
      const body = gzipBomb();
      response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip', 'content-length': body.length });
      response.end(body);
    },
    '/gzip': (_request, response) => {
      const body = gzipSync(RSS);
      response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' });
      response.end(body);
    },
    '/deflate': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'deflate' });
      response.end(deflateSync(RSS));
    },
    '/deflate-raw': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'deflate' });
      response.end(deflateRawSync(RSS));
    },
    '/br': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'br' });
      response.end(brotliCompressSync(RSS));
    },
    '/redirect-loop/a': (_request, response) => {
      response.writeHead(302, { location: '/redirect-loop/b' });
      response.end();
    },
    '/redirect-loop/b': (_request, response) => {
      response.writeHead(301, { location: server.url('/redirect-loop/a') });
      response.end();
    },
    '/wrong-charset': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      response.end(windows1252Feed());
    },
    '/utf8-declared-latin1': (_request, response) => {
      // Valid UTF-8 bytes, but header and prolog both claim ISO-8859-1.
      response.writeHead(200, { 'content-type': 'text/xml; charset=iso-8859-1' });
      response.end(
        Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Zürich – Genève</title></channel></rss>', 'utf8'),
      );
    },
    '/status/404': (_request, response) => {
      response.writeHead(404, { 'content-type': 'text/html' });
      response.end('<h1>Not found</h1>');
    },
    '/status/410': (_request, response) => {
      response.writeHead(410);
      response.end();
    },
    '/status/500': (_request, response) => {
      response.writeHead(500);
      response.end('oops');
    },
    '/status/429': (_request, response) => {
      response.writeHead(429, { 'retry-after': '120' });
      response.end();
    },
    '/status/503-date': (_request, response) => {
      response.writeHead(503, { 'retry-after': new Date(Date.now() + 30_000).toUTCString() });
      response.end();
    },
    '/html-feed': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.end(
        '<!DOCTYPE html><html><head><title>Welcome</title><link rel="alternate" type="application/rss+xml" href="/real-feed.xml"></head><body><p>Our feed moved.</p></body></html>',
      );
    },
    '/empty': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.end();
    },
    '/empty-gzip': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' });
      response.end();
    },
    '/conditional': (request, response) => {
      const etag = '"v1"';
      const lastModified = 'Tue, 05 Mar 2024 14:07:00 GMT';
      if (request.headers['if-none-match'] === etag || request.headers['if-modified-since'] === lastModified) {
        response.writeHead(304, { etag, 'last-modified': lastModified });
        response.end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/rss+xml', etag, 'last-modified': lastModified, 'cache-control': 'max-age=300' });
      response.end(RSS);
    },
    '/too-long-declared': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * 1024 * 1024) });
      response.write('<html>');
      // Never sends the promised 50 MB; the client must refuse from the header alone.
      const timer = setTimeout(() => response.destroy(), 5_000);
      response.on('close', () => clearTimeout(timer));
    },
    '/robots.txt': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('User-agent: *\nDisallow: /private/\n\nUser-agent: strictbot\nDisallow: /no-strictbot/\n');
    },
    '/articles/1': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<html><body><article><p>Article one.</p></article></body></html>');
    },
    '/private/page': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<p>secret</p>');
    },
    '/no-strictbot/page': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<p>not for strictbot</p>');
    },
    '/chain/0': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.end(RSS);
    },
  };
}

export async function startFaultServer(): Promise<FaultServer> {
  const extra = new Map<string, Handler>();
  const requests: RecordedRequest[] = [];
  let builtIn: Record<string, Handler> = {};
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    requests.push({ path, headers: request.headers, at: Date.now() });
    // /chain/N redirects to /chain/N-1, ending at /chain/0.
    const chain = /^\/chain\/(\d+)$/.exec(path);
    if (chain && Number(chain[1]) > 0) {
      response.writeHead(302, { location: `/chain/${Number(chain[1]) - 1}` });
      response.end();
      return;
    }
    const handler = extra.get(path) ?? builtIn[path];
    if (handler) handler(request, response);
    else {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('no such route');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const faultServer: FaultServer = {
    origin,
    url: (path) => `${origin}${path}`,
    requests,
    on: (path, handler) => {
      extra.set(path, handler);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  builtIn = routes(faultServer);
  return faultServer;
}
