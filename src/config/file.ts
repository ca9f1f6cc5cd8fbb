import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The config files a deck folder may hold: code, run when loaded, then data (what an untrusted deck may use). */
export const CONFIG_FILES = [
  'deck.config.ts',
  'deck.config.mts',
  'deck.config.js',
  'deck.config.mjs',
  'deck.config.json',
];

/** Whether loading the config file runs it. */
export const isCodeConfig = (file: string) => !file.endsWith('.json');

export function findConfigFile(root: string): string | undefined {
  return findConfigFiles(root)[0];
}

/** Every config file the deck folder holds (a deck should have one). */
export function findConfigFiles(root: string): string[] {
  return CONFIG_FILES.map((name) => join(root, name)).filter((file) => existsSync(file));
}

/**
 * The config file's default export. JavaScript is imported as is; TypeScript is bundled by rolldown (Vite's
 * bundler, ~40 ms to load where Vite's config loader takes ~1 s) with its relative imports, packages left as
 * imports, and imported from a file beside it, so those packages resolve as they would from the config.
 */
export async function importConfigFile(file: string): Promise<unknown> {
  if (/\.m?js$/.test(file)) return importFresh(file);
  const code = await bundleConfig(file);
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}-${Date.now()}.mjs`);
  await writeFile(temp, code);
  try {
    return await importFresh(temp);
  } finally {
    await rm(temp, { force: true });
  }
}

/** A changed file is read again, not taken from the module cache. */
async function importFresh(file: string): Promise<unknown> {
  const url = `${pathToFileURL(file).href}?t=${Date.now()}`;
  return ((await import(url)) as { default?: unknown }).default;
}

/** Each module's own `import.meta.url` and dirname once bundled into one file (a block's `new URL('./x.css', …)`). */
const FILE_SCOPE = {
  'import.meta.url': '__deck_config_url',
  'import.meta.dirname': '__deck_config_dirname',
  'import.meta.filename': '__deck_config_filename',
  __dirname: '__deck_config_dirname',
  __filename: '__deck_config_filename',
};

async function bundleConfig(file: string): Promise<string> {
  const { rolldown } = await import('rolldown');
  const bundle = await rolldown({
    input: file,
    platform: 'node',
    tsconfig: false,
    treeshake: false,
    logLevel: 'silent',
    transform: { define: FILE_SCOPE },
    external: (id) => !id.startsWith('.') && !isAbsolute(id) && !id.startsWith('\0'),
    plugins: [
      {
        name: 'deck:config-file-scope',
        transform: {
          filter: { id: /\.[cm]?[jt]s$/ },
          handler: (code, id) => ({
            code:
              `const __deck_config_url = ${JSON.stringify(pathToFileURL(id).href)};` +
              `const __deck_config_dirname = ${JSON.stringify(dirname(id))};` +
              `const __deck_config_filename = ${JSON.stringify(id)};${code}`,
            map: null,
          }),
        },
      },
    ],
  });
  try {
    const { output } = await bundle.generate({ format: 'esm', codeSplitting: false });
    return output[0].code;
  } finally {
    await bundle.close();
  }
}
