import type { ConfigIndex } from '../config/config-index.ts';
import type { VigilConfig } from '../config/schema.ts';
import type { Fetcher } from '../http/types.ts';
import type { Logger } from '../log/logger.ts';
import type { Mailer } from '../mail/transport.ts';
import type { TopicMatcher } from '../matching/index.ts';
import type { AlertLedger } from '../store/alert-ledger.ts';
import type { DeliveryIndex } from '../store/delivery-index.ts';
import type { DigestLedger } from '../store/digest-ledger.ts';
import type { FeedStateStore } from '../store/feed-state-store.ts';
import type { ItemStore } from '../store/item-store.ts';
import type { MatchIndex } from '../store/match-index.ts';
import type { RedisHealth } from '../store/redis-health.ts';
import type { Queues } from './queues.ts';

/** Everything a processor needs, built once per process (src/jobs/runtime.ts). Redis state goes through the stores. */
export interface PipelineContext {
  config: VigilConfig;
  /** The config's feeds, topics and groups by id, and who follows what. */
  configIndex: ConfigIndex;
  logger: Logger;
  items: ItemStore;
  feeds: FeedStateStore;
  ledger: DigestLedger;
  alerts: AlertLedger;
  /** Matched items by time, topic and feed (the console's lists). */
  matchIndex: MatchIndex;
  /** Where each item was delivered (digest or alert, when). */
  deliveries: DeliveryIndex;
  redisHealth: RedisHealth;
  http: Fetcher;
  matcher: TopicMatcher;
  mailer: Mailer;
  queues: Queues;
  now: () => Date;
}
