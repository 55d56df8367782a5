/** The command line itself is wrong (a missing or unknown argument): exit 2, like commander's own usage errors. */
export class UsageError extends Error {
  override name = 'UsageError';
}
