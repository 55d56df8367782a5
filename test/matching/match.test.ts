import { describe, expect, it } from 'vitest';
import type { TopicConfig } from '../../src/config/schema.ts';
import { compileTopics, QueryError, type MatchInput, type TopicMatch } from '../../src/matching/index.ts';

function topic(id: string, query: string, extra: Partial<TopicConfig> = {}): TopicConfig {
  return { id, name: id, query, minScore: 1, ...extra };
}

function item(body: string, title = '', summary = ''): MatchInput {
  return { title, summary, body };
}

/** A body whose text comes after a first paragraph, so its hits are not in the lead. */
function deep(text: string): string {
  return `A first paragraph about something else.\n\n${text}`;
}

/** Ids of the topics matching `input`, for queries given as id → query. */
function matching(queries: Record<string, string>, input: MatchInput, synonyms: Record<string, string[]> = {}): string[] {
  const matcher = compileTopics(
    Object.entries(queries).map(([id, query]) => topic(id, query)),
    synonyms,
  );
  return matcher
    .match(input)
    .map((match) => match.topicId)
    .sort();
}

function only(query: string, input: MatchInput, synonyms: Record<string, string[]> = {}, extra: Partial<TopicConfig> = {}): TopicMatch | undefined {
  return compileTopics([topic('t', query, extra)], synonyms).match(input)[0];
}

describe('operators', () => {
  const text = item('Militants stormed the prison and freed dozens of inmates.');

  it('AND, OR, NOT and implicit AND', () => {
    expect(
      matching(
        {
          and: 'prison AND inmates',
          implicit: 'prison inmates',
          andMissing: 'prison AND camp',
          or: 'camp OR prison',
          orMissing: 'camp OR jail',
          not: 'prison NOT camp',
          notPresent: 'prison NOT inmates',
          grouped: '(camp OR prison) AND (inmates OR detainees)',
        },
        text,
      ),
    ).toEqual(['and', 'grouped', 'implicit', 'not', 'or']);
  });

  it('a query of only NOT holds but scores 0, so it needs minScore 0', () => {
    expect(only('NOT camp', text, {}, { minScore: 0 })).toMatchObject({ topicId: 't', score: 0, hits: [] });
    expect(only('NOT prison', text, {}, { minScore: 0 })).toBeUndefined();
  });

  it('phrases need the words in order and adjacent', () => {
    expect(matching({ yes: '"freed dozens"', order: '"dozens freed"', gap: '"stormed prison"' }, text)).toEqual(['yes']);
  });

  it('prefix wildcards match any ending, including inside phrases', () => {
    expect(matching({ a: 'storm*', b: '"storm* the pris*"', c: 'stormy*', d: 'inmate*' }, text)).toEqual(['a', 'b', 'd']);
  });

  it('is case-insensitive by default', () => {
    expect(matching({ a: 'PRISON', b: 'Militants' }, item('MILITANTS attacked a Prison'))).toEqual(['a', 'b']);
  });
});

