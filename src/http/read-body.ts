import { Transform, Writable, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw, type Inflate, type InflateRaw } from 'node:zlib';

/** Thrown inside the pipeline when the decompressed body passes the cap. */
export class BodyTooLargeError extends Error {
  readonly limit: number;

  constructor(limit: number) {
    super(`body larger than ${limit} bytes`);
    this.name = 'BodyTooLargeError';
    this.limit = limit;
  }
}

export class UnsupportedEncodingError extends Error {
  constructor(encoding: string) {
    super(`unsupported Content-Encoding "${encoding}"`);
    this.name = 'UnsupportedEncodingError';
  }
}

/**
 * "deflate" is zlib-wrapped by the spec, but some servers send raw deflate; look at the first
 * bytes to tell them apart.
 */
class AutoInflate extends Transform {
  private inner: Inflate | InflateRaw | null = null;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.inner) {
      const first = chunk[0] ?? 0;
      const second = chunk[1] ?? 0;
      const zlibHeader = chunk.length >= 2 && (first & 0x0f) === 8 && ((first << 8) | second) % 31 === 0;
      const inner = zlibHeader ? createInflate() : createInflateRaw();
      inner.on('data', (data: Buffer) => this.push(data));
      inner.on('error', (error) => this.destroy(error));
      this.inner = inner;
    }
    this.inner.write(chunk, () => callback());
  }

  override _flush(callback: TransformCallback): void {
    const inner = this.inner;
    if (!inner) {
      callback();
      return;
    }
    inner.once('end', () => callback());
    inner.end();
  }
}

function decoderFor(encoding: string): Transform | null {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return new AutoInflate();
    case 'br':
      return createBrotliDecompress();
    case 'identity':
    case '':
      return null;
    default:
      throw new UnsupportedEncodingError(encoding);
  }
}

/**
 * Reads a response body, undoing Content-Encoding (gzip, deflate, br, in the order applied), and
 * stops as soon as the DECOMPRESSED size passes `maxBytes`: a 10 kB gzip bomb that inflates to
 * gigabytes costs us `maxBytes` of memory and no more.
 */
export async function readBody(body: Readable, contentEncoding: string | null, maxBytes: number): Promise<Buffer> {
  const encodings = (contentEncoding ?? '')
    .split(',')
    .map((encoding) => encoding.trim().toLowerCase())
    .filter((encoding) => encoding !== '' && encoding !== 'identity')
    .reverse();
  const decoders = encodings.map(decoderFor).filter((decoder): decoder is Transform => decoder !== null);

  let compressedBytes = 0;
  const countCompressed = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      compressedBytes += chunk.length;
      // Compression ratios beyond 1000:1 only come from bombs; this also bounds an uncompressed body.
      if (decoders.length === 0 && compressedBytes > maxBytes) callback(new BodyTooLargeError(maxBytes));
      else callback(null, chunk);
    },
  });

  const chunks: Buffer[] = [];
  let total = 0;
  const collect = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      total += chunk.length;
      if (total > maxBytes) {
        callback(new BodyTooLargeError(maxBytes));
        return;
      }
      chunks.push(chunk);
      callback();
    },
  });
  try {
    await pipeline([body, countCompressed, ...decoders, collect]);
  } catch (error) {
    // "Content-Encoding: gzip" on an empty body: nothing to decompress.
    if (compressedBytes === 0 && decoders.length > 0 && !(error instanceof BodyTooLargeError)) return Buffer.alloc(0);
    throw error;
  }
  return Buffer.concat(chunks, total);
}
