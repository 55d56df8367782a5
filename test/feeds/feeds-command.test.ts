import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { registerFeedsCommand } from '../../src/cli/commands/feeds.ts';
import { feedSchema } from '../../src/config/schema.ts';
import { parseOpml } from '../../src/feeds/opml.ts';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs `vigil -c <config> feeds ...` through commander as main.ts would, returning stdout. */
async function vigil(args: string[]): Promise<string> {
  const program = new Command().option('-c, --config <path>', 'config file', 'config/vigil.yaml').exitOverride();
  registerFeedsCommand(program);
  let out = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(args, { from: 'user' });
  } finally {
    write.mockRestore();
  }
  return out;
}

const OPML = `<?xml version="1.0"?>
<opml version="2.0"><head><title>Reader export</title></head><body>
  <outline text="Conflict">
    <outline text="Crisis Group" type="rss" xmlUrl="https://www.crisisgroup.org/rss"/>
    <outline text="BBC News Africa (again)" type="rss" xmlUrl="https://feeds.bbci.co.uk/news/world/africa/rss.xml?utm_source=reader"/>
  </outline>
  <outline title="Long War Journal" text="LWJ" type="rss" xmlUrl="https://example.org/lwj.xml"/>
</body></opml>`;

describe('vigil feeds import / export', () => {
  let dir: string;
  let config: string;
  let opml: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-feeds-'));
    config = join(dir, 'vigil.yaml');
    copyFileSync(join(projectRoot, 'config/vigil.yaml'), config);
    opml = join(dir, 'subs.opml');
    writeFileSync(opml, OPML);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('adds new feeds with unique ids, skips configured ones, and keeps comments and order', async () => {
    const before = readFileSync(config, 'utf8');
    const out = await vigil(['-c', config, 'feeds', 'import', opml]);
    expect(out).toContain('add   crisis-group: Crisis Group <https://www.crisisgroup.org/rss>');
    expect(out).toContain('add   long-war-journal-2: Long War Journal <https://example.org/lwj.xml>');
    expect(out).toMatch(/skip {2}BBC News Africa \(again\) <.*>: already configured as "bbc-africa"/);

    const after = readFileSync(config, 'utf8');
    // Everything that was there is still there, comments included, and the new feeds follow the old ones.
    for (const line of before.split('\n').filter((l) => l.trim().startsWith('#'))) expect(after).toContain(line);
    const added = [
      '  - { id: crisis-group, name: Crisis Group, url: https://www.crisisgroup.org/rss }\n',
      '  - { id: long-war-journal-2, name: Long War Journal, url: https://example.org/lwj.xml }\n',
    ];
    // Byte for byte: the file is the old one with two lines added (yaml's own toString would re-lay it out).
    expect(after.replace(added.join(''), '')).toBe(before);
    const feeds = (parse(after) as { feeds: unknown[] }).feeds.map((feed) => feedSchema.parse(feed));
    expect(feeds.map((feed) => feed.id).slice(-3)).toEqual(['war-on-the-rocks', 'crisis-group', 'long-war-journal-2']);
    expect(new Set(feeds.map((feed) => feed.id)).size).toBe(feeds.length);
    expect((parse(after) as { groups: unknown[] }).groups).toEqual((parse(before) as { groups: unknown[] }).groups);

    // A second import finds everything configured.
    const again = await vigil(['-c', config, 'feeds', 'import', opml]);
    expect(again).toContain(`nothing to add to ${config}`);
    expect(readFileSync(config, 'utf8')).toBe(after);
  });

  it('changes nothing on --dry-run', async () => {
    const before = readFileSync(config, 'utf8');
    const out = await vigil(['--config', config, 'feeds', 'import', opml, '--dry-run']);
    expect(out).toContain('dry run: 2 feed(s) would be added');
    expect(readFileSync(config, 'utf8')).toBe(before);
  });

  it('exports the configured feeds as OPML that imports back as nothing new (round trip)', async () => {
    await vigil(['-c', config, 'feeds', 'import', opml]);
    const exported = await vigil(['-c', config, 'feeds', 'export']);
    const parsed = parseOpml(exported);
    const configured = (parse(readFileSync(config, 'utf8')) as { feeds: { id: string; name?: string; url: string }[] }).feeds;
    expect(parsed.feeds.map((feed) => [feed.title, feed.xmlUrl])).toEqual(configured.map((feed) => [feed.name ?? feed.id, feed.url]));
    const exportFile = join(dir, 'export.opml');
    writeFileSync(exportFile, exported);
    expect(await vigil(['-c', config, 'feeds', 'import', exportFile])).toContain('nothing to add');
  });

  it('creates the feeds list in a config without one', async () => {
    writeFileSync(config, '# minimal\nredis:\n  url: redis://127.0.0.1:6379 # local\nfeeds:\n');
    await vigil(['-c', config, 'feeds', 'import', opml]);
    const after = readFileSync(config, 'utf8');
    expect(after).toContain('# minimal');
    expect(after).toContain('# local');
    expect((parse(after) as { feeds: { id: string }[] }).feeds.map((feed) => feed.id)).toEqual(['crisis-group', 'bbc-news-africa-again', 'long-war-journal']);
  });

  it('fails clearly on malformed OPML and leaves the config alone', async () => {
    writeFileSync(opml, '<opml version="2.0"><body><outline text="x" xmlUrl="https://x.example/">');
    const before = readFileSync(config, 'utf8');
    await expect(vigil(['-c', config, 'feeds', 'import', opml])).rejects.toThrow(/subs\.opml: not well-formed XML: .* \(line 1, column \d+\)/);
    expect(readFileSync(config, 'utf8')).toBe(before);
  });
});
