import type { HttpConfig } from '../config/schema.ts';
import type { HttpClientDependencies } from './client.ts';
import type { Fetcher } from './types.ts';

/**
 * An HttpClient that loads the fetch layer (undici, charsets, robots.txt) with the first request:
 * an idle worker, or one that only sends digests, does not hold it in memory.
 */
export function lazyHttpClient(config: HttpConfig, dependencies: HttpClientDependencies = {}): Fetcher {
  let client: Promise<Fetcher> | null = null;
  const get = () => (client ??= import('./client.ts').then(({ HttpClient }) => new HttpClient(config, dependencies)));
  return {
    fetch: async (url, options) => (await get()).fetch(url, options),
    close: async () => {
      if (client) await (await client).close();
    },
  };
}
