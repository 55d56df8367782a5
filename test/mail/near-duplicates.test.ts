import { describe, expect, it } from 'vitest';
import { bodySketch, collapseNearDuplicates, DEFAULT_NEAR_DUPLICATE_THRESHOLD, similarity } from '../../src/mail/near-duplicates.ts';
import type { DigestEntry } from '../../src/mail/types.ts';
import { renderDigest } from '../../src/mail/render-digest.ts';
import { entry, topicMatch } from './entries.ts';
import {
  INDEPENDENT_REPORT,
  LOCAL_ACCOUNT,
  OTHER_WIRE_STORY,
  WIRE_LIGHT_EDITS,
  WIRE_NEW_INTRO_AND_FOOTER,
  WIRE_STORY,
  WIRE_TRUNCATED,
} from './fixtures/wire-stories.ts';

const sim = (a: string, b: string) => similarity(bodySketch(a), bodySketch(b));

function withBody(body: string, fields: Partial<DigestEntry> & Pick<DigestEntry, 'itemId' | 'title'>, score = 5) {
  return { ...entry({ matches: [topicMatch('escapes', score, ['escaped'])], ...fields }), body };
}

describe('similarity of body sketches', () => {
  it('scores syndicated copies of one wire story at or above the threshold', () => {
    for (const copy of [WIRE_NEW_INTRO_AND_FOOTER, WIRE_LIGHT_EDITS, WIRE_TRUNCATED]) {
      expect(sim(WIRE_STORY, copy)).toBeGreaterThanOrEqual(DEFAULT_NEAR_DUPLICATE_THRESHOLD);
    }
  });

  it('scores independent reports of the same event far below the threshold', () => {
    const reports = [WIRE_STORY, INDEPENDENT_REPORT, LOCAL_ACCOUNT, OTHER_WIRE_STORY];
    for (const [i, a] of reports.entries()) {
      for (const b of reports.slice(i + 1)) expect(sim(a, b)).toBeLessThan(0.3);
    }
  });

  it('is 1 for the same body, symmetric, and 0 against an empty body', () => {
    expect(sim(WIRE_STORY, WIRE_STORY)).toBe(1);
    expect(sim(WIRE_STORY, WIRE_LIGHT_EDITS)).toBe(sim(WIRE_LIGHT_EDITS, WIRE_STORY));
    expect(sim(WIRE_STORY, '')).toBe(0);
    expect(sim('', '')).toBe(0);
  });

  it('ignores case, punctuation and curly quotes', () => {
    expect(sim(WIRE_STORY, WIRE_STORY.toUpperCase().replace(/[,.]/g, '').replace(/"/g, '“'))).toBe(1);
  });

  it('needs near-identical text when a body is very short', () => {
    expect(sim('Gunmen attacked the prison in Mongo overnight, officials said.', 'Gunmen attacked the prison in Mongo overnight, officials said.')).toBe(1);
    expect(sim('Gunmen attacked the prison in Mongo overnight, officials said.', WIRE_STORY)).toBeLessThan(DEFAULT_NEAR_DUPLICATE_THRESHOLD);
  });

  it('is a plain string that survives storage and is stable across calls', () => {
    const sketch = bodySketch(WIRE_STORY);
    expect(sketch).toMatch(/^m1:\d+:[A-Za-z0-9+/=]+$/);
    expect(JSON.parse(JSON.stringify({ sketch })).sketch).toBe(sketch);
    expect(bodySketch(WIRE_STORY)).toBe(sketch);
    expect(sketch.length).toBeLessThan(800);
  });

  it('refuses a string that is not a sketch, saying how to fix it', () => {
    expect(() => similarity('m1:12:abc', bodySketch(WIRE_STORY))).toThrow(/recompute it from the body/);
  });
});

describe('collapseNearDuplicates', () => {
  const ap = withBody(WIRE_STORY, { itemId: 'ap', title: '27 inmates escape Chad prison after attack', source: 'AP', published: '2025-03-03T06:10:00Z' });
  const observer = withBody(
    WIRE_NEW_INTRO_AND_FOOTER,
    { itemId: 'observer', title: 'Jihadists among dozens freed in Mongo jail raid', source: 'Sahel Observer', published: '2025-03-03T07:00:00Z' },
    8,
  );
  const edited = withBody(WIRE_LIGHT_EDITS, {
    itemId: 'edited',
    title: 'Chad: gunmen free prisoners in Mongo',
    source: 'Daily Post',
    published: '2025-03-03T08:00:00Z',
  });
  const excerpt = withBody('', {
    itemId: 'excerpt',
    title: 'Prison attack in Chad',
    source: 'News Aggregator',
    url: null,
    partial: true,
    summary: WIRE_TRUNCATED,
    published: '2025-03-03T09:00:00Z',
  });
  const reuters = withBody(
    INDEPENDENT_REPORT,
    { itemId: 'reuters', title: 'Gunmen free 27 from Chad prison', source: 'Reuters', published: '2025-03-03T06:30:00Z' },
    9,
  );
  const local = withBody(LOCAL_ACCOUNT, { itemId: 'local', title: '"We lay on the floor": Mongo residents recount night of terror', source: 'Mongo Info' });
  const refugees = withBody(OTHER_WIRE_STORY, { itemId: 'refugees', title: 'Chad to repatriate Sudanese refugees', source: 'AP' });

  it('keeps one entry per wire story, the highest-scoring copy, with the others in alsoIn', () => {
    const result = collapseNearDuplicates([ap, reuters, observer, local, edited, excerpt, refugees]);
    expect(result.map((kept) => kept.itemId)).toEqual(['reuters', 'observer', 'local', 'refugees']);
    const wire = result.find((kept) => kept.itemId === 'observer');
    expect(wire?.alsoIn).toEqual([
      { source: 'AP', url: 'https://news.example.org/ap', title: ap.title },
      { source: 'Daily Post', url: 'https://news.example.org/edited', title: edited.title },
      { source: 'News Aggregator', url: null, title: excerpt.title },
    ]);
    for (const id of ['reuters', 'local', 'refugees']) expect(result.find((kept) => kept.itemId === id)?.alsoIn).toBeUndefined();
  });

  it('keeps the earliest copy when scores tie', () => {
    const result = collapseNearDuplicates([edited, ap]);
    expect(result.map((kept) => kept.itemId)).toEqual(['ap']);
    expect(result[0]?.alsoIn?.map((other) => other.source)).toEqual(['Daily Post']);
  });

  it("keeps each merged item's own topics: under a topic only a copy matched, the copy stands for the story", () => {
    const copy = { ...edited, matches: [topicMatch('escapes', 5, ['escaped']), topicMatch('boko', 3, ['Boko Haram'])] };
    const result = collapseNearDuplicates([ap, copy]);
    expect(result.map((kept) => [kept.itemId, kept.matches.map((match) => [match.topicId, match.score])])).toEqual([
      ['ap', [['escapes', 5]]],
      ['edited', [['boko', 3]]],
    ]);
    expect(result.map((kept) => kept.alsoIn?.map((other) => other.source))).toEqual([['Daily Post'], ['AP']]);
  });

  it('shows under a topic only the item that matched it, with its own title, in the rendered digest', () => {
    const copy = { ...edited, matches: [topicMatch('escapes', 5, ['escaped']), topicMatch('boko', 3, ['Boko Haram'])] };
    const rendered = renderDigest({
      group: { id: 'analysts', name: 'CT analysts' },
      topics: [
        { id: 'escapes', name: 'Detainee escapes' },
        { id: 'boko', name: 'Boko Haram' },
      ],
      entries: collapseNearDuplicates([ap, copy]),
      generatedAt: new Date('2025-03-04T06:00:00Z'),
      perTopicCap: 10,
      timezone: 'UTC',
    });
    const boko = rendered.text.slice(rendered.text.indexOf('Boko Haram (1)'));
    expect(boko).toContain(edited.title);
    expect(boko).not.toContain(ap.title);
    const escapes = rendered.text.slice(rendered.text.indexOf('Detainee escapes (1)'), rendered.text.indexOf('Boko Haram (1)'));
    expect(escapes).toContain(ap.title);
    expect(escapes).not.toContain(edited.title);
  });

  it('lets the best-scoring copy stand for a topic several copies matched and the kept item did not', () => {
    const weak = { ...edited, matches: [topicMatch('escapes', 5, ['escaped']), topicMatch('boko', 2, ['Boko Haram'])] };
    const strong = { ...observer, matches: [topicMatch('escapes', 4, ['escaped']), topicMatch('boko', 5, ['Boko Haram'])] };
    const result = collapseNearDuplicates([ap, weak, strong]);
    expect(result.map((kept) => [kept.itemId, kept.matches.map((match) => match.topicId)])).toEqual([
      ['ap', ['escapes']],
      ['observer', ['boko']],
    ]);
  });

  it('uses a stored sketch instead of the body when one is given', () => {
    const stored = { ...edited, body: '', sketch: bodySketch(WIRE_LIGHT_EDITS) };
    expect(collapseNearDuplicates([ap, stored]).map((kept) => kept.itemId)).toEqual(['ap']);
  });

  it('recomputes from the body when a stored sketch is unreadable', () => {
    const stale = { ...edited, sketch: 'v0:old-format' };
    expect(collapseNearDuplicates([ap, stale]).map((kept) => kept.itemId)).toEqual(['ap']);
  });

  it('drops body and sketch from what it returns', () => {
    const [kept] = collapseNearDuplicates([{ ...ap, sketch: bodySketch(ap.body) }]);
    expect(kept).toBeDefined();
    expect(Object.keys(kept ?? {})).not.toContain('body');
    expect(Object.keys(kept ?? {})).not.toContain('sketch');
  });

  it('honours a stricter threshold', () => {
    expect(collapseNearDuplicates([ap, edited], 0.99).map((kept) => kept.itemId)).toEqual(['ap', 'edited']);
  });
});
