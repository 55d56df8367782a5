import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The placeholder the fixture files use wherever the server's own origin belongs. */
export const BASE_PLACEHOLDER = '{{BASE}}';

export type DemoFeedFormat = 'rss2' | 'atom' | 'rss1';

export interface DemoFeed {
  id: string;
  url: string;
  format: DemoFeedFormat;
}

export interface DemoServerOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Folder holding `feeds/`, `pages/` and `server.json`; defaults to the repository's `demo/`. */
  root?: string;
}

export interface DemoServer {
  /** Origin the server answers on, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  feedUrls: DemoFeed[];
  close(): Promise<void>;
}

interface FeedFile {
  id: string;
  file: string;
  format: DemoFeedFormat;
  contentType: string;
}

export const DEMO_FEEDS: readonly FeedFile[] = [
  { id: 'wire', file: 'wire.xml', format: 'rss2', contentType: 'application/rss+xml; charset=utf-8' },
  { id: 'monitor', file: 'monitor.atom', format: 'atom', contentType: 'application/atom+xml; charset=utf-8' },
  { id: 'regional', file: 'regional.rdf', format: 'rss1', contentType: 'application/rdf+xml; charset=utf-8' },
];

const HTML_TYPE = 'text/html; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';
/** One path segment of ordinary file-name characters: no slashes, no `..`, no hidden files. */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function defaultDemoRoot(): string {
  return fileURLToPath(new URL('../../demo/', import.meta.url));
}

/** Slugs whose pages answer 500, so the demo shows the pipeline falling back to the feed summary. */
async function readBrokenPages(root: string): Promise<Set<string>> {
  const path = join(root, 'server.json');
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return new Set();
    throw error;
  }
  const parsed: unknown = JSON.parse(raw);
  const list = isRecord(parsed) ? parsed.brokenPages : undefined;
  if (list === undefined) return new Set();
  if (!Array.isArray(list) || !list.every((slug): slug is string => typeof slug === 'string')) {
    throw new Error(`${path}: "brokenPages" must be an array of page slugs (file names without ".html").`);
  }
  return new Set(list);
}

/**
 * Serves the bundled demo feeds and article pages on loopback, standing in for the news sites
 * `vigil demo` polls, so the demo and its tests need no internet access.
 */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const root = options.root ?? defaultDemoRoot();
  const brokenPages = await readBrokenPages(root);
  let origin = '';

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, TEXT_TYPE, 'Internal Server Error\n', request.method === 'HEAD');
      else response.destroy(error instanceof Error ? error : undefined);
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const head = method === 'HEAD';
    if (method !== 'GET' && !head) {
      response.setHeader('Allow', 'GET, HEAD');
      send(response, 405, TEXT_TYPE, 'Method Not Allowed\n', false);
      return;
    }
    const { pathname } = new URL(request.url ?? '/', origin);
    const match = /^\/(feeds|pages)\/([^/]+)$/.exec(pathname);
    const folder = match?.[1];
    const name = match?.[2] === undefined ? null : safeDecode(match[2]);
    if (folder === undefined || name === null || !FILE_NAME.test(name)) {
      send(response, 404, TEXT_TYPE, 'Not Found\n', head);
      return;
    }

    let contentType: string;
    if (folder === 'feeds') {
      const feed = DEMO_FEEDS.find((candidate) => candidate.file === name);
      if (!feed) {
        send(response, 404, TEXT_TYPE, 'Not Found\n', head);
        return;
      }
      contentType = feed.contentType;
    } else {
      if (!name.endsWith('.html')) {
        send(response, 404, TEXT_TYPE, 'Not Found\n', head);
        return;
      }
      if (brokenPages.has(name.slice(0, -'.html'.length))) {
        send(response, 500, TEXT_TYPE, 'Internal Server Error (a deliberately broken demo page)\n', head);
        return;
      }
      contentType = HTML_TYPE;
    }

    let template: string;
    try {
      template = await readFile(join(root, folder, name), 'utf8');
    } catch (error) {
      if (isErrno(error, 'ENOENT')) {
        send(response, 404, TEXT_TYPE, 'Not Found\n', head);
        return;
      }
      throw error;
    }
    const body = template.replaceAll(BASE_PLACEHOLDER, origin);
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    response.setHeader('ETag', etag);
    response.setHeader('Cache-Control', 'no-cache');
    if (matchesEtag(request.headers['if-none-match'], etag)) {
      response.writeHead(304);
      response.end();
      return;
    }
    send(response, 200, contentType, body, head);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The demo server is not listening on a TCP port.');
  origin = `http://127.0.0.1:${address.port}`;

  return {
    url: origin,
    feedUrls: DEMO_FEEDS.map((feed) => ({ id: feed.id, url: `${origin}/feeds/${feed.file}`, format: feed.format })),
    close: () => closeServer(server),
  };
}

function send(response: ServerResponse, status: number, contentType: string, body: string, head: boolean): void {
  response.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(head ? undefined : body);
}

/** If-None-Match takes a list of entity tags (weak ones allowed) or `*`; comparison is weak. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const opaque = (tag: string): string => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive sockets from clients (fetch keeps them open) would otherwise hold close() open.
    server.closeAllConnections();
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}
