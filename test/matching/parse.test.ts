import { describe, expect, it } from 'vitest';
import { formatQuery, parseQuery, QueryError } from '../../src/matching/index.ts';

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
    expect(error.message).toBe(
      'topics "detainee-escapes" query, position 27: expected ")" after "(escap* OR jailbreak prison" to close the "(" at position 0',
    );
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
    expect(errorOf('headline:escape')).toMatchObject({ position: 0, expected: 'a field scope title:, summary: or body:' });
    expect(errorOf('jail*break').position).toBe(4);
    expect(errorOf('x*').expected).toBe('at least 2 letters before "*"');
    expect(errorOf('escape "foreign fighters').position).toBe(24);
    expect(errorOf('').position).toBe(0);
    expect(errorOf('title:').position).toBe(6);
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
