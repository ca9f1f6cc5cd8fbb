import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Text the server compresses; fonts (woff2) and images are compressed already. */
const TEXT = /\.(html|js|mjs|css|svg|json|txt)$/;
/** Below this a compressed copy saves less than its headers cost. */
const MIN_BYTES = 1024;

/** Brotli (best) and gzip (level 9) copies of a text file's bytes, each kept only when it is smaller. */
async function precompress(data: Buffer): Promise<{ br?: Buffer; gz?: Buffer }> {
  const [br, gzipped] = await Promise.all([
    brotli(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
    gz(data, { level: 9 }),
  ]);
  return {
    ...(br.length < data.length ? { br } : {}),
    ...(gzipped.length < data.length ? { gz: gzipped } : {}),
  };
}

/**
 * `deck:compress` writes `file.br` and `file.gz` beside every text file of the build, once, at the best
 * levels, so `npm start` serves a crowded hall without compressing per request (and with brotli, ~15% smaller
 * than gzip). Static hosts that compress on their own ignore the copies.
 */
export function deckCompress(): Plugin {
  return {
    name: 'deck:compress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir;
      if (!dir) return;
      const files = Object.keys(bundle).filter((name) => TEXT.test(name));
      await Promise.all(
        files.map(async (name) => {
          const path = join(dir, name);
          const data = await readFile(path);
          if (data.length < MIN_BYTES) return;
          const copies = await precompress(data);
          if (copies.br) await writeFile(`${path}.br`, copies.br);
          if (copies.gz) await writeFile(`${path}.gz`, copies.gz);
        }),
      );
    },
  };
}
