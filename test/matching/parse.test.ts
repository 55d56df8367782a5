import { describe, expect, it } from 'vitest';
import { formatQuery, parseQuery, QueryError, type QueryWarning } from '../../src/matching/index.ts';

function errorOf(query: string, topicId = 'detainee-escapes'): QueryError {
  try {
    parseQuery(query, { topicId });
  } catch (error) {
    expect(error).toBeInstanceOf(QueryError);
    return error as QueryError;
  }
  throw new Error(`expected ${JSON.stringify(query)} to be rejected`);
}

describe('parseQuery', () => {
  it('gives NEAR precedence over NOT over AND over OR', () => {
    expect(formatQuery(parseQuery('a OR b c'))).toBe('a OR b AND c');
    const tree = parseQuery('a OR b AND NOT c NEAR/3 d');
    expect(tree.kind).toBe('or');
    if (tree.kind !== 'or') return;
    const right = tree.children[1];
    expect(right?.kind).toBe('and');
    if (right?.kind !== 'and') return;
    expect(right.children[1]?.kind).toBe('not');
    if (right.children[1]?.kind !== 'not') return;
    expect(right.children[1].child.kind).toBe('near');
  });

  it('treats adjacent terms as AND and parentheses as grouping', () => {
    const tree = parseQuery('(escape OR jailbreak) prison');
    expect(tree.kind).toBe('and');
    expect(formatQuery(tree)).toBe('(escape OR jailbreak) AND prison');
  });

  it('reads phrases, prefixes, case-sensitive terms, synonyms and field scopes', () => {
    const tree = parseQuery('title:"foreign fighters" escap* =IS @islamic-state body:(a OR b)');
    expect(tree.kind).toBe('and');
    if (tree.kind !== 'and') return;
    const [field, prefix, cased, synonym, scoped] = tree.children;
    expect(field).toMatchObject({ kind: 'field', field: 'title', child: { kind: 'term', words: [{ text: 'foreign' }, { text: 'fighters' }] } });
    expect(prefix).toMatchObject({ kind: 'term', words: [{ text: 'escap', prefix: true, caseSensitive: false }] });
    expect(cased).toMatchObject({ kind: 'term', words: [{ text: 'IS', prefix: false, caseSensitive: true }] });
    expect(synonym).toMatchObject({ kind: 'synonym', name: 'islamic-state' });
    expect(scoped).toMatchObject({ kind: 'field', field: 'body', child: { kind: 'or' } });
  });

  it('folds query words the way article text is folded', () => {
    expect(parseQuery("Da'esh")).toMatchObject({ words: [{ text: 'daesh' }] });
    expect(parseQuery('Da’esh')).toMatchObject({ words: [{ text: 'daesh' }] });
    expect(parseQuery('Sinaʿa')).toMatchObject({ words: [{ text: 'sinaa' }] });
    expect(parseQuery('Raqqā')).toMatchObject({ words: [{ text: 'raqqa' }] });
    expect(parseQuery('al-Hol')).toMatchObject({ words: [{ text: 'al' }, { text: 'hol' }] });
  });

  it('keeps operators in lower case as words and unescapes quotes inside phrases', () => {
    expect(formatQuery(parseQuery('war and peace'))).toBe('war AND and AND peace');
    expect(parseQuery('"say \\"no\\""')).toMatchObject({ kind: 'term', words: [{ text: 'say' }, { text: 'no' }] });
  });

  it('locates a missing closing parenthesis and says what it expected', () => {
    const error = errorOf('(escap* OR jailbreak prison');
    expect(error.position).toBe(27);
    expect(error.expected).toBe('")"');
    expect(error.topicId).toBe('detainee-escapes');
    expect(error.field).toBe('query');
    expect(error.message).toBe('topics "detainee-escapes" query, position 27: expected ")" after "(escap* OR jailbreak prison" to close the "(" at position 0');
  });

  it('rejects an operator with nothing after it', () => {
    const error = errorOf('escape AND');
    expect(error.position).toBe(10);
    expect(error.expected).toContain('a term');
  });

  it('rejects a stray closing parenthesis at its position', () => {
    expect(errorOf('escape) OR jail').position).toBe(6);
    expect(errorOf(')').position).toBe(0);
  });

  it('rejects NEAR without a distance and NEAR over AND', () => {
    expect(errorOf('a NEAR b').position).toBe(2);
    expect(errorOf('a NEAR/0 b').expected).toContain('distance');
    const error = errorOf('a NEAR/5 (b AND c)');
    expect(error.position).toBe(9);
    expect(error.expected).toContain('on each side of NEAR/5');
  });

  it('rejects unknown field scopes, inner wildcards, short prefixes and open quotes', () => {
    expect(errorOf('headline:escape')).toMatchObject({ position: 0, expected: 'a field scope title:, summary:, body: or lead:' });
    expect(errorOf('jail*break').position).toBe(4);
    expect(errorOf('x*').expected).toBe('at least 2 letters before "*"');
    expect(errorOf('escape "foreign fighters').position).toBe(24);
    expect(errorOf('').position).toBe(0);
    expect(errorOf('title:').position).toBe(6);
  });

  it('says NEAR takes no NOT, and how to write what was meant', () => {
    const error = errorOf('escape NEAR/5 NOT prison');
    expect(error.position).toBe(14);
    expect(error.message).not.toMatch(/NOT or "\(" but found NOT/);
    expect(error.expected).toBe('a term, "phrase", @synonym or a (… OR …) group of them after NEAR/5');
    expect(error.message).toContain('escape AND NOT (escape NEAR/5 prison)');
  });

  it('takes only exact operator tokens as operators', () => {
    expect(formatQuery(parseQuery('NEARLY escaped'))).toBe('NEARLY AND escaped');
    expect(parseQuery('NEARLY')).toMatchObject({ kind: 'term', words: [{ text: 'nearly' }] });
    expect(parseQuery('10:30')).toMatchObject({ kind: 'term', words: [{ text: '10' }, { text: '30' }] });
    expect(formatQuery(parseQuery('ANDROID ORDER NOTICE'))).toBe('ANDROID AND ORDER AND NOTICE');
    expect(errorOf('a NEAR/x b').position).toBe(2);
    expect(errorOf('titel:escape')).toMatchObject({ position: 0, expected: 'a field scope title:, summary:, body: or lead:' });
  });

  it('rejects deep nesting with its position instead of overflowing the stack', () => {
    const parentheses = errorOf(`${'('.repeat(2500)}a${')'.repeat(2500)}`);
    expect(parentheses.message).toMatch(/nesting/);
    expect(parentheses.position).toBe(100);
    const nots = errorOf(`${'NOT '.repeat(5000)}a`);
    expect(nots.message).toMatch(/nesting/);
    expect(nots.position).toBe(400);
    const chain = errorOf(`a${' NEAR/1 a'.repeat(3000)}`);
    expect(chain.message).toMatch(/nesting/);
    expect(formatQuery(parseQuery(`${'('.repeat(50)}a${')'.repeat(50)}`))).toBe('a');
  });

  it('warns about a lower-case near/5, which reads as the phrase "near 5"', () => {
    const warnings: QueryWarning[] = [];
    expect(parseQuery('escape near/5 prison', { topicId: 't', warn: (warning) => warnings.push(warning) })).toMatchObject({ kind: 'and' });
    expect(warnings).toEqual([
      expect.objectContaining({
        topicId: 't',
        field: 'query',
        position: 7,
        message: expect.stringMatching(/"near\/5" is read as the words "near 5".*NEAR\/5/),
      }),
    ]);
    const none: QueryWarning[] = [];
    parseQuery('escape NEAR/5 prison OR "near 5"', { warn: (warning) => none.push(warning) });
    expect(none).toEqual([]);
  });

  it('reads BEFORE/n, NEAR/SENTENCE, NEAR/PARAGRAPH, MENTIONS/n and lead: and writes them back', () => {
    const query = 'lead:@islamic-state AND escap* BEFORE/5 prison AND a NEAR/SENTENCE b AND c BEFORE/PARAGRAPH d AND MENTIONS/2 (e OR f)';
    expect(formatQuery(parseQuery(query))).toBe(query);
    expect(parseQuery('x BEFORE/3 y')).toMatchObject({ kind: 'near', reach: 3, ordered: true });
    expect(parseQuery('MENTIONS/3 title:x')).toMatchObject({ kind: 'mentions', count: 3, child: { kind: 'field', field: 'title' } });
    expect(formatQuery(parseQuery('MENTIONS/2 x y'))).toBe('MENTIONS/2 x AND y');
  });

  it('rejects malformed BEFORE, NEAR scopes and MENTIONS, and MENTIONS of AND', () => {
    expect(errorOf('a BEFORE b').expected).toContain('BEFORE/8, or BEFORE/SENTENCE or BEFORE/PARAGRAPH');
    expect(errorOf('a NEAR/SENTENCES b').position).toBe(2);
    expect(errorOf('MENTIONS/0 x').expected).toBe('a count from 1 to 100 written as MENTIONS/2');
    expect(errorOf('MENTIONS x').position).toBe(0);
    expect(errorOf('MENTIONS/2 (a AND b)').expected).toContain('after MENTIONS/2');
    expect(errorOf('MENTIONS/2').position).toBe(10);
    expect(errorOf('a BEFORE/3 NOT b').message).toContain('BEFORE cannot take NOT');
  });

  it('warns about lower-case before/3 and mentions/2 too', () => {
    const warnings: QueryWarning[] = [];
    parseQuery('a before/3 b mentions/2 c near/sentence d', { warn: (warning) => warnings.push(warning) });
    expect(warnings.map((warning) => warning.position)).toEqual([2, 13, 26]);
  });

  it('reports the exclude field', () => {
    try {
      parseQuery('a OR', { topicId: 'x', field: 'exclude' });
      throw new Error('expected a QueryError');
    } catch (error) {
      expect(error).toBeInstanceOf(QueryError);
      expect((error as QueryError).field).toBe('exclude');
      expect((error as QueryError).message).toMatch(/^topics "x" exclude, position 4: expected a term/);
    }
  });
});
