import { Hono } from 'hono';
import type { PipelineContext } from '../jobs/context.ts';
import { queuePolls } from '../jobs/on-demand.ts';
import { redactText } from '../log/redact.ts';
import { requireCredentials, type WebCredentials } from './access.ts';
import { csrfProtection } from './csrf.ts';
import { html } from './html.ts';
import type { VigilMetrics } from './metrics/registry.ts';
import { addOperatorRoutes, OPEN_PATHS } from './operator-routes.ts';
import { digestsPage } from './pages/digests.ts';
import { type FeedAction, feedNotice, feedsPage } from './pages/feeds.ts';
import { itemMissingPage, itemPage } from './pages/item.ts';
import { page } from './pages/layout.ts';
import { matchesPage } from './pages/matches.ts';
import { STYLESHEET } from './pages/style.ts';
import { QUEUE_BOARD_PATH, queueBoard } from './queue-board.ts';
import { securityHeaders, serverTiming } from './security-headers.ts';
import { loadDigestsView } from './views/digests.ts';
import { loadFeedsView, parseFeedSort } from './views/feeds.ts';
import { loadItemView } from './views/item.ts';
import { loadMatchesView, parseMatchFilters } from './views/matches.ts';

export interface WebAppOptions {
  context: PipelineContext;
  metrics: VigilMetrics;
  credentials: WebCredentials;
  /** Pages, actions and Bull Board (`vigil web`); without them only the operator endpoints (`vigil worker --http`). */
  console: boolean;
}

type ConsoleEnv = { Variables: { csrf: string } };

const FEED_ACTIONS: readonly FeedAction[] = ['poll', 'enable', 'disable'];
/** Paths without pages or forms: no CSRF cookie needed there. */
const PLAIN_PATHS = new Set<string>([...OPEN_PATHS, '/metrics', '/static/vigil.css']);

/** The HTTP application of `vigil web` (console + operator endpoints) or of `vigil worker --http` (operator endpoints only). */
export function createWebApp(options: WebAppOptions): Hono<ConsoleEnv> {
  const { context, metrics, credentials } = options;
  const app = new Hono<ConsoleEnv>();
  app.use(serverTiming());
  app.use(securityHeaders(QUEUE_BOARD_PATH));
  app.use(requireCredentials(credentials, OPEN_PATHS));
  const csrf = csrfProtection({ formPaths: (path) => path.startsWith('/feeds/') });
  app.use(async (c, next) => (PLAIN_PATHS.has(c.req.path) ? next() : csrf(c, next)));
  addOperatorRoutes(app, context, metrics);

  app.onError((error, c) => {
    const message = redactText(error.message);
    context.logger.error({ path: c.req.path, err: message }, 'web request failed');
    const body = html`<h1>Something went wrong</h1><p>${message}</p><p>The server log has the details. <a href="/">Back to the matches</a></p>`;
    return c.html(page({ title: 'Error', section: 'none', body }).value, 500);
  });
  app.notFound((c) =>
    c.html(page({ title: 'Not found', section: 'none', body: html`<h1>Not found</h1><p><a href="/">Back to the matches</a></p>` }).value, 404),
  );
  if (!options.console) return app;

  app.get('/static/vigil.css', (c) => c.body(STYLESHEET, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' }));

  app.get('/', async (c) => {
    const { filters, problems } = parseMatchFilters(c.req.query(), context.config);
    const view = await loadMatchesView(context, filters, problems);
    return c.html(matchesPage(view).value);
  });

  app.get('/items/:itemKey', async (c) => {
    const itemKey = c.req.param('itemKey');
    const view = await loadItemView(context, itemKey);
    return view ? c.html(itemPage(view).value) : c.html(itemMissingPage(itemKey).value, 404);
  });

  app.get('/feeds', async (c) => {
    const view = await loadFeedsView(context, parseFeedSort(c.req.query('sort')));
    const notice = feedNotice(c.req.query('done'), c.req.query('feed'), new Set(context.config.feeds.map((feed) => feed.id)));
    return c.html(feedsPage(view, c.get('csrf'), notice).value);
  });

  app.post('/feeds/:feedId/:action', async (c) => {
    const feedId = c.req.param('feedId');
    const action = FEED_ACTIONS.find((entry) => entry === c.req.param('action'));
    if (!action || !context.config.feeds.some((feed) => feed.id === feedId)) return c.text('vigil: no such feed or action\n', 404);
    if (action === 'poll') await queuePolls(context.queues, [feedId]);
    // The same as `vigil feed enable`: errors, backoff and disabling cleared.
    else if (action === 'enable') await context.feeds.reset(feedId);
    else await context.feeds.disable(feedId, `disabled from the console on ${context.now().toISOString()}`);
    context.logger.info({ feedId, action }, 'feed action from the console');
    return c.redirect(`/feeds?done=${action}&feed=${encodeURIComponent(feedId)}`, 303);
  });

  app.get('/digests', async (c) => c.html(digestsPage(await loadDigestsView(context)).value));

  app.route(QUEUE_BOARD_PATH, queueBoard(context.queues));
  return app;
}