describe('folding', () => {
  it('ignores accents and apostrophes, in text and in queries', () => {
    const queries = { daesh: 'Daesh', apostrophe: "Da'esh", sinaa: '"al-Sinaa"', raqqa: 'Raqqa' };
    expect(matching(queries, item('Da’esh fighters attacked al-Sina‘a prison near Raqqā.'))).toEqual(['apostrophe', 'daesh', 'raqqa', 'sinaa']);
    expect(matching(queries, item('DAESH')).length).toBe(2);
  });

  it('drops a possessive and joins hyphenated compounds', () => {
    expect(matching({ begum: 'Begum', joined: 'alhol', parts: '"al hol"', hasakah: 'Hasakah' }, item("Begum's lawyers; al-Hol camp; al-Hasakah"))).toEqual([
      'begum',
      'hasakah',
      'joined',
      'parts',
    ]);
  });

  it('folds a backtick used as an apostrophe in plain ASCII text', () => {
    expect(matching({ daesh: 'Daesh' }, item('Da`esh fighters'))).toEqual(['daesh']);
  });

  it('reads through soft hyphens and zero-width characters inside words, in every field', () => {
    expect(matching({ prison: 'prison' }, item('', 'pri\u00adson riot'))).toEqual(['prison']);
    expect(matching({ prison: 'prison' }, item('', '', 'pri\u200bson riot'))).toEqual(['prison']);
    expect(matching({ breakout: '"prison breakout"' }, item('a prison break\u2060out'))).toEqual(['breakout']);
  });

  it('makes no word of an emoji variation selector', () => {
    expect(matching({ near: 'escape NEAR/1 prison' }, item('escape \u26a0\ufe0f prison'))).toEqual(['near']);
    expect(matching({ near: 'escape NEAR/1 prison' }, item('escape \u{1f6a8} prison'))).toEqual(['near']);
  });

  it('folds Arabic tatweel', () => {
    expect(matching({ daesh: 'داعش' }, item('مقاتلو داعـــش في السجن'))).toEqual(['daesh']);
    expect(matching({ daesh: 'داعـش' }, item('مقاتلو داعش'))).toEqual(['daesh']);
  });

  it('keeps Cyrillic й apart from и (and still folds ё to е)', () => {
    expect(matching({ moi: 'мой' }, item('это мои слова'))).toEqual([]);
    expect(matching({ moi: 'мой' }, item('это мой дом'))).toEqual(['moi']);
    expect(matching({ moi: 'мои' }, item('это мой дом'))).toEqual([]);
    expect(matching({ yozh: 'ежик' }, item('ёжик'))).toEqual(['yozh']);
  });

  it('matches a hyphenated, joined or spaced compound whichever way the query writes it', () => {
    const texts = ['al-Hol camp', 'alHol camp', 'Alhol camp', 'al Hol camp', 'AL-HOL camp'];
    for (const text of texts) {
      expect(matching({ hyphen: 'al-Hol', joined: 'alHol', phrase: '"escape from al-Hol"' }, item(text)), text).toEqual(['hyphen', 'joined']);
      expect(matching({ phrase: '"from al-Hol camp"' }, item(`escape from ${text}`)), text).toEqual(['phrase']);
    }
    expect(matching({ hyphen: 'al-Hol' }, item('al holiday'))).toEqual([]);
  });

  it('counts a compound once where its spellings overlap', () => {
    expect(only('al-Hol', item(deep('al-Hol')))?.score).toBe(1);
    expect(only('al-Hol', item('al-Hol'))?.hits).toHaveLength(1);
  });
});

describe('case-sensitive terms', () => {
  const query = '=IS AND claim*';

  it('match only the exact case', () => {
    expect(only(query, item('IS claimed the attack.'))).toBeDefined();
    expect(only(query, item('It is claimed that the attack failed.'))).toBeUndefined();
    expect(only('="Islamic State"', item('the islamic state of affairs'))).toBeUndefined();
    expect(only('="Islamic State"', item('the Islamic State claimed'))).toBeDefined();
  });

  it('do not fire inside ALL-CAPS text, where case carries no meaning', () => {
    expect(only(query, item('claims', 'WHAT IS NEXT FOR THE PROVINCE'))).toBeUndefined();
    expect(only(query, item('claims', 'IS claims attack in Sinai'))).toBeDefined();
    expect(only(query, item('QUETTA (SPA) - IS claimed the bombing.'))).toBeDefined();
  });

  it('read case next to a single capital letter from the next real word', () => {
    expect(only(query, item('', 'IS-K claims attack in Kandahar'))).toBeDefined();
    expect(only(query, item('claims', 'IS K CLAIMS ATTACK'))).toBeUndefined();
    expect(only(query, item('claims', 'WHAT IS A PROVINCE'))).toBeUndefined();
  });
});

