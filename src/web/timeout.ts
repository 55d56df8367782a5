/**
 * `work`, or a rejection after `ms`. vigil's Redis connections queue commands while Redis is away
 * (BullMQ needs them to), so anything that answers a probe or a scrape must bound its own wait.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
