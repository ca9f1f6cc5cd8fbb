import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, normalize, relative, sep } from 'node:path';
import { DeckError } from '../compiler/diagnostics.ts';
import type { DeckRuntimeConfig } from '../contracts/runtime-config.ts';
import { buildDeck } from '../node/build.ts';
import { writeAtomic } from './atomic.ts';
import type { ExportResult } from './index.ts';
import type { ExportOptions } from './options.ts';
import type { Progress } from './progress.ts';
import { singleFile } from './single-file.ts';

/**
 * The runtime as one module: the deck's Vite build of its source page alone, every lazy chunk inlined (a
 * `file://` page can load no other file), without Vite's preload helper (it would ask for the chunks anyway).
 */
async function oneScript(options: ExportOptions): Promise<string> {
  const [{ build }, { viteConfig }] = await Promise.all([import('vite'), import('../node/vite/index.ts')]);
  const config = { ...options.config, variants: options.config.variants.slice(0, 1) };
  const out = mkdtempSync(join(tmpdir(), 'deck-export-html-'));
  try {
    const vite = viteConfig(config, out);
    await build({
      ...vite,
      logLevel: 'error',
      build: {
        ...vite.build,
        modulePreload: false,
        // In place of the site's output options (its chunk names): one chunk, so no name to give.
        rolldownOptions: { ...vite.build?.rolldownOptions, output: { codeSplitting: false } },
      },
    });
    const scripts = readdirSync(join(out, 'assets')).filter((f) => f.endsWith('.js'));
    if (scripts.length !== 1)
      throw new Error(`the one-file build made ${scripts.length} scripts (${scripts.join(', ')}), not one`);
    const code = readFileSync(join(out, 'assets', scripts[0]!), 'utf8');
    if (/\bimport\s*\(|^import\b|[;}]import[\s{"'`]/m.test(code))
      throw new Error('the one-file build left an import in the script');
    return code;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * `deck export html`: the deck as one self-contained HTML file (src/export/single-file.ts), from the built site
 * (built first when stale) and a one-script build of the runtime; written atomically.
 */
export async function exportHtml(options: ExportOptions, progress: Progress): Promise<ExportResult> {
  const { config, dist } = options;
  progress.step('build', 'the site and one script');
  try {
    await buildDeck({ config, again: 'export again' });
  } catch (e) {
    if (e instanceof DeckError) throw e;
    throw new DeckError(e instanceof Error ? e.message : String(e), [], 1);
  }
  const script = await oneScript(options);
  // The chosen language first: the file opens on it.
  const variants = [...config.variants].sort((a, b) =>
    a.lang === options.lang ? -1 : b.lang === options.lang ? 1 : 0,
  );
  const pages = variants.map((v) => ({
    lang: v.lang,
    label: v.label,
    html: readFileSync(join(dist, v.page), 'utf8'),
  }));
  const html = singleFile({
    pages,
    script,
    file(path) {
      const full = normalize(join(dist, path));
      if (relative(dist, full).startsWith(`..${sep}`)) return undefined;
      try {
        return readFileSync(full);
      } catch {
        return undefined;
      }
    },
  });
  const bytes = Buffer.from(html, 'utf8');
  progress.step('write', relative(process.cwd(), options.out) || options.out);
  writeAtomic(options.out, bytes);
  const settings = /<script type="application\/json" id="deck-config">([^<]*)<\/script>/.exec(
    pages[0]?.html ?? '',
  );
  const slides = settings ? (JSON.parse(settings[1]!) as DeckRuntimeConfig).outline.length : 0;
  return { out: options.out, pages: pages.length, slides, bytes: bytes.byteLength };
}
