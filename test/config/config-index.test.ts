import { describe, expect, it } from 'vitest';
import { ConfigIndex } from '../../src/config/config-index.ts';
import { parseConfig } from '../../src/config/load.ts';

const config = parseConfig(
  {
    feeds: [
      { id: 'wire', url: 'https://wire.example/feed.xml' },
      { id: 'monitor', url: 'https://monitor.example/rss', interval: '1h' },
    ],
    topics: [
      { id: 'escapes', name: 'Escapes', query: 'escape*' },
      { id: 'sahel', name: 'Sahel', query: 'Sahel' },
      { id: 'returns', name: 'Returns', query: 'repatriat*' },
    ],
    groups: [
      { id: 'everyone', to: ['all@example.org'] },
      { id: 'sahel-desk', to: ['sahel@example.org'], topics: ['sahel'] },
      { id: 'legal', to: ['legal@example.org'], topics: ['returns', 'escapes'] },
    ],
  },
  'test',
  {},
);
const index = new ConfigIndex(config);

describe('ConfigIndex', () => {
  it('finds feeds, topics and groups by id', () => {
    expect(index.feed('monitor')?.url).toBe('https://monitor.example/rss');
    expect(index.topic('sahel')?.name).toBe('Sahel');
    expect(index.group('legal')?.to).toEqual(['legal@example.org']);
    expect(index.feed('gone')).toBeUndefined();
    expect(index.topic('gone')).toBeUndefined();
    expect(index.group('gone')).toBeUndefined();
    expect(index.groupIds()).toEqual(['everyone', 'sahel-desk', 'legal']);
  });

  it('knows which groups follow a topic: those listing it, and those listing none', () => {
    expect(index.groupsFollowing('escapes').map((group) => group.id)).toEqual(['everyone', 'legal']);
    expect(index.groupsFollowing('sahel').map((group) => group.id)).toEqual(['everyone', 'sahel-desk']);
    expect(index.groupsFollowing('not-a-topic')).toEqual([]);
    expect(index.groupIdsFollowingAny(['returns', 'sahel'])).toEqual(['everyone', 'sahel-desk', 'legal']);
    expect(index.groupIdsFollowingAny([])).toEqual([]);
  });

  it('knows which topics a group follows, in config order', () => {
    expect(index.topicsFollowedBy('legal').map((topic) => topic.id)).toEqual(['escapes', 'returns']);
    expect(index.topicsFollowedBy('everyone').map((topic) => topic.id)).toEqual(['escapes', 'sahel', 'returns']);
    expect(index.topicsFollowedBy('not-a-group')).toEqual([]);
  });
});