describe('synonyms', () => {
  const synonyms = {
    'islamic-state': ['Islamic State', '=IS', 'ISIL', 'Daesh'],
    hasakah: ['Hasakah', 'Hassakeh', 'al-Hasakah'],
    'is-places': ['@hasakah', 'Raqqa'],
  };

  it('expand to their entries; multi-word entries are phrases, = and * work', () => {
    expect(matching({ t: '@islamic-state AND escap*' }, item('Daesh detainees escaped'), synonyms)).toEqual(['t']);
    expect(matching({ t: '@islamic-state AND escap*' }, item('the state is islamic; escaped'), synonyms)).toEqual([]);
    expect(matching({ a: '@hasakah', b: '@hasakah' }, item('Prison in Hassakeh'), synonyms)).toEqual(['a', 'b']);
  });

  it('may refer to other lists', () => {
    expect(matching({ t: '@is-places' }, item('in al-Hasakah province'), synonyms)).toEqual(['t']);
  });

  it('report unknown lists and loops as query errors at the reference', () => {
    expect(() => compileTopics([topic('x', 'escape AND @islamic-stat')], synonyms)).toThrow(
      /topics "x" query, position 11: expected a synonym list defined under "synonyms:" but "@islamic-stat" is not defined/,
    );
    const loop = { a: ['@b'], b: ['@a'] };
    try {
      compileTopics([topic('x', 'jail', { exclude: 'NOT @a' })], loop);
      throw new Error('expected a QueryError');
    } catch (error) {
      expect(error).toBeInstanceOf(QueryError);
      expect((error as QueryError).field).toBe('exclude');
      expect((error as QueryError).message).toContain('@a → @b → @a');
    }
  });

  it('report a bad entry where a topic uses the list', () => {
    expect(() => compileTopics([topic('x', 'a OR @bad')], { bad: ['ok', 'jail*break'] })).toThrow(/position 5: .*synonyms "bad" entry "jail\*break"/);
  });
});

describe('field scopes', () => {
  const input = item('A riot broke out in the prison.', 'Jailbreak in Hasakah', 'Detainees fled.');

  it('take a synonym list right after the colon', () => {
    expect(matching({ t: 'title:@places' }, input, { places: ['Hasakah', 'Raqqa'] })).toEqual(['t']);
    expect(matching({ t: 'body:@places' }, input, { places: ['Hasakah', 'Raqqa'] })).toEqual([]);
  });

  it('restrict terms to title, summary or body', () => {
    expect(
      matching(
        { title: 'title:jailbreak', notTitle: 'title:prison', summary: 'summary:fled', body: 'body:(riot OR jailbreak)', bodyMiss: 'body:hasakah' },
        input,
      ),
    ).toEqual(['body', 'summary', 'title']);
  });

  it('reject nested conflicting scopes', () => {
    expect(() => compileTopics([topic('x', 'title:(body:riot)')])).toThrow(QueryError);
  });
});

describe('NEAR', () => {
  const input = item('Foreign fighters held in Syria face uncertain repatriation, officials said.');

  it('matches within N words in either order', () => {
    // fighters … repatriation: "held in Syria face uncertain" lie between, 6 words apart.
    expect(
      matching(
        { near6: '"foreign fighters" NEAR/6 repatriat*', near5: '"foreign fighters" NEAR/5 repatriat*', reversed: 'repatriat* NEAR/6 "foreign fighters"' },
        input,
      ),
    ).toEqual(['near6', 'reversed']);
  });

  it('takes OR-groups and synonyms on either side, and chains', () => {
    expect(matching({ group: '(jihadists OR "foreign fighters") NEAR/8 (repatriat* OR return*)', chain: 'foreign NEAR/2 held NEAR/3 syria' }, input)).toEqual([
      'chain',
      'group',
    ]);
  });

  it('never pairs words from different fields', () => {
    expect(only('escape NEAR/50 prison', item('prison', 'escape'))).toBeUndefined();
  });

  it('needs two different words: one word never satisfies both sides', () => {
    expect(only('escap* NEAR/3 escape', item('The escape failed.'))).toBeUndefined();
    expect(only('escap* NEAR/3 escape', item('One escape, then another escape.'))).toBeDefined();
    expect(only('"al hol" NEAR/2 hol', item('in al-Hol today'))).toBeUndefined();
  });
});

describe('exclude', () => {
  it('suppresses the topic when the exclude query matches', () => {
    const escapes = topic('escapes', 'escap* NEAR/10 prison*', { exclude: 'cartel OR "drug lord"' });
    const matcher = compileTopics([escapes]);
    expect(matcher.match(item('Jihadists escaped from the prison.')).map((match) => match.topicId)).toEqual(['escapes']);
    expect(matcher.match(item('A drug lord escaped from the prison.'))).toEqual([]);
  });
});

