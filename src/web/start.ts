import type { PipelineContext } from '../jobs/context.ts';
import { type WebCredentials, listenProblem } from './access.ts';
import { createWebApp } from './app.ts';
import { VigilMetrics } from './metrics/registry.ts';
import { listen, type RunningServer } from './server.ts';

export interface StartWebOptions {
  context: PipelineContext;
  host: string;
  port: number;
  credentials: WebCredentials;
  /** The console's pages (vigil web), or only /healthz, /readyz and /metrics (vigil worker --http). */
  console: boolean;
}

export interface WebServer extends RunningServer {
  metrics: VigilMetrics;
}

/** Builds the app and listens; refuses an address that needs credentials when none are set. */
export async function startWeb(options: StartWebOptions): Promise<WebServer> {
  const problem = listenProblem(options.host, options.credentials);
  if (problem) throw new Error(problem);
  const metrics = new VigilMetrics(options.context.config);
  const app = createWebApp({ context: options.context, metrics, credentials: options.credentials, console: options.console });
  const server = await listen(app, options.host, options.port);
  return { ...server, metrics };
}
