import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  scripts: Record<string, string>;
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/**
 * The package a bare specifier names (`@scope/name/sub` → `@scope/name`); undefined for relative paths and the
 * deck plugin's virtual modules (`virtual:deck/blocks`).
 */
function packageOf(specifier: string): string | undefined {
  if (/^(\.|\/|node:|virtual:)/.test(specifier)) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Packages imported for their values (type-only imports vanish from the JavaScript). */
function valueImports(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/^\s*import\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm))
    found.push(m[1]!);
  for (const m of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1]!);
  return found;
}

describe('run-time packaging', () => {
  it('every package that the CLI, the build and the page import is a dependency, not a devDependency', () => {
    // src/ is what `npm start` and `deck export` run or bundle (the CLI, the Vite plugins, the page).
    const sources = [...files(join(repo, 'src')), join(repo, 'vite.config.ts')].filter((f) =>
      /\.(ts|mjs)$/.test(f),
    );
    const used = new Set(
      sources.flatMap((f) => valueImports(readFileSync(f, 'utf8')).map(packageOf)).filter((p) => p),
    );
    expect(used.size).toBeGreaterThan(10);
    const missing = [...used].filter((p) => !(p! in pkg.dependencies) && !builtinModules.includes(p!));
    expect(missing).toEqual([]);
  });

  it('runs `deck --help` from compiled JavaScript, without a TypeScript loader', () => {
    // Node rejects a .ts import without a loader: were the CLI run from source, this would fail.
    const run = spawnSync(process.execPath, [join(repo, 'src/cli/bin.mjs'), '--help'], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    expect(run.stdout).toContain('usage: deck <command>');
    expect(run.stderr).not.toContain('unknown command');
    expect(run.status).toBe(0);
    expect(readFileSync(join(repo, 'lib/cli/main.js'), 'utf8')).not.toMatch(/from ['"][^'"]+\.ts['"]/);
    expect(pkg.scripts.prepare).toContain('src/cli/compile.mjs');
  });
});
