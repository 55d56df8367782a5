import type { Hono } from 'hono';
import type { PipelineContext } from '../jobs/context.ts';
import type { VigilMetrics } from './metrics/registry.ts';
import { checkReadiness } from './readiness.ts';

/** Probes that tell nothing about the content, open even when credentials are set (container and load-balancer checks). */
export const OPEN_PATHS = ['/healthz', '/readyz'] as const;

/** /healthz (the process answers), /readyz (Redis and schedulers; 503 with the reasons) and /metrics (Prometheus). */
export function addOperatorRoutes<E extends object>(app: Hono<E>, context: PipelineContext, metrics: VigilMetrics): void {
  app.get('/healthz', (c) => c.text('ok\n'));
  app.get('/readyz', async (c) => {
    const readiness = await checkReadiness(context);
    if (readiness.ready) return c.text('ready\n');
    return c.text(`not ready:\n${readiness.problems.map((problem) => `- ${problem}\n`).join('')}`, 503);
  });
  app.get('/metrics', async (c) => {
    const body = await metrics.render(context);
    return c.body(body, 200, { 'content-type': metrics.contentType });
  });
}
