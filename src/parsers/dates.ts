/**
 * Dates as feeds write them, to ISO-8601 UTC (`2024-03-05T14:07:00.000Z`).
 *
 * Accepted:
 * - RFC 822 / 1123 / 2822 and what feeds make of them: with or without weekday (a wrong weekday
 *   is ignored), 2- or 4-digit years (RFC 2822 rule: 00-49 → 20xx, 50-99 → 19xx), optional
 *   seconds, single-digit hours, `-` instead of spaces, dotted or full month names (also German,
 *   French, Spanish, Italian, Portuguese and Dutch abbreviations), numeric zones (`+0100`,
 *   `+01:00`, `GMT+0100`) and named zones (UT, UTC, GMT, Z, US zones, common European and
 *   Asian abbreviations, military letters which RFC 2822 says to read as UTC), `(comments)`;
 * - ISO-8601 / RFC 3339 with or without zone, `T` or space, fractions, date only, compact
 *   `20240305T140700Z`;
 * - `Mon Mar 05 2024 14:07:00 GMT+0100 (CET)` (JavaScript), ctime (`Mon Mar  5 14:07:00 2024`),
 *   `March 5, 2024 2:07 PM`, `2024/03/05 14:07`, and 10- or 13-digit Unix timestamps.
 *
 * Without a zone the time is read in `defaultTimezoneOffsetMinutes` (minutes EAST of UTC, as in
 * `+01:00` → 60; the opposite sign of `Date#getTimezoneOffset`), default 0 (UTC): the machine's
 * local zone is never used, so results do not depend on where the worker runs.
 * Years before 1900 give null: they are placeholders (`0001-01-01`) or typos, never news.
 */
import { collapseWhitespace } from '../text/whitespace.ts';

const MONTHS: Record<string, number> = {};
const monthNames: string[][] = [
  ['jan', 'january', 'januar', 'janv', 'janvier', 'ene', 'enero', 'gen', 'gennaio', 'janeiro', 'januari', 'jän', 'jänner'],
  ['feb', 'february', 'februar', 'fev', 'fevr', 'février', 'févr', 'fév', 'febrero', 'febbraio', 'fevereiro', 'februari'],
  ['mar', 'march', 'mär', 'märz', 'maerz', 'mars', 'marzo', 'março', 'marco', 'mrt', 'maart'],
  ['apr', 'april', 'avr', 'avril', 'abr', 'abril', 'aprile'],
  ['may', 'mai', 'mayo', 'mag', 'maggio', 'maio', 'mei'],
  ['jun', 'june', 'juni', 'juin', 'junio', 'giu', 'giugno', 'junho'],
  ['jul', 'july', 'juli', 'juil', 'juillet', 'julio', 'lug', 'luglio', 'julho'],
  ['aug', 'august', 'aout', 'août', 'ago', 'agosto', 'augustus'],
  ['sep', 'sept', 'september', 'septembre', 'septiembre', 'set', 'settembre', 'setembro'],
  ['oct', 'october', 'okt', 'oktober', 'octobre', 'octubre', 'ott', 'ottobre', 'out', 'outubro'],
  ['nov', 'november', 'novembre', 'noviembre', 'novembro'],
  ['dec', 'december', 'dez', 'dezember', 'déc', 'décembre', 'dic', 'diciembre', 'dicembre', 'dezembro'],
];
monthNames.forEach((names, index) => {
  for (const name of names) MONTHS[name] = index + 1;
});

/** Offsets in minutes east of UTC. Ambiguous abbreviations (IST, CST-China) take their most common feed meaning. */
const ZONES: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  wet: 0,
  zulu: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  akst: -540,
  akdt: -480,
  hst: -600,
  ast: -240,
  adt: -180,
  nst: -210,
  ndt: -150,
  bst: 60,
  ist: 330,
  cet: 60,
  cest: 120,
  met: 60,
  mest: 120,
  west: 60,
  eet: 120,
  eest: 180,
  msk: 180,
  msd: 240,
  trt: 180,
  pkt: 300,
  sgt: 480,
  hkt: 480,
  awst: 480,
  jst: 540,
  kst: 540,
  acst: 570,
  acdt: 630,
  aest: 600,
  aedt: 660,
  nzst: 720,
  nzdt: 780,
  wib: 420,
  pht: 480,
};

