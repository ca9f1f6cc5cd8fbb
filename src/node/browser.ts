import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DeckError } from '../compiler/diagnostics.ts';

export const INSTALL_HINT =
  'no Chromium found: install one with "apt-get install chromium" (Debian), or set CHROMIUM_PATH to a Chromium or Chrome executable';

/**
 * Playwright, loaded with `require`. Imported from ES modules, each of its CommonJS modules goes through the ESM
 * loader, which scans its source for exports: about a second of start-up that `require` does not spend.
 */
export function playwright(): typeof import('playwright-core') {
  return createRequire(import.meta.url)('playwright-core');
}

/**
 * The Chromium to drive, in order: $CHROMIUM_PATH, Playwright's own cache, /usr/bin/chromium.
 * Playwright cannot download a browser here, so a missing one is an error that says how to get one.
 */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new DeckError(`CHROMIUM_PATH is set to ${fromEnv}, which does not exist; ${INSTALL_HINT}`, [], 3);
  }
  try {
    const own = playwright().chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // Playwright has no browser of its own here; fall through.
  }
  for (const path of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(path)) return path;
  throw new DeckError(INSTALL_HINT, [], 3);
}

/** Launch flags: no sandbox only as root (Chromium refuses to start sandboxed as root), and no background traffic. */
export function chromiumArgs(): string[] {
  const args = [
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--font-render-hinting=none',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return args;
}
