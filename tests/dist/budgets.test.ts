import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { defaultBlocks } from '../../src/blocks/registry.ts';
import { dist, example, pages } from './site.ts';

/** Byte budgets of the first slide, read from the build (times are the benchmark's job, bytes are ours). */
const BUDGET = { firstSlideJs: 60 * 1024, firstSlideAll: 250 * 1024 };

/**
 * Gzipped bytes of JS a slide with the block loads beyond the first slide's: its runtime chunk and what that
 * imports, statically or lazily (Chart.js, the print view's drawing), transitively. Every engine block with a
 * runtime part has one.
 */
const BLOCK_BUDGET: Record<string, number> = {
  chart: 76 * 1024,
  'chain-map': 3 * 1024,
  timeline: 3 * 1024,
  metric: 2 * 1024,
};

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

// Static: `import{a}from"./x.js"` or `import"./x.js"`; lazy: import("./x.js") or import(`./x.js`).
const STATIC_IMPORT = /\bimport\s*(?:[\w${}\s,*]+from\s*)?["'](\.\/[^"']+\.js)["']/g;
const LAZY_IMPORT = /\bimport\(\s*["'`](\.\/[^"'`]+\.js)["'`]\s*\)/g;

const imports = (chunk: string, re: RegExp) =>
  [...readFileSync(chunk, 'utf8').matchAll(re)].map((m) => join(dirname(chunk), m[1]!));

/** A chunk and every chunk it imports statically, transitively: what runs before the page can start. */
function staticGraph(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  for (const next of imports(entry, STATIC_IMPORT)) staticGraph(next, seen);
  return seen;
}

/** What a chunk loads beyond `loaded`: itself and every chunk it imports, statically or lazily, transitively. */
function loadsBeyond(chunk: string, loaded: Set<string>, seen = new Set<string>()): Set<string> {
  if (loaded.has(chunk) || seen.has(chunk)) return seen;
  seen.add(chunk);
  for (const next of [...imports(chunk, STATIC_IMPORT), ...imports(chunk, LAZY_IMPORT)]) loadsBeyond(next, loaded, seen);
  return seen;
}

/** `src/blocks/chain-map/runtime.ts` is bundled as `chain-map-<hash>.js` (src/node/vite/index.ts names it). */
const chunkName = (module: string) => basename(module.endsWith('/runtime.ts') ? dirname(module) : module).replace(/\.[cm]?[jt]s$/, '');

describe.each(pages)('the first slide of %s', (_lang, page) => {
  const html = readFileSync(join(dist, page), 'utf8');
  const pageDir = dirname(join(dist, page));
  const urls = (re: RegExp) => [...html.matchAll(re)].map((m) => join(pageDir, m[1]!));
  const entries = urls(/<script type="module"[^>]*src="([^"]+)"/g);
  const js = [...new Set(entries.flatMap((e) => [...staticGraph(e)]))];
  const css = urls(/<link rel="stylesheet"[^>]*href="([^"]+)"/g);
  const fonts = urls(/<link rel="preload" as="font"[^>]*href="([^"]+)"/g);
  // The stylesheet and the faces' rules are in the page: only the first slide's faces are fetched before the paint.
  const inPage = /<style>[\s\S]*?\.reveal[\s\S]*?<\/style>/.test(html) && /<style>@font-face/.test(html);

  it(`runs at most ${BUDGET.firstSlideJs / 1024} KB of gzipped JS, with no chart library in it`, () => {
    expect(entries.length).toBe(1);
    const bytes = js.reduce((sum, f) => sum + gz(f), 0);
    expect(bytes).toBeLessThanOrEqual(BUDGET.firstSlideJs);
    for (const f of js) expect(readFileSync(f, 'utf8'), f).not.toMatch(/DoughnutController|registerables/);
  });

  it(`needs at most ${BUDGET.firstSlideAll / 1024} KB gzipped in all: HTML, CSS, fonts, JS`, () => {
    expect(inPage).toBe(true);
    expect([css.length, fonts.length]).toEqual([0, 2]);
    const files = [join(dist, page), ...css, ...fonts, ...js];
    const bytes = files.reduce((sum, f) => sum + gz(f), 0);
    expect(bytes).toBeLessThanOrEqual(BUDGET.firstSlideAll);
  });
});

describe.each([
  ['this deck', dist, pages[0]![1]],
  ['examples/en', example.outDir, 'index.html'],
])('the block runtimes of %s', (_name, dir, page) => {
  const html = readFileSync(join(dir, page), 'utf8');
  const pageDir = dirname(join(dir, page));
  const entry = join(pageDir, html.match(/<script type="module"[^>]*src="([^"]+)"/)![1]!);
  const first = staticGraph(entry);
  const lazy = [...first].flatMap((c) => imports(c, LAZY_IMPORT));
  const used = new Set([...parseHTML(html).document.querySelectorAll('[data-block]')].map((b) => b.getAttribute('data-block')));
  const withRuntime = defaultBlocks.filter((b) => b.runtime && used.has(b.name));

  it('has a budget for each block with a runtime part, and loads none of them with the first slide', () => {
    expect(withRuntime.length).toBeGreaterThan(0);
    for (const block of defaultBlocks.filter((b) => b.runtime)) expect(BLOCK_BUDGET[block.name], block.name).toBeDefined();
    for (const block of withRuntime) {
      expect([...first].some((c) => basename(c).startsWith(`${chunkName(block.runtime!)}-`)), block.name).toBe(false);
    }
  });

  it.each(withRuntime.map((b) => [b.name, b] as const))('a slide with a %s loads no more than its budget', (name, block) => {
    const chunks = lazy.filter((c) => new RegExp(`^${chunkName(block.runtime!)}-[\\w-]+\\.js$`).test(basename(c)));
    expect(chunks, `one lazy chunk for ${name}'s runtime`).toHaveLength(1);
    const loads = [...loadsBeyond(chunks[0]!, first)];
    const bytes = loads.reduce((sum, f) => sum + gz(f), 0);
    expect(bytes, loads.map((f) => `${basename(f)} ${gz(f)}`).join(', ')).toBeLessThanOrEqual(BLOCK_BUDGET[name]!);
  });
});