function zoneOffset(zone: string): number | null {
  const z = zone.trim().toLowerCase();
  if (z === '') return null;
  const known = ZONES[z];
  if (known !== undefined) return known;
  // "GMT+0100", "UTC-05:00", "+0100", "-05:00", "+01", "+5"
  const numeric = /^(?:gmt|utc|ut)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$/.exec(z);
  if (numeric) {
    const hours = Number(numeric[2]);
    const minutes = Number(numeric[3] ?? '0');
    if (hours > 14 || minutes > 59) return null;
    return (numeric[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  // RFC 2822 §4.3: military zones were defined with the wrong sign; treat them as UTC.
  if (/^[a-ik-z]$/.test(z)) return 0;
  return null;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes east of UTC, or null when the text named no zone. */
  offset: number | null;
}

function toIso(parts: Parts, defaultOffset: number): string | null {
  const { year, month, day, minute, millisecond } = parts;
  let { hour, second } = parts;
  if (year < 1900 || year > 9999) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour === 24 && minute === 0 && second === 0)
    hour = 24; // 24:00 is midnight at the end of the day
  else if (hour > 23) return null;
  if (minute > 59 || second > 60) return null;
  if (second === 60) second = 59; // leap second
  const offset = parts.offset ?? defaultOffset;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, millisecond) - offset * 60_000;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

function expandYear(text: string): number {
  const year = Number(text);
  if (text.length > 2) return year;
  return year < 50 ? 2000 + year : 1900 + year;
}

function monthNumber(name: string): number | null {
  const key = name.toLowerCase().replace(/\.$/, '');
  return MONTHS[key] ?? MONTHS[key.slice(0, 3)] ?? null;
}

function to24h(hour: number, meridiem: string | undefined): number {
  if (!meridiem) return hour;
  const pm = meridiem.toLowerCase().startsWith('p');
  if (hour === 12) return pm ? 12 : 0;
  return pm ? hour + 12 : hour;
}

function fraction(digits: string | undefined): number {
  return digits ? Math.round(Number(`0.${digits}`) * 1000) : 0;
}

const TIME = String.raw`(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,](\d+))?)?\s*([ap]\.?m\.?)?`;
const ZONE = String.raw`((?:gmt|utc|ut)?\s*[+-]\s*\d{1,2}(?::?\d{2})?|[a-z]{1,5})?`;

// "Tue, 05 Mar 2024 14:07:00 +0100", "5 March 24 14:07 EST", "05-Mar-2024 14:07:00 GMT"
const RFC822 = new RegExp(
  String.raw`^(?:[a-zéû]+\.?,?\s*)?(\d{1,2})(?:st|nd|rd|th)?[\s\-/.]+([a-zäéûç]+\.?)[\s\-/.,]+(\d{4}|\d{2})(?:(?:\s+|\s*,\s*|T|\s+at\s+)${TIME})?\s*${ZONE}$`,
  'i',
);
// "Tuesday, March 5, 2024 2:07 PM EST", "Mar 5 2024 14:07", "Mon Mar 05 2024 14:07:00 GMT+0100"
const MONTH_FIRST = new RegExp(
  String.raw`^(?:[a-z]+\.?,?\s+)?([a-zäéûç]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:(?:\s+|\s*,\s*|\s+at\s+)${TIME})?\s*${ZONE}$`,
  'i',
);
// ctime / asctime: "Tue Mar  5 14:07:00 2024", optionally "Tue Mar 5 14:07:00 UTC 2024"
const CTIME = new RegExp(String.raw`^(?:[a-z]+\s+)?([a-z]+)\s+(\d{1,2})\s+${TIME}\s+(?:([a-z]{1,5}|[+-]\d{4})\s+)?(\d{4})$`, 'i');
// ISO 8601 / RFC 3339 and "2024/03/05 14:07:00"
const ISO =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:(?:T|\s+|T\s*)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(z|[+-]\d{2}(?::?\d{2})?|(?:gmt|utc)(?:[+-]\d{1,2}(?::?\d{2})?)?|[a-z]{2,5})?$/i;
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(?:[.,](\d+))?)?\s*(z|[+-]\d{2}(?::?\d{2})?)?$/i;

function parseZone(zone: string | undefined): number | null | undefined {
  if (zone === undefined || zone.trim() === '') return null;
  const offset = zoneOffset(zone);
  // An unknown word in the zone position makes the whole text suspect.
  return offset === null ? undefined : offset;
}

/** Capture group numbers of each part in a named-month pattern; the time is the five groups of TIME from `time` on. */
interface NamedMonthGroups {
  day: number;
  month: number;
  year: number;
  time: number;
  zone: number;
}

// Tried in this order: the first pattern that matches decides, even when its date is invalid.
const NAMED_MONTH_FORMATS: readonly (readonly [RegExp, NamedMonthGroups])[] = [
  [RFC822, { day: 1, month: 2, year: 3, time: 4, zone: 9 }],
  [MONTH_FIRST, { month: 1, day: 2, year: 3, time: 4, zone: 9 }],
  [CTIME, { month: 1, day: 2, time: 3, zone: 8, year: 9 }],
];

function namedMonthDate(m: RegExpExecArray, groups: NamedMonthGroups, defaultOffset: number): string | null {
  const month = monthNumber(m[groups.month] ?? '');
  const offset = parseZone(m[groups.zone]);
  if (month === null || offset === undefined) return null;
  const time = groups.time;
  return toIso(
    {
      // Only RFC 822 allows two-digit years; the other patterns require four, which expandYear keeps.
      year: expandYear(m[groups.year] ?? ''),
      month,
      day: Number(m[groups.day]),
      hour: to24h(Number(m[time] ?? '0'), m[time + 4]),
      minute: Number(m[time + 1] ?? '0'),
      second: Number(m[time + 2] ?? '0'),
      millisecond: fraction(m[time + 3]),
      offset,
    },
    defaultOffset,
  );
}

export function toIsoDate(text: string | null | undefined, defaultTimezoneOffsetMinutes = 0): string | null {
  if (text === null || text === undefined) return null;
  const cleaned = collapseWhitespace(text.replace(/\([^)]*\)/g, ' ')); // "(CET)", "(Coordinated Universal Time)"
  if (cleaned === '') return null;

  if (/^\d{10}(?:\d{3})?$/.test(cleaned)) {
    const ms = cleaned.length === 13 ? Number(cleaned) : Number(cleaned) * 1000;
    return ms >= Date.UTC(1900, 0, 1) ? new Date(ms).toISOString() : null;
  }

  const m = ISO.exec(cleaned) ?? ISO_BASIC.exec(cleaned);
  if (m) {
    const offset = parseZone(m[8]);
    if (offset === undefined) return null;
    return toIso(
      {
        year: Number(m[1]),
        month: Number(m[2]),
        day: Number(m[3]),
        hour: Number(m[4] ?? '0'),
        minute: Number(m[5] ?? '0'),
        second: Number(m[6] ?? '0'),
        millisecond: fraction(m[7]),
        offset,
      },
      defaultTimezoneOffsetMinutes,
    );
  }

  for (const [pattern, groups] of NAMED_MONTH_FORMATS) {
    const match = pattern.exec(cleaned);
    if (match) return namedMonthDate(match, groups, defaultTimezoneOffsetMinutes);
  }
  return null;
}

