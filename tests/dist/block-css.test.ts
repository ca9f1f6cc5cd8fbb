import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { defaultBlocks } from '../../src/blocks/registry.ts';
import { dist, example, pages } from './site.ts';

/** The two built decks: this repository's (its first page) and the English example. */
const decks = [
  { name: 'this deck', dir: dist, page: pages[0]![1] },
  { name: 'examples/en', dir: example.outDir, page: 'index.html' },
].map((d) => {
  const html = readFileSync(join(d.dir, d.page), 'utf8');
  const doc = parseHTML(html).document;
  const pageDir = dirname(join(d.dir, d.page));
  // Linked stylesheets, and those the build put in the page (deck:inline-css).
  const css = [
    ...[...html.matchAll(/<link rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) =>
      readFileSync(join(pageDir, m[1]!), 'utf8'),
    ),
    ...[...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!),
  ].join('\n');
  const used = new Set([...doc.querySelectorAll('[data-block]')].map((b) => b.getAttribute('data-block')!));
  return { ...d, doc, css, used };
});

const classesOf = (el: Element) => [el, ...el.querySelectorAll('[class]')].flatMap((e) => [...e.classList]);

/**
 * A block's own classes: those its HTML carries in either deck and nothing outside a block does (not `fragment`,
 * not `fact-mark`, which slides use in running text too).
 */
function ownClasses(): Map<string, Set<string>> {
  const byBlock = new Map<string, Set<string>>();
  const elsewhere = new Set<string>();
  for (const { doc } of decks) {
    for (const el of doc.querySelectorAll('.slides [class]')) {
      if (!el.closest('[data-block]')) for (const c of el.classList) elsewhere.add(c);
    }
    for (const root of doc.querySelectorAll('[data-block]')) {
      const name = root.getAttribute('data-block')!;
      const set = byBlock.get(name) ?? new Set<string>();
      for (const c of classesOf(root)) set.add(c);
      byBlock.set(name, set);
    }
  }
  const owners = new Map<string, number>();
  for (const set of byBlock.values()) for (const c of set) owners.set(c, (owners.get(c) ?? 0) + 1);
  for (const [name, set] of byBlock) {
    byBlock.set(name, new Set([...set].filter((c) => !elsewhere.has(c) && owners.get(c) === 1)));
  }
  return byBlock;
}

/** The selectors of a stylesheet's rules (inside @media and @container too), comments removed. */
const selectors = (css: string) =>
  [...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{};]+)\{/g)]
    .map((m) => m[1]!.trim())
    .filter((s) => !s.startsWith('@'));

const naming = (css: string, classes: Set<string>) =>
  selectors(css).filter((s) => [...s.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].some((m) => classes.has(m[1]!)));

/** The engine's theme as src/runtime/main.ts loads it around the blocks' stylesheets: briefing.css, index.css. */
function themeCss(): string {
  const read = (file: string): string =>
    readFileSync(file, 'utf8').replace(/@import\s+"(\.\/[^"]+)";/g, (_, rel: string) =>
      read(join(dirname(file), rel)),
    );
  const theme = fileURLToPath(new URL('../../assets/theme/', import.meta.url));
  return read(join(theme, 'briefing.css')) + read(join(theme, 'index.css'));
}

const own = ownClasses();

describe("a block's CSS ships only with the block", () => {
  it('every registered block is drawn in one of the two decks, with classes of its own', () => {
    for (const block of defaultBlocks) expect(own.get(block.name)?.size ?? 0, block.name).toBeGreaterThan(0);
  });

  it("the theme every deck loads names no block's class: reader-layout and print rules live in the block's css", () => {
    for (const [name, classes] of own) expect(naming(themeCss(), classes), name).toEqual([]);
  });

  it.each(decks)("$name's stylesheets have no rule for a block it does not use", ({ css, used }) => {
    const unused = [...own.keys()].filter((name) => !used.has(name));
    for (const name of unused) expect(naming(css, own.get(name)!), name).toEqual([]);
    // The check can fail: the blocks a deck does use are in its CSS.
    for (const name of used) expect(naming(css, own.get(name)!).length, name).toBeGreaterThan(0);
  });
});
