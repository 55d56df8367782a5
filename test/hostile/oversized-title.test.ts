import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ParsedMail } from 'mailparser';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { runDigestsNow, runPollNow } from '../../src/jobs/on-demand.ts';
import { testConfig, testRuntime } from '../helpers/pipeline.ts';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../helpers/redis.ts';
import { startTestSmtp } from '../helpers/smtp.ts';

const STORY =
  'Dozens of Islamic State detainees escaped from a prison in Hasakah after militants stormed the gate, officials said. ' +
  'Guards were overwhelmed during the jailbreak, the largest breakout from the prison this year. ';

/** About 100 KB of headline, with an Arabic letter mark hidden in it. */
const TITLE = `Islamic State detainees escape prison in Hasakah\u061C: ${'dozens escaped overnight after the jailbreak at the gate '.repeat(1800)}`;

const server = createServer((request, response) => {
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (request.url === '/story') {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(`<html><body><article><h1>Escape</h1><p>${STORY}</p><p>${STORY}</p><p>${STORY}</p></article></body></html>`);
    return;
  }
  response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
  response.end(
    `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Long titles</title><link>${base}/</link>` +
      `<item><title>${TITLE}</title><link>${base}/story</link><description>${STORY}</description></item></channel></rss>`,
  );
});

const redis = new Redis(testRedisUrl());
const prefix = uniquePrefix('long-title');

afterAll(async () => {
  await new Promise((resolveClose) => server.close(resolveClose));
  await deleteKeys(redis, prefix);
  await redis.quit();
});

function rawSubject(message: ParsedMail | undefined): string {
  return message?.headerLines.find((header) => header.key === 'subject')?.line ?? '';
}

describe('a 100 KB title from a feed', () => {
  it('reaches the alert and the digest cut to 300 characters, in the Subject header and in the body', async () => {
    await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
    const smtp = await startTestSmtp();
    const feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
    const runtime = testRuntime(testConfig({ prefix, smtpPort: smtp.port, feeds: [{ id: 'long', url: feedUrl }] }));
    try {
      const summary = await runPollNow(runtime, ['long'], { timeoutMs: 60_000 });
      expect(summary.matched).toHaveLength(1);
      expect(summary.alerts).toHaveLength(1);
      const [outcome] = await runDigestsNow(runtime, ['analysts']);
      expect(outcome?.status).toBe('sent');
      const alert = smtp.messages.find((message) => message.subject?.startsWith('vigil alert'));
      const digest = smtp.messages.find((message) => message.subject?.startsWith('vigil: '));
      expect(alert).toBeDefined();
      expect(digest).toBeDefined();

      expect(alert?.subject?.length).toBeLessThan(400);
      expect(alert?.subject).toMatch(/^vigil alert: .*: Islamic State detainees escape prison in Hasakah: dozens .*…$/);
      expect(alert?.subject).not.toContain('\u061C');
      expect(rawSubject(alert).length).toBeLessThan(1_000);
      expect(rawSubject(digest).length).toBeLessThan(1_000);
      for (const message of [alert, digest]) {
        expect(String(message?.html).length).toBeLessThan(20_000);
        expect(String(message?.text).length).toBeLessThan(5_000);
        expect(String(message?.html)).not.toContain('\u061C');
      }
    } finally {
      await runtime.close();
      await smtp.close();
    }
  });
});
