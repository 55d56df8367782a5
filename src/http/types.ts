/** Options for one HTTP GET made by vigil (feeds and article pages share the fetch layer). */
export interface FetchOptions {
  /** 'feed' and 'page' pick different default byte caps and Accept headers. */
  kind: 'feed' | 'page';
  /** Validators from the previous successful fetch, for a conditional GET. */
  etag?: string | null;
  lastModified?: string | null;
  signal?: AbortSignal;
}

export interface FetchResult {
  /** Final URL after redirects. */
  url: string;
  status: number;
  /** True on 304: the caller keeps what it had and parses nothing. */
  notModified: boolean;
  /** Body decoded to a string from its real charset ('' on 304). */
  body: string;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
  /** Seconds the server asked us to wait before the next request (Retry-After / Cache-Control), if any. */
  retryAfterSeconds: number | null;
}

/** What the pipeline needs of the fetch layer (HttpClient, or the lazy one that loads it on first use). */
export interface Fetcher {
  fetch(url: string, options: FetchOptions): Promise<FetchResult>;
  close(): Promise<void>;
}
