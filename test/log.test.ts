import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/log/logger.ts';

function capture(): { stream: Writable; lines: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { stream, lines: () => chunks.join('') };
}

describe('logger', () => {
  it('redacts SMTP passwords and tokens wherever they appear', () => {
    const out = capture();
    const logger = createLogger({ destination: out.stream, pretty: false });
    logger.info({ smtp: { host: 'mail.example.org', password: 'hunter2' }, auth: { user: 'u', pass: 's3cret' }, token: 'abc123' }, 'sending');
    const text = out.lines();
    expect(text).toContain('mail.example.org');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain('abc123');
    expect(text).toContain('[redacted]');
  });
});
