import { describe, expect, it } from 'vitest';
import { toIsoDate } from '../../src/parsers/dates.ts';

describe('toIsoDate', () => {
  it.each([
    ['Tue, 05 Mar 2024 14:07:00 +0100', '2024-03-05T13:07:00.000Z'],
    ['Tue, 05 Mar 2024 14:07:00 GMT', '2024-03-05T14:07:00.000Z'],
    ['Tue, 5 Mar 2024 14:07 UT', '2024-03-05T14:07:00.000Z'],
    ['05 Mar 2024 14:07:00 Z', '2024-03-05T14:07:00.000Z'],
    ['Sat, 07 Sep 02 00:00:01 GMT', '2002-09-07T00:00:01.000Z'],
    ['Thu, 01 Jan 70 00:00:00 EST', '1970-01-01T05:00:00.000Z'],
    ['Wed, 02 Oct 2002 13:00:00 EDT', '2002-10-02T17:00:00.000Z'],
    ['Wed, 02 Oct 2002 08:00:00 PST', '2002-10-02T16:00:00.000Z'],
    ['Mon, 05 Mar 2024 14:07:00 +01:00', '2024-03-05T13:07:00.000Z'], // wrong weekday is ignored
    ['Tue, 05 March 2024 14:07:00 -0500', '2024-03-05T19:07:00.000Z'],
    ['Tue,05 Mar 2024 14:07:00 CET', '2024-03-05T13:07:00.000Z'],
    ['05-Mar-2024 14:07:00 GMT', '2024-03-05T14:07:00.000Z'],
    ['Tue, 05 Mar 2024 14:07:00 GMT+0200', '2024-03-05T12:07:00.000Z'],
    ['Di, 05 Mär 2024 14:07:00 +0100', '2024-03-05T13:07:00.000Z'],
    ['Tue, 05 Mar 2024 14:07:00 A', '2024-03-05T14:07:00.000Z'],
  ])('reads RFC 822 variant %j', (input, expected) => {
    expect(toIsoDate(input)).toBe(expected);
  });

  it.each([
    ['2024-03-05T14:07:00Z', '2024-03-05T14:07:00.000Z'],
    ['2024-03-05T14:07:00.123456+05:30', '2024-03-05T08:37:00.123Z'],
    ['2024-03-05T14:07:00-0800', '2024-03-05T22:07:00.000Z'],
    ['2024-03-05 14:07:00', '2024-03-05T14:07:00.000Z'],
    ['2024-03-05T14:07', '2024-03-05T14:07:00.000Z'],
    ['2024-03-05', '2024-03-05T00:00:00.000Z'],
    ['20240305T140700Z', '2024-03-05T14:07:00.000Z'],
    ['2024/03/05 14:07:00', '2024-03-05T14:07:00.000Z'],
    ['  2024-03-05T14:07:00Z\n', '2024-03-05T14:07:00.000Z'],
  ])('reads ISO 8601 %j', (input, expected) => {
    expect(toIsoDate(input)).toBe(expected);
  });

  it.each([
    ['Mon Mar 05 2024 14:07:00 GMT+0100 (Central European Standard Time)', '2024-03-05T13:07:00.000Z'],
    ['Tue Mar  5 14:07:00 2024', '2024-03-05T14:07:00.000Z'],
    ['Tue Mar 5 14:07:00 UTC 2024', '2024-03-05T14:07:00.000Z'],
    ['March 5, 2024 2:07 PM', '2024-03-05T14:07:00.000Z'],
    ['Tuesday, March 5, 2024 12:15 am EST', '2024-03-05T05:15:00.000Z'],
    ['1709647620', '2024-03-05T14:07:00.000Z'],
    ['1709647620000', '2024-03-05T14:07:00.000Z'],
  ])('reads common broken form %j', (input, expected) => {
    expect(toIsoDate(input)).toBe(expected);
  });

  it('reads zone-less times in the given default offset (minutes east of UTC)', () => {
    expect(toIsoDate('2024-03-05 14:07:00', 60)).toBe('2024-03-05T13:07:00.000Z');
    expect(toIsoDate('Tue, 05 Mar 2024 14:07:00', -300)).toBe('2024-03-05T19:07:00.000Z');
    expect(toIsoDate('2024-03-05T14:07:00Z', 60)).toBe('2024-03-05T14:07:00.000Z');
  });

  it.each([
    null,
    undefined,
    '',
    '   ',
    'yesterday',
    'not a date',
    '2024-13-01',
    '2024-02-30',
    '31 Feb 2024',
    'Tue, 05 Mar 2024 25:07:00 GMT',
    '0001-01-01T00:00:00Z',
    'Tue, 05 Foo 2024 14:07:00 GMT',
    'Tue, 05 Mar 2024 14:07:00 NOTAZONE',
  ])('gives null for %j', (input) => {
    expect(toIsoDate(input)).toBeNull();
  });
});
