import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import { QUEUE_NAMES, type Queues } from '../jobs/queues.ts';

export const QUEUE_BOARD_PATH = '/queues';

/** Bull Board over vigil's five queues, as a sub-application to mount at QUEUE_BOARD_PATH (behind the console's access control). */
export function queueBoard(queues: Queues): Hono {
  const adapter = new HonoAdapter(serveStatic).setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: QUEUE_NAMES.map((name) => new BullMQAdapter(queues[name])),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'vigil queues', hideDocsLink: true, miscLinks: [{ text: 'Back to the console', url: '/' }] } },
  });
  return adapter.registerPlugin();
}
