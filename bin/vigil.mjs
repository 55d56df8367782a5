#!/usr/bin/env node
// The CLI runs the JavaScript that `npm run build` compiles from src/ into dist/ (`npm ci` builds it).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('vigil: dist/ is missing; build it with "npm run build" (npm ci does this on install)\n');
  process.exit(1);
}
const { main } = await import(entry.href);
await main(process.argv);
// Every command is done when main returns (the worker only after its shutdown): a lingering client
// timer must not keep the process alive for seconds. Exit once stdout has taken the last bytes.
process.stdout.write('', () => process.exit());
