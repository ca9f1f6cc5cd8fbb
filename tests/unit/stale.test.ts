import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { configFrom } from '../../src/config/index.ts';
import { isStale as staleWith } from '../../src/node/stale.ts';

const stale = fileURLToPath(new URL('../../src/node/stale.ts', import.meta.url));
const config = fileURLToPath(new URL('../../src/config/index.ts', import.meta.url));
/** The deck in `root`, with no engine files to be newer than its build (they are whatever the checkout says). */
const isStale = (root: string) => staleWith(configFrom(root, {}, undefined, {}), root);
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A project built half an hour ago from sources an hour old (file times tick coarsely: keep them apart). */
function built(): string {
  const root = mkdtempSync(join(tmpdir(), 'deck-stale-'));
  dirs.push(root);
  mkdirSync(join(root, 'slides'));
  mkdirSync(join(root, 'dist'));
  writeFileSync(join(root, 'slides', '01.md'), '# a\n');
  writeFileSync(join(root, 'dist', 'index.html'), '');
  const hourAgo = new Date(Date.now() - 3_600_000);
  utimesSync(join(root, 'slides', '01.md'), hourAgo, hourAgo);
  utimesSync(join(root, 'slides'), hourAgo, hourAgo);
  const halfHourAgo = new Date(Date.now() - 1_800_000);
  utimesSync(join(root, 'dist', 'index.html'), halfHourAgo, halfHourAgo);
  return root;
}

describe('staleness walk', () => {
  it('ends on links that loop (slides/a -> ., slides/b -> .), in a child process that would otherwise hang', () => {
    const root = built();
    symlinkSync('.', join(root, 'slides', 'a'));
    symlinkSync('.', join(root, 'slides', 'b'));
    symlinkSync('self', join(root, 'slides', 'self'));
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `Promise.all([import(${JSON.stringify(stale)}), import(${JSON.stringify(config)})]).then(([m, c]) => console.log(m.isStale(c.configFrom(process.argv[1], {}, undefined, {}), process.argv[1])))`,
        root,
      ],
      { encoding: 'utf8', timeout: 15_000 },
    );
    expect(run.signal).toBeNull();
    expect(run.stdout.trim()).toBe('true'); // the links are newer than the build
  });

  it('still sees a newer file behind a link, and a newer file in a folder', () => {
    const root = built();
    expect(isStale(root)).toBe(false);
    writeFileSync(join(root, 'other.md'), '# b\n');
    const hourAgo = new Date(Date.now() - 3_600_000);
    symlinkSync(join(root, 'other.md'), join(root, 'slides', '02.md'));
    // The link itself is new too: age it, so only its target can make the build stale.
    spawnSync('touch', ['-h', '-d', hourAgo.toISOString(), join(root, 'slides', '02.md')]);
    utimesSync(join(root, 'slides'), hourAgo, hourAgo);
    expect(isStale(root)).toBe(true);
    utimesSync(join(root, 'other.md'), hourAgo, hourAgo);
    expect(isStale(root)).toBe(false);
    mkdirSync(join(root, 'slides', 'data'));
    writeFileSync(join(root, 'slides', 'data', 'x.yaml'), 'a: 1\n');
    expect(isStale(root)).toBe(true);
  });
});
