import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { dist, pages } from './site.ts';

/** Byte budgets of the first slide, read from the build (times are the benchmark's job, bytes are ours). */
const BUDGET = { firstSlideJs: 60 * 1024, firstSlideAll: 250 * 1024 };

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** A chunk and every chunk it imports statically, transitively: what runs before the page can start. */
function staticGraph(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const code = readFileSync(entry, 'utf8');
  // Static imports only: `import{a}from"./x.js"` or `import"./x.js"`; `import("./x.js")` is lazy.
  for (const m of code.matchAll(/\bimport\s*(?:[\w${}\s,*]+from\s*)?["'](\.\/[^"']+\.js)["']/g)) {
    staticGraph(join(dirname(entry), m[1]!), seen);
  }
  return seen;
}

describe.each(pages)('the first slide of %s', (_lang, page) => {
  const html = readFileSync(join(dist, page), 'utf8');
  const pageDir = dirname(join(dist, page));
  const urls = (re: RegExp) => [...html.matchAll(re)].map((m) => join(pageDir, m[1]!));
  const entries = urls(/<script type="module"[^>]*src="([^"]+)"/g);
  const js = [...new Set(entries.flatMap((e) => [...staticGraph(e)]))];
  const css = urls(/<link rel="stylesheet"[^>]*href="([^"]+)"/g);
  const fonts = urls(/<link rel="preload" as="font"[^>]*href="([^"]+)"/g);

  it(`runs at most ${BUDGET.firstSlideJs / 1024} KB of gzipped JS, with no chart library in it`, () => {
    expect(entries.length).toBe(1);
    const bytes = js.reduce((sum, f) => sum + gz(f), 0);
    expect(bytes).toBeLessThanOrEqual(BUDGET.firstSlideJs);
    for (const f of js) expect(readFileSync(f, 'utf8'), f).not.toMatch(/DoughnutController|registerables/);
  });

  it(`needs at most ${BUDGET.firstSlideAll / 1024} KB gzipped in all: HTML, CSS, fonts, JS`, () => {
    expect(fonts.length).toBe(2);
    const files = [join(dist, page), ...css, ...fonts, ...js];
    const bytes = files.reduce((sum, f) => sum + gz(f), 0);
    expect(bytes).toBeLessThanOrEqual(BUDGET.firstSlideAll);
  });
});
