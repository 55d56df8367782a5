/**
 * Where Debian's Chromium (or another Chromium-based browser) is installed, for the browser tests and the
 * console screenshots; playwright-core drives it and never downloads a browser. CHROMIUM overrides.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM_HINT = 'Chromium not found: install it with "apt-get install -y chromium" (or set CHROMIUM=/path/to/chromium)';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CHROMIUM) return existsSync(env.CHROMIUM) ? env.CHROMIUM : null;
  for (const name of CANDIDATES) {
    try {
      const path = execFileSync('which', [name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      if (path && existsSync(path)) return path;
    } catch {
      // Not on the PATH under this name: try the next.
    }
  }
  return null;
}
