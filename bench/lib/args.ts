import { parseArgs } from 'node:util';

/** A bench's numeric and boolean flags (`--docs 10000 --quick`) through util.parseArgs, with defaults. */
export function benchArgs<const Numbers extends Record<string, number>, const Flags extends readonly string[] = []>(
  numbers: Numbers,
  flags: Flags = [] as unknown as Flags,
  argv: string[] = process.argv.slice(2),
): { [K in keyof Numbers]: number } & { [K in Flags[number]]: boolean } & { positionals: string[]; strings: Record<string, string | undefined> } {
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const name of Object.keys(numbers)) options[name] = { type: 'string' };
  for (const name of flags) options[name] = { type: 'boolean' };
  const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: false });
  const out: Record<string, unknown> = { positionals, strings: values };
  for (const [name, fallback] of Object.entries(numbers)) {
    const raw = values[name];
    const parsed = typeof raw === 'string' ? Number(raw) : Number.NaN;
    out[name] = Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
  }
  for (const name of flags) out[name] = values[name] === true;
  return out as { [K in keyof Numbers]: number } & { [K in Flags[number]]: boolean } & { positionals: string[]; strings: Record<string, string | undefined> };
}
