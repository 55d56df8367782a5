import { describe, expect, it } from 'vitest';
import { collapseWhitespace } from '../../src/text/whitespace.ts';

describe('collapseWhitespace', () => {
  it('puts text on one line with single spaces, trimmed', () => {
    expect(collapseWhitespace('  Prison\r\n\tattack  in\u00a0Mongo\u2009 ')).toBe('Prison attack in Mongo');
    expect(collapseWhitespace('\u3000full-width\u3000space\u202f')).toBe('full-width space');
  });

  it('drops invisible characters that split words: soft hyphen, zero-width space, word joiner, BOM', () => {
    expect(collapseWhitespace('\ufeffpri\u00adson break\u200bout at\u2060tack')).toBe('prison breakout attack');
  });

  it('keeps zero-width joiners, which shape scripts and emoji', () => {
    expect(collapseWhitespace('\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645')).toBe('\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645');
    expect(collapseWhitespace('\u{1f468}\u200d\u{1f469}')).toBe('\u{1f468}\u200d\u{1f469}');
  });

  it('returns clean text unchanged', () => {
    expect(collapseWhitespace('already clean')).toBe('already clean');
    expect(collapseWhitespace('')).toBe('');
  });
});
