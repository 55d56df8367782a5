import { Transform, Writable, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw, type Inflate, type InflateRaw } from 'node:zlib';
import { BodyTooLargeError } from './errors.ts';

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

/** The decoders for a Content-Encoding header (in the order to apply them), or the first coding vigil cannot undo. */
function decodersFor(contentEncoding: string | null): Transform[] | { unsupported: string } {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity')
    .reverse();
  const decoders: Transform[] = [];
  for (const coding of codings) {
    if (coding === 'gzip' || coding === 'x-gzip') decoders.push(createGunzip());
    else if (coding === 'deflate') decoders.push(new AutoInflate());
    else if (coding === 'br') decoders.push(createBrotliDecompress());
    else return { unsupported: coding };
  }
  return decoders;
}

/** A body read: its bytes, or why vigil would not read it (it stopped reading at the cap). */
export type BodyReading = { bytes: Buffer } | { tooLarge: number } | { unsupportedEncoding: string };

/**
 * Reads a response body, undoing Content-Encoding (gzip, deflate, br, in the order applied), and
 * stops as soon as the DECOMPRESSED size passes `maxBytes`: a 10 kB gzip bomb that inflates to
 * gigabytes costs us `maxBytes` of memory and no more. Transport and decompression failures
 * (connection reset, corrupt gzip) reject.
 */
export async function readBody(body: Readable, contentEncoding: string | null, maxBytes: number): Promise<BodyReading> {
  const decoders = decodersFor(contentEncoding);
  if (!Array.isArray(decoders)) {
    body.destroy();
    return { unsupportedEncoding: decoders.unsupported };
  }

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
  // A stream stops only by failing: the cap arrives as BodyTooLargeError, which becomes a value here.
  const failure = await pipeline([body, countCompressed, ...decoders, collect]).then(
    () => null,
    (error: unknown) => error,
  );
  if (failure instanceof BodyTooLargeError) return { tooLarge: maxBytes };
  if (failure !== null) {
    // "Content-Encoding: gzip" on an empty body: nothing to decompress.
    if (compressedBytes === 0 && decoders.length > 0) return { bytes: Buffer.alloc(0) };
    throw failure;
  }
  return { bytes: Buffer.concat(chunks, total) };
}
