import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin } from 'vite';
import { OFFLINE_ASK, OFFLINE_MANIFEST, OFFLINE_WORKER, type OfflineSet } from '../../contracts/offline.ts';
import { CSP_FILE } from '../../server/csp.ts';
import { ENGINE_ROOT } from '../engine.ts';
import type { DeckSource } from './deck-source.ts';

const WORKER_SOURCE = join(ENGINE_ROOT, 'src/runtime/offline/worker.ts');
/** The string in the worker's source that the build replaces with what the worker must know. */
const PLACEHOLDER = /(["'`])__DECK_OFFLINE__\1/g;

/**
 * Files no page asks for: the worker and its manifest, what the server reads (the slides' shape, the CSP
 * allowance), and the print view's faces (`deck-sans-<lang>-print-…`, src/node/fonts.ts): only `?print-pdf`,
 * which exports open on the server, draws with them, and they are half the fonts' bytes.
 */
const NOT_FOR_PAGES = new Set([OFFLINE_WORKER, OFFLINE_MANIFEST, 'deck-slides.json', CSP_FILE]);
const PRINT_FACE = /^assets\/deck-sans-.+-print-\d+-[0-9a-f]+\.woff2$/;

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Every file under `dir`, relative to it with forward slashes. */
function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
  } catch {
    return []; // no public folder
  }
}

/** The set's version: the files' names and hashes, in name order, hashed. */
export function offlineSet(files: Record<string, string>): OfflineSet {
  const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const version = sha256(JSON.stringify(sorted)).slice(0, 16);
  return { version, files: sorted };
}

/** The worker's code with what it must know in place of its placeholder (exactly one). */
export function injectWorker(code: string, set: OfflineSet | null): string {
  let found = 0;
  const out = code.replace(PLACEHOLDER, () => {
    found += 1;
    return JSON.stringify(JSON.stringify({ set, ask: OFFLINE_ASK }));
  });
  if (found !== 1)
    throw new Error(`deck:offline: the worker's placeholder was found ${found} times, not once`);
  return out;
}

/**
 * `deck:offline` builds the service worker (`deck-sw.js`, at the site's root so its scope holds every language
 * page) and the set it keeps: every file of the build a page may ask for, the deck's `public/` files too, with
 * their SHA-256, also written as `deck-offline.json`. The set's version names the worker's cache, and the worker
 * carries the set in its own bytes, so a rebuild is a new worker to the browser. A deck with `offline: false`
 * gets a worker that removes itself and its caches: a phone that cached an earlier build is not held to it.
 */
export function deckOffline(source: DeckSource): Plugin {
  let publicDir = '';
  return {
    name: 'deck:offline',
    apply: 'build',
    // After the pages are final: deck:csp and deck:inline-css change them in their generateBundle.
    enforce: 'post',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    buildStart() {
      this.emitFile({ type: 'chunk', id: WORKER_SOURCE, fileName: OFFLINE_WORKER });
    },
    // After every other plugin's generateBundle, Vite's own too (it rewrites the chunks' preload lists there):
    // the hashes are of the bytes written.
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const worker = bundle[OFFLINE_WORKER];
        if (worker?.type !== 'chunk')
          throw new Error(`deck:offline: the build has no ${OFFLINE_WORKER} chunk`);
        let set: OfflineSet | null = null;
        if (source.config.offline) {
          const files: Record<string, string> = {};
          for (const [name, out] of Object.entries(bundle)) {
            if (NOT_FOR_PAGES.has(name) || PRINT_FACE.test(name) || name.endsWith('.map')) continue;
            files[name] = sha256(out.type === 'chunk' ? out.code : out.source);
          }
          for (const name of publicDir ? filesUnder(publicDir) : []) {
            if (!(name in files) && !NOT_FOR_PAGES.has(name))
              files[name] = sha256(readFileSync(join(publicDir, name)));
          }
          set = offlineSet(files);
          this.emitFile({
            type: 'asset',
            fileName: OFFLINE_MANIFEST,
            source: `${JSON.stringify(set, null, 2)}\n`,
          });
        }
        worker.code = injectWorker(worker.code, set);
      },
    },
  };
}
