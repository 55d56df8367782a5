import { describe, expect, it } from 'vitest';
import { excerptAround } from '../../src/text/excerpt.ts';

const filler = (word: string, count: number) => Array.from({ length: count }, (_, index) => `${word}${index}`).join(' ');

describe('excerptAround', () => {
  const text = `${filler('before', 40)} the prison break happened ${filler('after', 40)}`;
  const start = text.indexOf('prison');
  const end = start + 'prison break'.length;

  it('keeps the hit whole, cuts at spaces and marks both cuts', () => {
    const excerpt = excerptAround(text, start, end, 80);
    expect(excerpt).toContain('prison break');
    expect(excerpt.startsWith('…')).toBe(true);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(excerpt.length).toBeLessThanOrEqual(82);
    for (const word of excerpt.replaceAll('…', '').split(' ')) expect(text.split(' ')).toContain(word);
  });

  it('centres the hit by default and shows less before it when asked', () => {
    const centred = excerptAround(text, start, end, 80);
    const lead = excerptAround(text, start, end, 80, 0.2);
    expect(centred.indexOf('prison')).toBeGreaterThan(lead.indexOf('prison'));
    expect(lead.indexOf('prison')).toBeLessThan(25);
  });

  it('slides the window at either end of the text and returns short text whole, on one line', () => {
    const early = excerptAround(text, 0, 7, 80);
    expect(early.startsWith('before0 before1')).toBe(true);
    expect(early.endsWith('…')).toBe(true);
    const late = excerptAround(text, text.length - 7, text.length, 80);
    expect(late.startsWith('…')).toBe(true);
    expect(late.endsWith('after39')).toBe(true);
    expect(excerptAround('Jailbreak\n\nin   Mongo', 0, 9, 120)).toBe('Jailbreak in Mongo');
  });

  it('does not double an ellipsis the text already has', () => {
    const dotted = `${filler('x', 30)} …prison… ${filler('y', 30)}`;
    const at = dotted.indexOf('prison');
    expect(excerptAround(dotted, at, at + 6, 10)).toBe('…prison…');
  });
});
