import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { DeckError, formatDiagnostic } from '../../src/compiler/diagnostics.ts';
import { configFrom, resolveDeckConfig } from '../../src/config/index.ts';
import { filesUnder, MARKER, stagingDir, swapIn, swapPlan } from '../../src/node/out-dir.ts';

/** Each rename the swap makes is followed by `afterRename`, to look at the served folder between two steps. */
let afterRename: ((to: string) => void) | undefined;
vi.mock('node:fs', async (original) => {
  const real = await original<typeof import('node:fs')>();
  return {
    ...real,
    renameSync: (from: fs.PathLike, to: fs.PathLike) => {
      real.renameSync(from, to);
      afterRename?.(String(to));
    },
  };
});

const repo = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(repo, 'src/cli/bin.mjs');
const { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } = fs;

/** Every file and folder under `dir` with a hash of its bytes: what must be the same after a refused build. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        out[`${relative(dir, p)}/`] = '';
        walk(p);
      } else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/**
 * A folder holding a deck (`deck/`: one slide, its facts, a config, a .git folder) and a folder beside it
 * (`other/`), as a user's projects folder would.
 */
function projects(config?: string): { top: string; deck: string } {
  const top = mkdtempSync(join(tmpdir(), 'deck-outdir-'));
  const deck = join(top, 'deck');
  mkdirSync(join(deck, 'slides', 'data'), { recursive: true });
  mkdirSync(join(deck, '.git'));
  writeFileSync(join(deck, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  writeFileSync(join(deck, 'slides', '01-intro.md'), '# Hello\n\nA first slide.\n');
  writeFileSync(join(deck, 'slides', 'notes.md'), '# Notes\n\nMore.\n');
  writeFileSync(
    join(deck, 'slides', 'data', 'facts.yaml'),
    'sources:\n  me: {short: Me, title: My notes}\nfacts:\n  answer: {value: 42, unit: "", text: "42", source: me}\n',
  );
  if (config) writeFileSync(join(deck, 'deck.config.mjs'), config);
  mkdirSync(join(top, 'other'));
  writeFileSync(join(top, 'other', 'thesis.md'), 'years of work\n');
  return { top, deck };
}

function deck(args: string[], cwd: string, env: Record<string, string> = {}) {
  const { DECK_OUT_DIR: _, ...rest } = process.env;
  return spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...rest, ...env },
    timeout: 120_000,
  });
}

