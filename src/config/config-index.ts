import type { FeedConfig, GroupConfig, TopicConfig, VigilConfig } from './schema.ts';

/** Whether a group follows a topic: the topics it lists, or every topic when it lists none. */
export function groupFollows(group: GroupConfig, topicId: string): boolean {
  return group.topics === undefined || group.topics.includes(topicId);
}

/**
 * Feeds, topics and groups by id, and who follows what, worked out once when a process loads its
 * config: every job looks its feed, topic or groups up here instead of searching the lists.
 */
export class ConfigIndex {
  private readonly feeds: ReadonlyMap<string, FeedConfig>;
  private readonly topics: ReadonlyMap<string, TopicConfig>;
  private readonly groups: ReadonlyMap<string, GroupConfig>;
  private readonly followers = new Map<string, readonly GroupConfig[]>();
  private readonly followed = new Map<string, readonly TopicConfig[]>();

  constructor(config: Pick<VigilConfig, 'feeds' | 'topics' | 'groups'>) {
    this.feeds = new Map(config.feeds.map((feed) => [feed.id, feed]));
    this.topics = new Map(config.topics.map((topic) => [topic.id, topic]));
    this.groups = new Map(config.groups.map((group) => [group.id, group]));
    for (const topic of config.topics)
      this.followers.set(
        topic.id,
        config.groups.filter((group) => groupFollows(group, topic.id)),
      );
    for (const group of config.groups)
      this.followed.set(
        group.id,
        config.topics.filter((topic) => groupFollows(group, topic.id)),
      );
  }

  feed(feedId: string): FeedConfig | undefined {
    return this.feeds.get(feedId);
  }

  topic(topicId: string): TopicConfig | undefined {
    return this.topics.get(topicId);
  }

  group(groupId: string): GroupConfig | undefined {
    return this.groups.get(groupId);
  }

  groupIds(): string[] {
    return [...this.groups.keys()];
  }

  /** The groups that follow a topic, in config order (none for a topic not in the config). */
  groupsFollowing(topicId: string): readonly GroupConfig[] {
    return this.followers.get(topicId) ?? [];
  }

  /** Ids of the groups that follow at least one of the topics, in config order. */
  groupIdsFollowingAny(topicIds: readonly string[]): string[] {
    const wanted = new Set(topicIds.flatMap((topicId) => this.groupsFollowing(topicId).map((group) => group.id)));
    return [...this.groups.keys()].filter((groupId) => wanted.has(groupId));
  }

  /** The topics a group follows, in config order (none for a group not in the config). */
  topicsFollowedBy(groupId: string): readonly TopicConfig[] {
    return this.followed.get(groupId) ?? [];
  }
}