describe('scoring', () => {
  it('weighs a hit by position: title 3, summary 2, first paragraph of the body 2, rest of the body 1', () => {
    expect(only('jailbreak', item(deep('jailbreak'), 'jailbreak', 'jailbreak'))?.score).toBe(6);
    expect(only('jailbreak', item(deep('jailbreak')))?.score).toBe(1);
    expect(only('jailbreak', item('', '', 'jailbreak'))?.score).toBe(2);
    expect(only('jailbreak', item('', 'jailbreak'))?.score).toBe(3);
    expect(only('jailbreak', item('A jailbreak in Mongo.\n\nMore later.'))?.score).toBe(2);
    expect(only('jailbreak', item('jailbreak'))?.score).toBe(2);
  });

  it('takes at most 60 words of a body without paragraph breaks as its lead', () => {
    const words = (count: number) => Array.from({ length: count }, () => 'word').join(' ');
    expect(only('jailbreak', item(`${words(59)} jailbreak`))?.score).toBe(2);
    expect(only('jailbreak', item(`${words(60)} jailbreak`))?.score).toBe(1);
  });

  it('counts a term at most three times per field, and each place in the text once', () => {
    expect(only('jail', item(deep('jail jail jail jail jail')))?.score).toBe(3);
    expect(only('jail* OR jail', item(deep('jail')))?.score).toBe(1);
  });

  it('counts only the branches that made the query true', () => {
    expect(only('(jail AND riot) OR escape', item(deep('jail escape')))?.score).toBe(1);
    expect(only('escape AND NOT riot', item(deep('escape')))?.score).toBe(1);
  });

  it('adds 1 for each proximity clause whose sides share a sentence', () => {
    expect(only('escape NEAR/10 prison', item(deep('An escape from the prison.')))?.score).toBe(3);
    expect(only('escape NEAR/10 prison', item(deep('An escape. The prison.')))?.score).toBe(2);
    expect(only('(escape NEAR/10 prison) AND (riot NEAR/5 guards)', item(deep('An escape from the prison. A riot. Guards.')))?.score).toBe(5);
  });

  it('rejects a query that can hold without any of its terms when minScore would drop every such item', () => {
    expect(() => compileTopics([topic('x', 'alpha OR NOT beta')])).toThrow(
      /topics "x" query, position 9: expected a query whose every alternative needs a term .*NOT beta.*score 0.*alpha AND NOT beta.*minScore: 0/,
    );
    expect(() => compileTopics([topic('x', 'NOT camp')])).toThrow(QueryError);
    expect(only('alpha OR NOT beta', item('gamma'), {}, { minScore: 0 })).toMatchObject({ score: 0 });
    expect(only('(alpha OR NOT beta) AND gamma', item(deep('gamma')))?.score).toBe(1);
    expect(() => compileTopics([topic('x', 'alpha', { exclude: 'cartel OR NOT jihad*' })])).not.toThrow();
  });

  it('applies minScore and sorts topics by score', () => {
    const matcher = compileTopics([topic('weak', 'jail', { minScore: 3 }), topic('low', 'riot'), topic('high', 'escape')]);
    const results = matcher.match(item(deep('jail riot'), 'escape'));
    expect(results.map((match) => [match.topicId, match.score])).toEqual([
      ['high', 3],
      ['low', 1],
    ]);
    expect(matcher.topicIds).toEqual(['weak', 'low', 'high']);
  });
});

describe('explanations', () => {
  const synonyms = { 'islamic-state': ['Islamic State', 'Daesh'] };
  const body = `${'Filler words come first here. '.repeat(6)}Daesh detainees escaped from the prison in Hasakah on Sunday. ${'More filler text follows. '.repeat(6)}`;
  const result = only('@islamic-state AND (escap* NEAR/8 prison*) AND NOT cartel', item(body, 'Jailbreak feared'), synonyms);

  it('lists the hits with field, query term, matched text and a snippet around it', () => {
    expect(result?.hits.map((hit) => [hit.field, hit.term, hit.text])).toEqual([
      ['body', '@islamic-state: Daesh', 'Daesh'],
      ['body', 'escap*', 'escaped'],
      ['body', 'prison*', 'prison'],
    ]);
    const snippet = result?.hits[0]?.snippet ?? '';
    expect(snippet).toContain('Daesh detainees escaped');
    expect(snippet.length).toBeLessThanOrEqual(125);
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
  });

  it('gives distinct matched texts and the clauses that fired', () => {
    expect(result?.terms).toEqual(['Daesh', 'escaped', 'prison']);
    expect(result?.clauses).toEqual(['@islamic-state ← body "Daesh"', 'escap* NEAR/8 prison* ← body "escaped", "prison"', 'NOT cartel']);
  });

  it('shows only the alternatives of an OR that held', () => {
    const match = only('title:(jailbreak OR breakout) OR riot', item('', 'Breakout at Taji'));
    expect(match?.clauses).toEqual(['title:breakout ← title "Breakout"']);
  });
});

