import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DeckError } from '../../src/compiler/diagnostics.ts';
import { configFrom } from '../../src/config/index.ts';
import { parseExportArgs } from '../../src/export/options.ts';
import { checkOut } from '../../src/export/out.ts';
import { PNG_MARKER, writePngs } from '../../src/export/png.ts';
import { fixtureRoot } from './helpers.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(repo, 'src/cli/bin.mjs');

/** A folder of the user's own pictures, named as PNG exports are. */
function picturesFolder(): { dir: string; before: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'deck-pngs-'));
  writeFileSync(join(dir, '2024.png'), 'the 2024 poster');
  writeFileSync(join(dir, '7.png'), 'seven');
  writeFileSync(join(dir, '01.png'), 'the first of my own');
  return { dir, before: contents(dir) };
}

const contents = (dir: string) =>
  Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

const shot = (text: string) => new TextEncoder().encode(text);

function thrown(f: () => unknown): DeckError {
  try {
    f();
  } catch (e) {
    if (e instanceof DeckError) return e;
    throw e;
  }
  throw new Error('expected a DeckError');
}

describe('export png into a folder', () => {
  it('refuses one holding files no export made, before and at writing: nothing removed, nothing overwritten', () => {
    const { dir, before } = picturesFolder();
    const root = mkdtempSync(join(tmpdir(), 'deck-'));
    const config = configFrom(root, {}, undefined, {});
    const options = { ...parseExportArgs(['png', '--out', dir], config) };
    const early = thrown(() => checkOut(options));
    expect(early.message).toBe(
      `--out ${dir} holds files this export did not make (01.png, 2024.png, 7.png; no ${PNG_MARKER} file): name a new or empty folder, or move them out`,
    );
    expect(early.exitCode).toBe(2);
    expect(thrown(() => writePngs(dir, [shot('a'), shot('b')])).message).toBe(early.message);
    expect(contents(dir)).toEqual(before);
  });

  it('writes into a new or empty folder, then replaces only its own PNGs there', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'deck-pngs-')), 'talk-png');
    writePngs(dir, ['1', '2', '3', '4', '5'].map(shot));
    expect(readdirSync(dir).sort()).toEqual([PNG_MARKER, '01.png', '02.png', '03.png', '04.png', '05.png']);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    writeFileSync(join(dir, '2024.png'), 'mine too');
    writePngs(dir, ['a', 'b', 'c'].map(shot));
    expect(contents(dir)).toEqual({
      [PNG_MARKER]: `${JSON.stringify({ by: 'deck export png', files: ['01.png', '02.png', '03.png'] })}\n`,
      '01.png': 'a',
      '02.png': 'b',
      '03.png': 'c',
      '2024.png': 'mine too',
      'notes.txt': 'mine',
    });
    const empty = mkdtempSync(join(tmpdir(), 'deck-pngs-'));
    writePngs(empty, [shot('x')]);
    expect(readdirSync(empty).sort()).toEqual([PNG_MARKER, '01.png']);
  });

  it('deck export png --out DIR: exit 2 before anything is built, every picture as it was', () => {
    const { dir, before } = picturesFolder();
    const site = join(mkdtempSync(join(tmpdir(), 'deck-site-')), 'dist');
    const run = spawnSync(
      process.execPath,
      [bin, 'export', 'png', fixtureRoot('basic'), '--out', dir, '--quiet'],
      {
        encoding: 'utf8',
        env: { ...process.env, DECK_OUT_DIR: site },
        timeout: 120_000,
      },
    );
    expect(run.stderr).toContain(
      `--out ${dir} holds files this export did not make (01.png, 2024.png, 7.png;`,
    );
    expect(run.status).toBe(2);
    expect(contents(dir)).toEqual(before);
  }, 120_000);
});

describe('default export paths', () => {
  it('are in the deck folder’s exports/, not in the built site a rebuild replaces', () => {
    const root = mkdtempSync(join(tmpdir(), 'deck-'));
    const config = configFrom(root, { name: 'talk' }, undefined, {});
    expect(parseExportArgs(['pdf'], config).out).toBe(join(root, 'exports', 'talk.pdf'));
    expect(parseExportArgs(['pptx'], config).out).toBe(join(root, 'exports', 'talk.pptx'));
    expect(parseExportArgs(['png'], config).out).toBe(join(root, 'exports', 'talk-png'));
    // exports/ is made on writing; any other missing folder is the user's to create.
    for (const format of ['pdf', 'png', 'pptx'])
      expect(() => checkOut(parseExportArgs([format], config))).not.toThrow();
    expect(
      thrown(() => checkOut(parseExportArgs(['pdf', '--out', join(root, 'nope', 'a.pdf')], config))).message,
    ).toContain('does not exist; create it first');
    mkdirSync(join(root, 'exports'));
    expect(() => checkOut(parseExportArgs(['png'], config))).not.toThrow();
  });
});