const MONTH_WORD = String.raw`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-zé]*\.?`;
/** Dates as pages print them inside running text, most specific first. */
const TEXT_DATES: readonly { pattern: RegExp; read: (m: RegExpExecArray) => [number, number | null, number] }[] = [
  // 2024-03-05, 2024/03/05
  { pattern: /(?<!\d)((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/, read: (m) => [Number(m[1]), Number(m[2]), Number(m[3])] },
  // March 5, 2024 · Mar. 5th 2024 (the year may run into the next word: "Mar 27, 20255 min read")
  {
    pattern: new RegExp(String.raw`\b(${MONTH_WORD})\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)`, 'i'),
    read: (m) => [Number(m[3]), monthNumber(m[1] ?? ''), Number(m[2])],
  },
  // 5 March 2024 · 5th of March, 2024
  {
    pattern: new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(${MONTH_WORD}),?\s+((?:19|20)\d\d)`, 'i'),
    read: (m) => [Number(m[3]), monthNumber(m[2] ?? ''), Number(m[1])],
  },
  // 05.03.2024 (day first, as where dots are written)
  { pattern: /\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)(?!\d)/, read: (m) => [Number(m[3]), Number(m[2]), Number(m[1])] },
  // 03/05/2024 (month first, unless the first number cannot be a month)
  {
    pattern: /\b(\d{1,2})\/(\d{1,2})\/((?:19|20)\d\d)(?!\d)/,
    read: (m) => (Number(m[1]) > 12 ? [Number(m[3]), Number(m[2]), Number(m[1])] : [Number(m[3]), Number(m[1]), Number(m[2])]),
  },
];

/**
 * The first calendar date written in a piece of text ("Updated: March 5, 2024 10:00 am",
 * "Posted on 05.03.2024"), as midnight UTC of that day; null when there is none.
 */
export function findDateInText(text: string): string | null {
  let best: { at: number; iso: string } | null = null;
  for (const { pattern, read } of TEXT_DATES) {
    const m = pattern.exec(text);
    if (m === null || (best !== null && m.index >= best.at)) continue;
    const [year, month, day] = read(m);
    if (month === null) continue;
    const iso = toIso({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0, offset: 0 }, 0);
    if (iso !== null) best = { at: m.index, iso };
  }
  return best?.iso ?? null;
}

/** A full date in a URL path (/2024/03/05/, /2024-03-05-, /20240305/), as midnight UTC; else null. */
export function dateFromUrl(url: string): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const m = /(?:^|[/_-])((?:19|20)\d\d)([/_-]?)(\d\d)\2(\d\d)(?=$|[^\d\p{L}])/u.exec(path);
  if (m === null) return null;
  return toIso({ year: Number(m[1]), month: Number(m[3]), day: Number(m[4]), hour: 0, minute: 0, second: 0, millisecond: 0, offset: 0 }, 0);
}
