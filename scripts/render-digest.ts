/**
 * Render check: renders a realistic sample digest and screenshots it with headless Chromium, to look at the
 * layout the way a mail client would show it.
 *
 *   node --import tsx scripts/render-digest.ts [out.png] [--width 900] [--height 1700] [--alert]
 *
 * Needs /usr/bin/chromium (or CHROMIUM=<path>): `apt-get install -y chromium`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MatchHit, TopicMatch } from '../src/matching/types.ts';
import { renderAlert, renderDigest } from '../src/mail/render-digest.ts';
import type { DigestEntry, DigestInput } from '../src/mail/types.ts';

function hit(field: MatchHit['field'], text: string, snippet: string): MatchHit {
  return { field, term: text.toLowerCase(), text, snippet };
}

function match(topicId: string, score: number, terms: string[], hits: MatchHit[] = []): TopicMatch {
  return { topicId, score, terms, hits, clauses: terms };
}

const entries: DigestEntry[] = [
  {
    itemId: 'mongo',
    url: 'https://apnews.example/article/chad-prison-attack-mongo',
    title: 'At least 27 inmates escape Chad prison after armed attack; terrorism suspects among them',
    source: 'AP',
    published: '2025-03-03T23:30:00Z',
    summary: 'Gunmen attacked the central prison in Mongo overnight.',
    partial: false,
    matches: [
      match(
        'escapes',
        12,
        ['escaped', 'prison', 'terrorism charges'],
        [
          hit(
            'body',
            'escaped',
            'At least 27 inmates escaped from the central prison in Mongo overnight after gunmen attacked the facility. Among those who fled were at least nine men awaiting trial on terrorism charges, including two suspected commanders of a Boko Haram faction.',
          ),
        ],
      ),
    ],
    alsoIn: [
      { source: 'Sahel Observer', url: 'https://sahelobserver.example/2025/03/mongo', title: 'Jihadists among dozens freed in Mongo jail raid' },
      { source: 'Daily Post', url: 'https://dailypost.example/chad-gunmen-free-prisoners', title: 'Chad: gunmen free prisoners in Mongo' },
      { source: 'News Aggregator', url: null, title: 'Prison attack in Chad' },
    ],
  },
  {
    itemId: 'reuters-mongo',
    url: 'https://reuters.example/world/africa/gunmen-free-27-chad-prison',
    title: 'Gunmen free 27 from Chad prison, including Boko Haram suspects',
    source: 'Reuters',
    published: '2025-03-04T01:15:00Z',
    summary: 'Armed men stormed a prison in the central Chadian town of Mongo late on Monday.',
    partial: false,
    matches: [
      match(
        'escapes',
        10,
        ['freed', 'prison', 'detainees'],
        [
          hit(
            'body',
            'freed',
            'Armed men stormed a prison in the central Chadian town of Mongo late on Monday and freed at least 27 detainees, including several people held over links to Boko Haram, local authorities said.',
          ),
        ],
      ),
    ],
  },
  {
    itemId: 'kuje',
    url: 'https://premiumtimes.example/news/kuje-jailbreak-rearrest',
    title: 'Kuje jailbreak: DSS re-arrests two suspects in Kogi',
    source: 'Premium Times',
    published: '2025-03-03T14:05:00Z',
    summary: 'Two men who fled the Kuje custodial centre in the 2022 jailbreak were re-arrested in Lokoja, the DSS said.',
    partial: true,
    matches: [match('escapes', 6, ['jailbreak', 'fled'], [])],
  },
  {
    itemId: 'tunnel',
    url: 'https://thedefensepost.example/2025/03/03/tunnel-detention-centre',
    title: 'Guards suspended after tunnel found under detention centre in Diffa',
    source: 'The Defense Post',
    published: '2025-03-03T09:40:00Z',
    summary: 'Officials said the tunnel was discovered during a routine inspection and that no detainees had escaped through it.',
    partial: false,
    matches: [match('escapes', 4, ['escaped', 'detainees'], [])],
  },
  {
    itemId: 'maiduguri',
    url: 'https://humangle.example/maiduguri-remand-home',
    title: 'Three teenagers abscond from Maiduguri remand home',
    source: 'HumAngle',
    published: '2025-03-02T18:00:00Z',
    summary: 'Three boys held at a remand home absconded.',
    partial: false,
    matches: [match('escapes', 3, ['absconded'], [])],
  },
  {
    itemId: 'alhol',
    url: 'https://rudaw.example/english/middleeast/syria/al-hol-repatriation',
    title: 'Iraq repatriates 150 families from al-Hol camp in northeast Syria',
    source: 'Rudaw',
    published: '2025-03-03T11:20:00Z',
    summary: 'Iraq repatriated 150 families, 612 people in total, from al-Hol camp on Monday, the 14th such convoy this year.',
    partial: false,
    matches: [
      match(
        'repatriation',
        9,
        ['repatriated', 'al-Hol'],
        [
          hit(
            'summary',
            'repatriated',
            'Iraq repatriated 150 families, 612 people in total, from al-Hol camp on Monday, the 14th such convoy this year, officials at the Jeddah 1 rehabilitation centre said.',
          ),
        ],
      ),
    ],
  },
  {
    itemId: 'deal',
    url: 'https://aljazeera.example/news/2025/3/3/escaped-fighters-returned',
    title: 'Escaped fighters among those returned to Iraq under new deal, officials say',
    source: 'Al Jazeera',
    published: '2025-03-03T16:45:00Z',
    summary: 'Some of those returned had escaped from SDF-run prisons during the 2022 Ghwayran attack.',
    partial: false,
    matches: [
      match(
        'escapes',
        5,
        ['escaped', 'prisons'],
        [hit('summary', 'escaped', 'Some of those returned had escaped from SDF-run prisons during the 2022 Ghwayran attack.')],
      ),
      match(
        'repatriation',
        7,
        ['returned'],
        [hit('summary', 'returned', 'Some of those returned had escaped from SDF-run prisons during the 2022 Ghwayran attack.')],
      ),
    ],
  },
  {
    itemId: 'uk',
    url: 'https://bbc.example/news/uk-politics-repatriation-policy',
    title: 'UK to review case-by-case policy on citizens held in Syrian camps',
    source: 'BBC News',
    published: null,
    summary: 'Ministers will review the policy on British nationals held in camps in northeast Syria, the Foreign Office said.',
    partial: true,
    matches: [match('repatriation', 5, ['nationals', 'camps'], [])],
  },
];

const input: DigestInput = {
  group: { id: 'sahel-desk', name: 'Sahel & Levant desk' },
  topics: [
    { id: 'escapes', name: 'Detainee escapes' },
    { id: 'repatriation', name: 'Repatriation policy' },
    { id: 'border', name: 'Border incidents' },
  ],
  entries,
  generatedAt: new Date('2025-03-04T06:00:00Z'),
  perTopicCap: 4,
  timezone: 'Africa/Lagos',
};

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
}

const positional = process.argv
  .slice(2)
  .filter((arg, index, all) => !arg.startsWith('--') && !(all[index - 1] ?? '').startsWith('--w') && !(all[index - 1] ?? '').startsWith('--h'));
const out = resolve(positional[0] ?? 'docs/digest-screenshot.png');
const width = Number(option('--width', '900'));
const height = Number(option('--height', '1700'));
const rendered = process.argv.includes('--alert')
  ? renderAlert({
      topic: input.topics[0] ?? { id: 'escapes', name: 'Detainee escapes' },
      reason: 'score 12 ≥ 8',
      entries: entries.slice(0, 1),
      generatedAt: input.generatedAt,
      timezone: input.timezone,
    })
  : renderDigest(input);

const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`no Chromium at ${chromium}: install it with "apt-get install -y chromium" or set CHROMIUM=<path>`);
  process.exit(1);
}
const work = mkdtempSync(join(tmpdir(), 'vigil-render-'));
try {
  const htmlPath = join(work, 'digest.html');
  writeFileSync(htmlPath, rendered.html);
  writeFileSync(join(work, 'digest.txt'), rendered.text);
  execFileSync(
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--hide-scrollbars',
      `--user-data-dir=${join(work, 'profile')}`,
      `--screenshot=${out}`,
      `--window-size=${width},${height}`,
      pathToFileURL(htmlPath).href,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 },
  );
  console.log(`subject: ${rendered.subject}`);
  console.log(`wrote ${out} (${width}×${height})`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
