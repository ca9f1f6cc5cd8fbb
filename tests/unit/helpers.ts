import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { memoryHost } from '../../src/compiler/host.ts';
import { type CompiledDeck, type CompileOptions, compileDeck } from '../../src/compiler/index.ts';
import { configFrom } from '../../src/config/index.ts';
import { loadDeck } from '../../src/node/load.ts';
import { deckFontMeasure } from '../../src/node/metrics.ts';

export const fixtureRoot = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

/** Compiles a fixture deck from `tests/fixtures/<name>/slides` (they are written in 简体). */
export function fixture(name: string, lang = 'zh-Hans'): CompiledDeck {
  const root = fixtureRoot(name);
  return loadDeck({ root, config: configFrom(root, { lang }, undefined, {}) });
}

/**
 * Compiles inline markdown files (path → text, in 简体 unless `lang` says), measuring text as a build does; files in
 * `extra` exist for image checks.
 */
export function compile(
  files: Record<string, string>,
  extra: Record<string, string> = {},
  lang = 'zh-Hans',
  options: Partial<CompileOptions> = {},
): CompiledDeck {
  return compileDeck(
    Object.entries(files).map(([path, text]) => ({ path, text })),
    { host: memoryHost({ ...files, ...extra }, deckFontMeasure), lang, ...options },
  );
}

/** The deck's sections as a DOM, to assert on structure rather than on strings. */
export function dom(deck: CompiledDeck): Document {
  return parseHTML(`<!doctype html><html><body><div class="slides">${deck.html}</div></body></html>`)
    .document;
}

/** Top-level sections and their vertical children: [[h0], [h1, h1.1, …], …] as data-source strings. */
export function shape(doc: Document): string[][] {
  const top = [...doc.querySelectorAll('.slides > section')];
  return top.map((s) => {
    const inner = [...s.querySelectorAll(':scope > section')];
    return (inner.length > 0 ? inner : [s]).map((x) => x.getAttribute('data-source') ?? '');
  });
}
