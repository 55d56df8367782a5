import { z } from 'zod';
import { formatDuration, parseDuration } from './duration.ts';
import { cronProblem, firesEverySeconds, timeZoneProblem } from './schedule.ts';

/**
 * The longest duration anywhere in the config. Durations become Redis expiries (PX) and timer delays;
 * a value past Redis's range (`retention.seen: 1e20`) would make every write of that key fail.
 */
export const MAX_DURATION_MS = 36_500 * 86_400_000;
/** Feeds are polled at most once a minute, unless `allowFastPolling` (tests and demos). */
export const MIN_POLL_INTERVAL_MS = 60_000;
/** Politeness towards one host across all workers: never less than this between request starts. */
export const MIN_PER_HOST_DELAY_MS = 100;

/** A duration written as "15m", "6h", "90d" (or a number of seconds); parsed to milliseconds. */
const duration = z.union([z.string(), z.number()]).transform((value, ctx) => {
  let ms: number | null = null;
  if (typeof value === 'number') {
    if (value > 0) ms = Math.round(value * 1000);
  } else {
    const parsed = parseDuration(value);
    if (parsed !== null && parsed > 0) ms = parsed;
  }
  if (ms === null || !Number.isFinite(ms)) {
    ctx.addIssue({ code: 'custom', message: `expected a duration such as "15m", "6h" or "90d", got ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  if (ms > MAX_DURATION_MS) {
    ctx.addIssue({
      code: 'custom',
      message: `expected at most ${formatDuration(MAX_DURATION_MS)} (100 years), got ${typeof value === 'number' ? String(value) : JSON.stringify(value)}`,
    });
    return z.NEVER;
  }
  return ms;
});

const id = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'expected an id of lower-case letters, digits, ".", "_" or "-"');

const nonEmptyText = z.string().trim().min(1, 'expected a non-empty string');

const httpUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}, 'expected an absolute http(s) URL');

export const feedSchema = z.strictObject({
  id,
  url: httpUrl,
  name: z.string().optional(),
  interval: duration.optional(),
  /** Some servers send the same validators after the feed changed: let users turn conditional GET off. */
  conditionalGet: z.boolean().default(true),
  /** Fetch article pages (true) or use only what the feed carries (false). */
  fetchArticles: z.boolean().default(true),
  /**
   * At most this many new items are taken from one poll, newest first; the rest are marked seen and
   * counted as skipped in the feed's state, so one flooded feed cannot queue hours of page fetches.
   */
  maxItemsPerPoll: z.number().int().positive().default(200),
});

export const alertSchema = z.strictObject({
  /** One item scoring at least this fires an alert. */
  minScore: z.number().positive().optional(),
  /** This many matching items within `window` fire an alert (a volume spike). */
  minMatches: z.number().int().positive().optional(),
  window: duration.default(3_600_000),
  cooldown: duration.default(6 * 3_600_000),
});

export const topicSchema = z.strictObject({
  id,
  name: nonEmptyText,
  description: z.string().optional(),
  /** Query in vigil's topic language (see README): AND/OR/NOT, phrases, wildcards, NEAR/n, field scopes. */
  query: nonEmptyText,
  /** Items matching this query never match the topic. */
  exclude: z.string().optional(),
  minScore: z.number().nonnegative().default(1),
  alert: alertSchema.optional(),
});

export const groupSchema = z.strictObject({
  id,
  name: z.string().optional(),
  to: z.array(z.email('expected an e-mail address')).min(1, 'expected a non-empty list'),
  /** Topic ids this group follows; all topics when omitted. */
  topics: z.array(id).min(1, 'expected a non-empty list').optional(),
  schedule: z
    .strictObject({
      cron: nonEmptyText.default('0 7 * * *').superRefine((cron, ctx) => {
        const problem = cronProblem(cron);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
      tz: nonEmptyText.default('UTC').superRefine((tz, ctx) => {
        const problem = timeZoneProblem(tz);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    })
    .default({ cron: '0 7 * * *', tz: 'UTC' }),
  /** What a digest run does when nothing new matched: send nothing, or a short "nothing new" note. */
  whenEmpty: z.enum(['skip', 'note']).default('skip'),
  /** At most this many items per topic in the body; the rest are listed briefly at the end. */
  perTopicCap: z.number().int().positive().default(10),
});

export const smtpSchema = z.strictObject({
  host: nonEmptyText,
  port: z.number().int().min(1).max(65535).default(587),
  secure: z.boolean().default(false),
  user: z.string().optional(),
  /** Name of the environment variable holding the password: never the password itself. */
  passwordEnv: z.string().default('VIGIL_SMTP_PASSWORD'),
  requireTLS: z.boolean().default(false),
});

export const mailSchema = z
  .strictObject({
    from: nonEmptyText.default('vigil <vigil@localhost>'),
    transport: z.enum(['outbox', 'smtp']).default('outbox'),
    outboxDir: nonEmptyText.default('outbox'),
    smtp: smtpSchema.optional(),
  })
  .superRefine((mail, ctx) => {
    if (mail.transport === 'smtp' && !mail.smtp) {
      ctx.addIssue({ code: 'custom', path: ['smtp'], message: 'expected an smtp section when transport is "smtp"' });
    }
  });

export const httpSchema = z.strictObject({
  userAgent: nonEmptyText.default('vigil/0.1 (news monitoring; +https://github.com/vigil-monitor/vigil)'),
  timeout: duration.default(20_000),
  connectTimeout: duration.default(10_000),
  maxFeedBytes: z
    .number()
    .int()
    .positive()
    .default(5 * 1024 * 1024),
  maxPageBytes: z
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  maxRedirects: z.number().int().min(0).max(20).default(5),
  perHostConcurrency: z.number().int().positive().default(2),
  perHostDelay: duration.optional(),
  respectRobotsTxt: z.boolean().default(true),
  /** Refuse loopback/private/link-local targets unless set (the demo and tests serve from loopback). */
  allowPrivateNetworks: z.boolean().default(false),
});

export const configSchema = z
  .strictObject({
    /** Lets feeds poll, and digests run, more often than once a minute: for tests and demos, never for real sources. */
    allowFastPolling: z.boolean().default(false),
    redis: z
      .strictObject({
        url: nonEmptyText.default('redis://127.0.0.1:6379'),
        /** Key prefix; the braces are a Redis Cluster hash tag so every key of vigil lands in one slot. */
        prefix: nonEmptyText.default('{vigil}'),
      })
      .default({ url: 'redis://127.0.0.1:6379', prefix: '{vigil}' }),
    defaults: z
      .strictObject({
        interval: duration.default(15 * 60_000),
      })
      .default({ interval: 15 * 60_000 }),
    retention: z
      .strictObject({
        /** How long an item stays known as seen (so it is never processed twice). */
        seen: duration.default(90 * 86_400_000),
        /** How long matched items (with their bodies) and match records are kept: they feed digests and alerts. */
        bodies: duration.default(14 * 86_400_000),
        /** How long items that matched no topic keep their body after matching; bodies are most of Redis's memory. */
        unmatched: duration.default(86_400_000),
      })
      .default({ seen: 90 * 86_400_000, bodies: 14 * 86_400_000, unmatched: 86_400_000 }),
    http: httpSchema.default(httpSchema.parse({})),
    worker: z
      .strictObject({
        attempts: z.number().int().min(1).default(5),
        backoff: duration.default(30_000),
        /** How long a worker's hold on a job lasts without renewal; a crashed worker's jobs come back after it. */
        lockDuration: duration.default(30_000),
        /** How often workers look for jobs whose worker died (stalled) and put them back. */
        stalledInterval: duration.default(30_000),
        concurrency: z
          .strictObject({
            poll: z.number().int().positive().default(8),
            fetch: z.number().int().positive().default(16),
            extract: z.number().int().positive().default(2),
            match: z.number().int().positive().default(2),
            notify: z.number().int().positive().default(1),
          })
          .default({ poll: 8, fetch: 16, extract: 2, match: 2, notify: 1 }),
      })
      .default({
        attempts: 5,
        backoff: 30_000,
        lockDuration: 30_000,
        stalledInterval: 30_000,
        concurrency: { poll: 8, fetch: 16, extract: 2, match: 2, notify: 1 },
      }),
    feeds: z.array(feedSchema).default([]),
    /** Named synonym lists usable in any topic query as @name. */
    synonyms: z.record(id, z.array(nonEmptyText).min(1, 'expected a non-empty list')).default({}),
    topics: z.array(topicSchema).min(1, 'expected at least one topic'),
    groups: z.array(groupSchema).default([]),
    mail: mailSchema.default(mailSchema.parse({})),
  })
  .superRefine((config, ctx) => {
    const duplicates = (ids: string[]) => ids.filter((value, index) => ids.indexOf(value) !== index);
    for (const [key, list] of [
      ['feeds', config.feeds],
      ['topics', config.topics],
      ['groups', config.groups],
    ] as const) {
      const ids = list.map((entry) => entry.id);
      for (const dup of new Set(duplicates(ids))) {
        ctx.addIssue({ code: 'custom', path: [key, ids.lastIndexOf(dup), 'id'], message: `duplicate id "${dup}"` });
      }
    }
    const topicIds = new Set(config.topics.map((topic) => topic.id));
    config.groups.forEach((group, groupIndex) => {
      group.topics?.forEach((topicId, topicIndex) => {
        if (!topicIds.has(topicId)) {
          ctx.addIssue({
            code: 'custom',
            path: ['groups', groupIndex, 'topics', topicIndex],
            message: `unknown topic "${topicId}" (known: ${[...topicIds].join(', ')})`,
          });
        }
      });
    });
  })
  // Runs even when other keys are wrong, so one `config check` lists these too: it reads defensively.
  .superRefine((config, ctx) => checkSchedulingBounds(config, ctx), { when: () => true });

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Bounds that keep vigil polite to sources and its mail sane; all but the per-host delay yield to `allowFastPolling`. */
function checkSchedulingBounds(config: unknown, ctx: z.RefinementCtx): void {
  const allowFast = field(config, 'allowFastPolling') === true;
  const fastHint = ' (set allowFastPolling: true for tests and demos)';
  const checkInterval = (value: unknown, path: (string | number)[]) => {
    if (typeof value === 'number' && value < MIN_POLL_INTERVAL_MS && !allowFast) {
      ctx.addIssue({ code: 'custom', path, message: `expected at least ${formatDuration(MIN_POLL_INTERVAL_MS)}, got ${formatDuration(value)}${fastHint}` });
    }
  };
  checkInterval(field(field(config, 'defaults'), 'interval'), ['defaults', 'interval']);
  for (const [index, feed] of list(field(config, 'feeds')).entries()) checkInterval(field(feed, 'interval'), ['feeds', index, 'interval']);
  const delay = field(field(config, 'http'), 'perHostDelay');
  if (typeof delay === 'number' && delay < MIN_PER_HOST_DELAY_MS) {
    ctx.addIssue({
      code: 'custom',
      path: ['http', 'perHostDelay'],
      message: `expected at least ${formatDuration(MIN_PER_HOST_DELAY_MS)}, got ${formatDuration(delay)}`,
    });
  }
  list(field(config, 'groups')).forEach((group, index) => {
    const cron = field(field(group, 'schedule'), 'cron');
    if (!allowFast && typeof cron === 'string' && firesEverySeconds(cron)) {
      ctx.addIssue({
        code: 'custom',
        path: ['groups', index, 'schedule', 'cron'],
        message: `${JSON.stringify(cron)} runs more than once a minute; use 5 fields (minute hour day month weekday), or set allowFastPolling: true (tests and demos only)`,
      });
    }
  });
}

export type VigilConfig = z.output<typeof configSchema>;
export type FeedConfig = z.output<typeof feedSchema>;
export type TopicConfig = z.output<typeof topicSchema>;
export type GroupConfig = z.output<typeof groupSchema>;
export type AlertConfig = z.output<typeof alertSchema>;
export type MailConfig = z.output<typeof mailSchema>;
export type HttpConfig = z.output<typeof httpSchema>;
