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
  runtime: ['compiler', 'node', 'server', 'export', 'cli', 'blocks:build', 'blocks:pptx'],
  compiler: ['runtime', 'node', 'server', 'export', 'cli', 'blocks:browser', 'blocks:pptx'],
  node: ['runtime', 'blocks:browser'],
  contracts: [
    'runtime',
    'compiler',
    'node',
    'server',
    'export',
    'cli',
    'protocol',
    'i18n',
    'blocks:build',
    'blocks:browser',
  ],
  // A block's folder holds both sides: its browser runtime (runtime.ts, runtime/, and the kit it imports) meets
  // its build side (definition, schema, render) only in its names.ts and shared/, which import neither.
  'blocks:browser': ['compiler', 'node', 'server', 'export', 'cli', 'blocks:build', 'blocks:pptx'],
  'blocks:build': ['runtime', 'node', 'server', 'export', 'cli', 'blocks:browser', 'blocks:pptx'],
  // Its PPTX mapping (pptx.ts) is part of the export's walker, bundled for the print view: it meets the rest
  // of the block only in names.ts and shared/.
  'blocks:pptx': ['runtime', 'compiler', 'node', 'server', 'cli', 'blocks:build', 'blocks:browser'],
  'blocks:names': [
    'runtime',
    'compiler',
    'node',
    'server',
    'export',
    'cli',
    'protocol',
    'i18n',
    'contracts',
    'blocks:build',
    'blocks:browser',
  ],
};

/** The layer of a file of src/: its top folder, and inside src/blocks/ which side of a block it is on. */
function layerOf(src: string, file: string): string {
  const path = relative(src, file).split(sep);
  if (path[0] !== 'blocks') return path[0] ?? '';
  const inBlock = path.slice(1).join('/');
  if (/(^|\/)(names\.ts$|shared\/)/.test(inBlock)) return 'blocks:names';
  if (/(^|\/)pptx(\.ts$|\/)/.test(inBlock)) return 'blocks:pptx';
  return /^kit\.ts$|(^|\/)runtime(\.ts$|\/)/.test(inBlock) ? 'blocks:browser' : 'blocks:build';
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.(ts|mts|mjs)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Every import of `src` that crosses a forbidden layer line, as "from → to". */
function crossings(src: string): string[] {
  const out: string[] = [];
  for (const file of sources(src)) {
    const from = layerOf(src, file);
    const banned = FORBIDDEN[from];
    if (!banned) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const spec = m[1]!;
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(file), spec);
      if (!target.startsWith(src + sep)) continue;
      const to = layerOf(src, target);
      if (banned.includes(to)) out.push(`${relative(src, file)} → ${relative(src, target)}`);
    }
  }
  return out.sort();
}

describe('layer boundaries', () => {
  it("the runtime and the compiler/node side share only src/contracts (and a block's names.ts)", () => {
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

  it("notices a block's runtime importing its build side", () => {
    const fake = fileURLToPath(new URL('../fixtures/boundaries/blocks-src', import.meta.url));
    expect(crossings(fake)).toEqual([
      `blocks${sep}demo${sep}index.ts → blocks${sep}demo${sep}runtime.ts`,
      `blocks${sep}demo${sep}runtime.ts → blocks${sep}demo${sep}render.ts`,
    ]);
  });
});
