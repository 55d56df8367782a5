/**
 * Credentials inside URLs (redis://user:password@host, https://user:password@feed.example/) never
 * reach a log line, an error, `vigil status` or a page: the password becomes ***.
 */
const CREDENTIALS_IN_URL = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/?#@]*):([^\s/?#@]+)@/gi;

/** The URL with its password replaced by *** (`redis://:***@host:6379`); anything else unchanged. */
export function redactUrl(url: string): string {
  return url.replace(CREDENTIALS_IN_URL, '$1$2:***@');
}

/** Every URL password in a free text (an error message, a log line) replaced by ***. */
export function redactText(text: string): string {
  return text.replace(CREDENTIALS_IN_URL, '$1$2:***@');
}

/** Also hides a known secret wherever it appears verbatim (ioredis puts AUTH's arguments into its errors). */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = redactText(text);
  for (const secret of secrets) if (secret.length >= 3) out = out.split(secret).join('***');
  return out;
}
