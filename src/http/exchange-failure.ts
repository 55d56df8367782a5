import { BlockedAddressError, FetchError } from './errors.ts';
import { blockedAddressFailure } from './request-builder.ts';
import { seconds } from './time-allowance.ts';

function errorChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && chain.length < 8) {
    chain.push(current);
    current = current instanceof Error ? current.cause : undefined;
  }
  return chain;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

export interface ExchangeFailureContext {
  /** The caller's AbortSignal fired. */
  callerAborted: boolean;
  /** The exchange deadline (what was left of http.timeout) passed. */
  deadlinePassed: boolean;
  timeoutMs: number;
  connectTimeoutMs: number;
}

/**
 * What went wrong while talking to the server (undici and the body pipeline raise these), as a
 * FetchError that says what to do. Only time spent in the exchange counts as the server's.
 */
export function exchangeFailure(error: unknown, url: string, context: ExchangeFailureContext): FetchError {
  const chain = errorChain(error);
  const blocked = chain.find((entry): entry is BlockedAddressError => entry instanceof BlockedAddressError);
  if (blocked) return blockedAddressFailure(url, blocked, error);
  if (context.callerAborted) return new FetchError('aborted', url, 'fetch cancelled by the caller', { cause: error });
  const codes = chain.map(errorCode);
  const timeout = seconds(context.timeoutMs);
  if (context.deadlinePassed) {
    return new FetchError('timeout', url, `no complete response within ${timeout} (http.timeout); the server is slow or stalled`, { cause: error });
  }
  if (codes.includes('UND_ERR_CONNECT_TIMEOUT')) {
    return new FetchError(
      'timeout',
      url,
      `could not connect within ${seconds(context.connectTimeoutMs)} (http.connectTimeout); the host is down or unreachable`,
      {
        cause: error,
      },
    );
  }
  if (codes.includes('UND_ERR_HEADERS_TIMEOUT')) {
    return new FetchError('timeout', url, `no response headers within ${timeout} (http.timeout); the server is slow or stalled`, { cause: error });
  }
  if (codes.includes('UND_ERR_BODY_TIMEOUT')) {
    return new FetchError('timeout', url, `the body stalled for ${timeout} (http.timeout)`, { cause: error });
  }
  if (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN')) {
    return new FetchError('network', url, 'the host name does not resolve (DNS); check the URL', { cause: error });
  }
  if (codes.includes('ECONNREFUSED')) {
    return new FetchError('network', url, 'connection refused; the server is down or the port is wrong', { cause: error });
  }
  if (codes.includes('ECONNRESET') || codes.includes('UND_ERR_SOCKET')) {
    return new FetchError('network', url, 'the connection was closed mid-response; retried later', { cause: error });
  }
  if (codes.some((code) => code?.startsWith('Z_'))) {
    return new FetchError('network', url, 'the compressed body is corrupt or cut short; retried later', { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new FetchError('network', url, `${message}; retried later`, { cause: error });
}