const STACK = /^\s+at .+[(:]\d+/m;

describe('an out dir that is, holds or sits above what the deck reads', () => {
  it.each([
    ['.', 'is the deck folder itself'],
    ['slides', 'is the slides folder slides/ itself'],
    ['..', 'holds the deck folder'],
  ])(
    'outDir: "%s" is refused at its line, every file left as it was',
    (outDir, why) => {
      const { top, deck: dir } = projects(`export default {\n  title: 'Talk',\n  outDir: '${outDir}',\n};\n`);
      const before = tree(top);
      const run = deck(['build'], dir);
      expect(tree(top)).toEqual(before);
      expect(run.stderr).toContain(
        `deck.config.mjs:3:3: "outDir" ("${outDir}") ${why}: the build replaces what is in its folder; name a folder of its own, such as "dist"`,
      );
      expect(run.stderr).not.toMatch(STACK);
      expect(run.status).toBe(1);
    },
    120_000,
  );

  it.each([
    ['..', 'holds the deck folder'],
    ['.', 'is the deck folder itself'],
  ])(
    'DECK_OUT_DIR=%s is refused, naming the variable; every file left as it was',
    (out, why) => {
      const { top, deck: dir } = projects();
      const before = tree(top);
      for (const command of ['build', 'start']) {
        const run = deck([command], dir, { DECK_OUT_DIR: out, PORT: '0' });
        expect(tree(top), command).toEqual(before);
        expect(run.stderr, command).toContain(
          `DECK_OUT_DIR="${out}" ${why}: the build replaces what is in its folder; set it to a folder of its own`,
        );
        expect(run.stderr, command).not.toMatch(STACK);
        expect(run.status, command).toBe(2);
      }
    },
    120_000,
  );

  it('keeps the out dirs that are safe: a folder of the deck, a sibling, an absolute one elsewhere', () => {
    const { top, deck: dir } = projects();
    const at = (outDir: string, env = {}) => configFrom(dir, { outDir }, undefined, env).outDir;
    expect(at('dist')).toBe(join(dir, 'dist'));
    expect(at('build/site')).toBe(join(dir, 'build', 'site'));
    expect(at('../site')).toBe(join(top, 'site'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'deck-out-'));
    expect(at('dist', { DECK_OUT_DIR: elsewhere })).toBe(elsewhere);
    // Without a config file, the setting is still named.
    expect(() => at('slides')).toThrowError(
      new DeckError(
        '"outDir" ("slides") is the slides folder slides/ itself: the build replaces what is in its folder; name a folder of its own, such as "dist"',
      ),
    );
  });

  it.each([
    ['slides/data', 'holds the facts file slides/data/facts.yaml'],
    ['slides/site', 'is inside the slides folder slides/'],
    ['/', 'holds the deck folder'],
    ['deck.config.mjs', 'is the config file deck.config.mjs itself'],
  ])('outDir: "%s" is refused at its line, with why', async (outDir, why) => {
    const { deck: dir } = projects(`export default {\n  title: 'Talk',\n  outDir: '${outDir}',\n};\n`);
    const error = await resolveDeckConfig(dir, {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeckError);
    expect((error as DeckError).diagnostics.map(formatDiagnostic)).toEqual([
      `deck.config.mjs:3:3: "outDir" ("${outDir}") ${why}: the build replaces what is in its folder; name a folder of its own, such as "dist"`,
    ]);
  });
});

describe('an out dir holding files no build made', () => {
  it('is refused, not emptied', () => {
    const { top, deck: dir } = projects();
    const site = join(top, 'site');
    mkdirSync(join(site, 'photos'), { recursive: true });
    writeFileSync(join(site, 'index.html'), '<p>my own page</p>');
    writeFileSync(join(site, 'photos', '2024.jpg'), 'jpeg');
    const before = tree(top);
    const run = deck(['build'], dir, { DECK_OUT_DIR: site });
    expect(tree(top)).toEqual(before);
    expect(run.stderr).toContain(
      `deck build: the out dir ${site} holds files the build did not make (index.html, photos/2024.jpg; no .deck-build file): the build never empties such a folder`,
    );
    expect(run.status).toBe(1);
  }, 120_000);
});

describe('a first build that fails', () => {
  it('in Vite (after its fresh folder was made) leaves no out dir behind', () => {
    const { top, deck: dir } = projects(`export default { theme: 'theme.css' };\n`);
    writeFileSync(join(dir, 'theme.css'), '@import "./nope.css";\n');
    const before = tree(top);
    const run = deck(['build'], dir);
    expect(run.stderr).toContain('nope.css');
    expect(run.stderr).not.toMatch(STACK);
    expect(run.status).toBe(1);
    expect(tree(top)).toEqual(before);
  }, 120_000);
});

describe('a rebuild', () => {
  it('replaces the files the last build made and keeps the ones it did not (exports saved in the site)', () => {
    const { top, deck: dir } = projects(`export default { outDir: 'build/site' };\n`);
    const site = join(dir, 'build', 'site');
    expect(deck(['build'], dir).status).toBe(0);
    // What the user saved there: an export and its PNGs.
    writeFileSync(join(site, 'talk.pdf'), '%PDF-1.7 the only copy');
    mkdirSync(join(site, 'talk-png'));
    writeFileSync(join(site, 'talk-png', '01.png'), 'png');
    const saved = tree(site);
    writeFileSync(join(dir, 'slides', '01-intro.md'), '# Hello again\n\nA changed slide.\n');

    const run = deck(['build'], dir);
    expect(run.stderr).not.toMatch(STACK);
    expect(run.status).toBe(0);
    // One line says where the site is; the bundler's list of files (staging paths) is not printed.
    expect(run.stdout).toMatch(/^built build\/site\/: \d+ files, \d+ KB, in [\d.]+ s\n$/);
    expect(run.stdout + run.stderr).not.toContain('.deck-staging');
    for (const file of ['talk.pdf', 'talk-png/', 'talk-png/01.png'])
      expect(tree(site)[file]).toBe(saved[file]);
    expect(readFileSync(join(site, 'index.html'), 'utf8')).toContain('Hello again');
    // Exactly the new build and the user's files: nothing of the old build is left.
    const made = JSON.parse(readFileSync(join(site, MARKER), 'utf8')).files as string[];
    expect(made).toContain('index.html');
    expect(filesUnder(site)).toEqual([MARKER, ...made, 'talk-png/01.png', 'talk.pdf'].sort());
    // The fresh folder it was built in is gone.
    expect(readdirSync(join(dir, 'build'))).toEqual(['site']);
    expect(existsSync(join(top, 'other', 'thesis.md'))).toBe(true);
  }, 120_000);

  it('takes over a site built before the marker: its pages and assets go, an export saved there stays', () => {
    const { deck: dir } = projects();
    const site = join(dir, 'dist');
    mkdirSync(join(site, 'assets'), { recursive: true });
    mkdirSync(join(site, 'talk-png'), { recursive: true });
    writeFileSync(join(site, 'index.html'), '<!doctype html><script src="./assets/main-OLD.js"></script>');
    writeFileSync(join(site, 'index.html.br'), 'br');
    writeFileSync(join(site, 'assets', 'main-OLD.js'), 'old');
    writeFileSync(join(site, 'talk.pdf'), '%PDF-1.7 the only copy');
    writeFileSync(join(site, 'talk-png', '01.png'), 'png');
    mkdirSync(join(site, 'zh-Hant'));
    writeFileSync(join(site, 'zh-Hant', 'index.html'), '<!doctype html>');
    mkdirSync(join(site, 'handout'));
    writeFileSync(join(site, 'handout', 'index.html'), 'my own page');
    const run = deck(['build'], dir);
    expect(run.status).toBe(0);
    expect(existsSync(join(site, 'assets', 'main-OLD.js'))).toBe(false);
    expect(readFileSync(join(site, 'talk.pdf'), 'utf8')).toBe('%PDF-1.7 the only copy');
    expect(readFileSync(join(site, 'talk-png', '01.png'), 'utf8')).toBe('png');
    expect(readFileSync(join(site, 'handout', 'index.html'), 'utf8')).toBe('my own page');
    expect(existsSync(join(site, 'zh-Hant'))).toBe(false); // an old variant page, which this deck no longer has
    expect(existsSync(join(site, MARKER))).toBe(true);
  }, 120_000);
});

describe('the swap', () => {
  it('clears the fresh folders of builds that were stopped (Ctrl+C), not those of running ones nor others', () => {
    const out = mkdtempSync(join(tmpdir(), 'deck-staging-'));
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    for (const name of [
      `.deck-staging-${gone}-abc123`,
      `.deck-staging-${process.pid}-def456`,
      '.deck-staging-notes',
    ])
      mkdirSync(join(out, name, 'assets'), { recursive: true });
    const staged = stagingDir(out);
    expect(readdirSync(out).sort()).toEqual(
      [`.deck-staging-${process.pid}-def456`, '.deck-staging-notes', basename(staged)].sort(),
    );
    expect(readdirSync(staged)).toEqual([]);
  });

  it('moves assets before the pages that name them, and removes only the last build’s own files', () => {
    expect(
      swapPlan(
        ['index.html', 'assets/a-1.js', 'zh-Hant/index.html', 'assets/gone.js'],
        ['zh-Hant/index.html', 'assets/a-2.js', 'index.html', 'index.html.br', 'assets/a-2.js.br'],
      ),
    ).toEqual({
      moves: ['assets/a-2.js', 'assets/a-2.js.br', 'zh-Hant/index.html', 'index.html', 'index.html.br'],
      removals: ['assets/a-1.js', 'assets/gone.js'],
    });
    // A marker edited by hand cannot reach out of the folder.
    expect(swapPlan(['../x', '/etc/passwd', 'a/../../b', MARKER], []).removals).toEqual([]);
  });

  it('leaves a servable site in the folder after every step: each page present, every file it names present', () => {
    const top = mkdtempSync(join(tmpdir(), 'deck-swap-'));
    const out = join(top, 'dist');
    const staged = join(top, '.dist.build-x');
    const page = (asset: string) => `<!doctype html><script src="./assets/${asset}"></script>`;
    const write = (root: string, files: Record<string, string>) => {
      for (const [f, text] of Object.entries(files)) {
        mkdirSync(join(root, f, '..'), { recursive: true });
        writeFileSync(join(root, f), text);
      }
    };
    write(out, {
      'index.html': page('main-OLD.js'),
      'zh-Hant/index.html': page('../assets/main-OLD.js'),
      'assets/main-OLD.js': 'old',
      'talk.pdf': 'mine',
    });
    writeFileSync(
      join(out, MARKER),
      JSON.stringify({ files: ['index.html', 'zh-Hant/index.html', 'assets/main-OLD.js'] }),
    );
    write(staged, {
      'index.html': page('main-NEW.js'),
      'zh-Hant/index.html': page('../assets/main-NEW.js'),
      'assets/main-NEW.js': 'new',
      'assets/font-NEW.woff2': 'font',
    });
    const steps: string[] = [];
    afterRename = (to) => {
      steps.push(relative(out, to));
      for (const html of ['index.html', 'zh-Hant/index.html']) {
        const text = readFileSync(join(out, html), 'utf8');
        const named = /src="\.\/(?:\.\.\/)?(assets\/[^"]+)"/.exec(text)![1]!;
        expect(existsSync(join(out, named)), `${named} named by ${html} after ${to}`).toBe(true);
      }
    };
    try {
      swapIn(staged, out, ['index.html', 'zh-Hant/index.html', 'assets/main-OLD.js']);
    } finally {
      afterRename = undefined;
    }
    expect(steps.filter((s) => !s.startsWith(MARKER))).toEqual([
      'assets/font-NEW.woff2',
      'assets/main-NEW.js',
      'index.html',
      'zh-Hant/index.html',
    ]);
    expect(filesUnder(out)).toEqual([
      MARKER,
      'assets/font-NEW.woff2',
      'assets/main-NEW.js',
      'index.html',
      'talk.pdf',
      'zh-Hant/index.html',
    ]);
  });
});