describe('salience', () => {
  const synonyms = { 'islamic-state': ['Islamic State', '=IS', 'ISIS', 'Daesh'] };

  it('NEAR/SENTENCE: both sides in one sentence, abbreviations, initials and decimals do not end one', () => {
    const query = { t: '@islamic-state NEAR/SENTENCE (attack* OR prison*)' };
    expect(matching(query, item('Islamic State fighters attacked the prison on Sunday.'), synonyms)).toEqual(['t']);
    expect(matching(query, item('The prison was quiet. Later, the Islamic State made threats.'), synonyms)).toEqual([]);
    expect(matching(query, item('Islamic State leaders met. Who attacked? Nobody knows.'), synonyms)).toEqual([]);
    expect(matching(query, item('Gen. Mazloum Abdi said U.S. forces and ISIS fought near the prison in 3.5 hours.'), synonyms)).toEqual(['t']);
    expect(matching(query, item('Islamic State fighters, officials said\nattacked a prison'), synonyms)).toEqual([]);
  });

  it('NEAR/PARAGRAPH: both sides in one paragraph', () => {
    const query = { t: '@islamic-state NEAR/PARAGRAPH prison*' };
    expect(matching(query, item('The Islamic State is regrouping. Its men attacked a prison.'), synonyms)).toEqual(['t']);
    expect(matching(query, item('The Islamic State is regrouping.\n\nA prison was attacked.'), synonyms)).toEqual([]);
  });

  it('BEFORE/n and BEFORE/SENTENCE: like NEAR, with the left side first', () => {
    expect(matching({ t: 'escap* BEFORE/3 prison' }, item('They escaped from prison.'))).toEqual(['t']);
    expect(matching({ t: 'escap* BEFORE/3 prison' }, item('The prison escape failed.'))).toEqual([]);
    expect(matching({ t: 'escap* BEFORE/3 prison' }, item('An escape in prison, no prison escape.'))).toEqual(['t']);
    expect(matching({ t: 'Daesh BEFORE/SENTENCE claim*' }, item('Daesh later claimed the attack.'))).toEqual(['t']);
    expect(matching({ t: 'Daesh BEFORE/SENTENCE claim*' }, item('Claims by Daesh were false.'))).toEqual([]);
  });

  it("lead: title, summary and the body's first paragraph", () => {
    const query = { t: 'lead:@islamic-state' };
    expect(matching(query, item('', 'ISIS attack'), synonyms)).toEqual(['t']);
    expect(matching(query, item('', '', 'An ISIS attack'), synonyms)).toEqual(['t']);
    expect(matching(query, item('An attack by the Islamic State.\n\nMore details.'), synonyms)).toEqual(['t']);
    expect(matching(query, item('An attack in the north.\n\nThe Islamic State was blamed.'), synonyms)).toEqual([]);
    expect(matching({ t: 'body:lead:x' }, item('x'))).toEqual(['t']);
  });

  it('MENTIONS/n: at least n distinct places', () => {
    const query = { t: 'MENTIONS/2 @islamic-state' };
    expect(matching(query, item(deep('Islamic State fighters fled; Daesh later denied it.')), synonyms)).toEqual(['t']);
    expect(matching(query, item(deep('Islamic State fighters fled.')), synonyms)).toEqual([]);
    expect(matching(query, item(deep('Islamic State fighters fled.'), 'ISIS retreat'), synonyms)).toEqual(['t']);
    expect(matching({ t: 'MENTIONS/2 al-Hol' }, item('al-Hol camp'))).toEqual([]);
    expect(matching({ t: 'MENTIONS/3 body:escap*' }, item('escape, escaped, escapes', 'escape'))).toEqual(['t']);
    expect(matching({ t: 'MENTIONS/2 (escap* NEAR/2 prison)' }, item('escape from prison; prison escape'))).toEqual(['t']);
  });

  it('explains the new operators as written', () => {
    const match = only('lead:Daesh AND (escap* BEFORE/3 prison) AND MENTIONS/2 Daesh', item('Daesh fighters escaped from prison. Daesh again.'));
    expect(match?.clauses).toEqual(['lead:Daesh ← body "Daesh"', 'escap* BEFORE/3 prison ← body "escaped", "prison"', 'MENTIONS/2 Daesh ← body "Daesh"']);
  });
});
