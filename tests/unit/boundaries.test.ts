import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

/**
 * Which layers of src/ each layer must not import (type imports included): the browser runtime and the
 * build side (compiler, node) meet only in src/contracts, which imports none of them.
 */
const FORBIDDEN: Record<string, string[]> = {
  runtime: ['compiler', 'node', 'server', 'export', 'cli'],
  compiler: ['runtime', 'node', 'server', 'export', 'cli'],
  node: ['runtime'],
  contracts: ['runtime', 'compiler', 'node', 'server', 'export', 'cli', 'protocol', 'i18n'],
};

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.(ts|mts|mjs)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Every import of `src` that crosses a forbidden layer line, as "from → to". */
function crossings(src: string): string[] {
  const layerOf = (file: string) => relative(src, file).split(sep)[0] ?? '';
  const out: string[] = [];
  for (const file of sources(src)) {
    const from = layerOf(file);
    const banned = FORBIDDEN[from];
    if (!banned) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const spec = m[1]!;
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(file), spec);
      if (!target.startsWith(src + sep)) continue;
      const to = layerOf(target);
      if (banned.includes(to)) out.push(`${relative(src, file)} → ${relative(src, target)}`);
    }
  }
  return out.sort();
}

describe('layer boundaries', () => {
  it('the runtime and the compiler/node side share only src/contracts', () => {
    expect(crossings(SRC)).toEqual([]);
  });

  it('notices a crossing (the check itself works)', () => {
    const fake = fileURLToPath(new URL('../fixtures/boundaries/src', import.meta.url));
    expect(crossings(fake)).toEqual([
      `contracts${sep}bad.ts → runtime${sep}part.ts`,
      `node${sep}page.ts → runtime${sep}config.ts`,
      `runtime${sep}config.ts → node${sep}page.ts`,
    ]);
  });
});
