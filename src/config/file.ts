import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The config files a deck folder may hold, in the order they are looked for. */
export const CONFIG_FILES = ['deck.config.ts', 'deck.config.mts', 'deck.config.js', 'deck.config.mjs'];

export function findConfigFile(root: string): string | undefined {
  return CONFIG_FILES.map((name) => join(root, name)).find((file) => existsSync(file));
}

/**
 * The config file's default export. JavaScript is imported as is; TypeScript goes through Vite's config
 * loader (bundled, so its relative imports work on Node 20), which is loaded only then: it is slow to import.
 */
export async function importConfigFile(file: string): Promise<unknown> {
  if (/\.m?js$/.test(file)) {
    const url = `${pathToFileURL(file).href}?t=${Date.now()}`; // a changed file is read again, not cached
    return ((await import(url)) as { default?: unknown }).default;
  }
  const { loadConfigFromFile } = await import('vite');
  const loaded = await loadConfigFromFile(
    { command: 'build', mode: 'production' },
    file,
    undefined,
    'silent',
  );
  return loaded?.config;
}
