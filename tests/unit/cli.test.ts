import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deckAt } from '../../src/cli/deck-dir.ts';
import { fixtureRoot } from './helpers.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(repo, 'src/cli/bin.mjs');

describe('deck check', () => {
  it('prints every problem as file:line:column and exits 1', () => {
    const run = spawnSync(process.execPath, [bin, 'check', fixtureRoot('broken')], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const line of lines) expect(line).toMatch(/^slides\/0[12]-[a-z-]+\.md:\d+:\d+: /);
    expect(run.stderr).toMatch(/\d+ problems in 3 slides/);
  });

  it('exits 0 on a good deck', () => {
    const run = spawnSync(process.execPath, [bin, 'check', fixtureRoot('basic')], { encoding: 'utf8' });
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('5 slides, no problems\n');
    expect(run.status).toBe(0);
  });

  it('warns, and exits 0, about characters no bundled font covers: each at its first place', () => {
    const emoji = spawnSync(process.execPath, [bin, 'check', fixtureRoot('fonts-emoji')], {
      encoding: 'utf8',
    });
    const tail = "not in the bundled font (Noto Sans SC): they will be drawn with the system's fonts";
    expect(emoji.stdout.split('\n')[0]).toBe(
      `slides/01-hello.md:2:15: warning: U+1F600 😀, U+20000 𠀀 are ${tail}, which differ from machine to machine`,
    );
    expect(emoji.stdout).toContain(
      'slides/01-hello.md:13:10: warning: U+1F389 🎉 is not in the bundled font',
    );
    expect(emoji.stdout).toContain(
      'slides/01-hello.md:18:25: warning: U+1F642 🙂 is not in the bundled font',
    );
    expect(emoji.status).toBe(0);
    const thai = spawnSync(process.execPath, [bin, 'check', fixtureRoot('fonts-thai')], { encoding: 'utf8' });
    expect(thai.stdout).toMatch(
      /^slides\/01-thai\.md:2:8: warning: U\+0E01 ก, U\+0E0A ช, .* are not in the bundled font/,
    );
    expect(thai.status).toBe(0);
  });

  it('answers an unknown command with usage and exit 2', () => {
    const run = spawnSync(process.execPath, [bin, 'nope'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('usage: deck <command>');
    const typo = spawnSync(process.execPath, [bin, 'biuld'], { encoding: 'utf8' });
    expect(typo.status).toBe(2);
    expect(typo.stderr).toMatch(/^unknown command "biuld": did you mean "build"\?\n/);
  });

  it('reads [DIR] with node:util parseArgs: a flag the command lacks, or two folders, is a usage error', async () => {
    await expect(deckAt('build', ['--out', 'x'])).rejects.toMatchObject({
      exitCode: 2,
      message: 'unknown option "--out"; it takes none\nusage: deck build [DIR]',
    });
    await expect(deckAt('check', ['a', 'b'])).rejects.toThrow('one deck folder at a time; got 2');
  });
});

/** `vite build` of a project root with the repo's config, into a temp folder. */
function viteBuild(cwd: string) {
  const out = mkdtempSync(join(tmpdir(), 'deck-build-'));
  const vite = join(repo, 'node_modules/vite/bin/vite.js');
  return spawnSync(
    process.execPath,
    [vite, 'build', '--config', join(repo, 'vite.config.ts'), '--outDir', out],
    {
      cwd,
      encoding: 'utf8',
    },
  );
}

describe('vite build', () => {
  it('warns about HTML that does not parse at the slide’s markdown, not the generated page', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deck-html-'));
    mkdirSync(join(dir, 'slides'));
    writeFileSync(join(dir, 'slides', '01.md'), '# t\n\nok\n\n<!-- a <!-- nested -->\n\nmore\n');
    const run = viteBuild(dir);
    expect(run.status).toBe(0);
    const text = run.stdout + run.stderr;
    const warnings = text.split('\n').filter((l) => l.includes('does not parse'));
    expect(warnings).toEqual([
      "slides/01.md:5:12: warning: the slide's HTML does not parse (parse5 error code nested-comment): check the tags and comments written on this slide",
    ]);
    expect(text).not.toMatch(/index\.html:\d+/);
  }, 90_000);

  it('prints every diagnostic and exits non-zero on a broken deck', () => {
    const run = viteBuild(fixtureRoot('broken'));
    expect(run.status).not.toBe(0);
    const text = run.stdout + run.stderr;
    expect(text).toContain('slides/01-broken.md:7:4: unknown fence name "chrat"');
    expect(text).toContain('slides/01-broken.md:17:1: code fence opened here is never closed');
    expect(text).toContain(
      'slides/02-unknown-key.md:2:1: unknown key "titel" in front matter: did you mean "title"?',
    );
  }, 60_000);
});

/** No line of a JavaScript stack trace: every failure here is a message. */
const STACK = /^\s+at .+[(:]\d+/m;

describe('failures are messages, not stack traces', () => {
  it('deck build and deck start print the problems of a broken slide, then stop', () => {
    for (const command of ['build', 'start']) {
      const run = spawnSync(process.execPath, [bin, command], {
        cwd: fixtureRoot('broken'),
        encoding: 'utf8',
        env: {
          ...process.env,
          PORT: '0',
          DECK_OUT_DIR: join(mkdtempSync(join(tmpdir(), 'deck-out-')), 'dist'),
        },
        timeout: 60_000,
      });
      expect(run.status, command).toBe(1);
      expect(run.stderr, command).toContain('slides/01-broken.md:7:4: unknown fence name "chrat"');
      expect(run.stderr, command).toContain('5 problems in the slides');
      expect(run.stderr, command).not.toMatch(STACK);
      expect(run.stderr, command).not.toMatch(/Rolldown|RolldownError/);
    }
  }, 120_000);

  it('deck export refuses an --out it cannot write before building or rendering anything', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deck-out-'));
    writeFileSync(join(dir, 'package.json'), '{"name":"x"}');
    mkdirSync(join(dir, 'folder.pdf'));
    writeFileSync(join(dir, 'file'), '');
    const cases: [string[], RegExp][] = [
      [
        ['pdf', '--out', '/nonexistent/dir/x.pdf'],
        /the folder \/nonexistent\/dir does not exist; create it first/,
      ],
      [['pdf', '--out', 'folder.pdf'], /folder\.pdf is a folder: name a file in it/],
      [['pdf', '--out', 'file/x.pdf'], /file is a file, not a folder/],
      [['png', '--out', 'file'], /file is a file: PNGs go into a folder/],
      [
        ['pdf', '--out', '/proc/x.pdf'],
        /\/proc\/x\.pdf cannot be written \((EACCES|ENOENT|EPERM|EROFS) in \/proc\)/,
      ],
    ];
    for (const [args, message] of cases) {
      const run = spawnSync(process.execPath, [bin, 'export', ...args], { cwd: dir, encoding: 'utf8' });
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(run.stderr, args.join(' ')).not.toMatch(STACK);
      expect(run.stderr, args.join(' ')).not.toMatch(/building|build/); // refused before the build step
    }
  });
});

describe('--untrusted: no code of the deck runs', () => {
  /** A deck whose config and PostCSS config write a file when they run. */
  function hostileDeck(config: 'js' | 'json') {
    const dir = mkdtempSync(join(tmpdir(), 'deck-hostile-'));
    mkdirSync(join(dir, 'slides'));
    writeFileSync(join(dir, 'slides', '01.md'), '# A contributor’s deck\n');
    const ran = (name: string) =>
      `import { writeFileSync } from 'node:fs';\nwriteFileSync(new URL('./${name}', import.meta.url), 'ran');\n`;
    if (config === 'js')
      writeFileSync(join(dir, 'deck.config.js'), `${ran('config-ran')}export default {};\n`);
    else writeFileSync(join(dir, 'deck.config.json'), '{ "title": "Data only" }\n');
    writeFileSync(join(dir, 'postcss.config.mjs'), `${ran('postcss-ran')}export default { plugins: [] };\n`);
    // Vite copies public/ into the site as it is: here a link to a folder of the builder's.
    const secrets = mkdtempSync(join(tmpdir(), 'deck-secrets-'));
    writeFileSync(join(secrets, 'id_rsa'), 'the builder’s key');
    symlinkSync(secrets, join(dir, 'public'));
    symlinkSync(secrets, join(dir, 'secrets-link'));
    return dir;
  }
  const deck = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [bin, ...args], {
      encoding: 'utf8',
      env: { ...process.env, PORT: '0', ...env },
      timeout: 90_000,
    });

  it('refuses a deck.config.js in every command, by flag or environment, without running it', () => {
    const dir = hostileDeck('js');
    const runs = [
      deck(['check', dir, '--untrusted']),
      deck(['build', '--untrusted', dir]),
      deck(['start', dir], { DECK_UNTRUSTED: '1' }),
      deck(['export', 'pdf', dir, '--untrusted', '--out', join(dir, 'x.pdf')]),
    ];
    for (const run of runs) {
      expect(run.status, run.stderr).toBe(1);
      expect(run.stderr).toContain('deck.config.js:1:1: deck.config.js is not run under --untrusted');
      expect(run.stderr).toMatch(
        /deck\.config\.js is code, .* write its settings as data in deck\.config\.json/,
      );
      expect(run.stderr).not.toMatch(STACK);
    }
    expect(readdirSync(dir).sort()).toEqual([
      'deck.config.js',
      'postcss.config.mjs',
      'public',
      'secrets-link',
      'slides',
    ]);
    // The same deck, trusted: its config runs (the author is trusted).
    expect(deck(['check', dir]).status).toBe(0);
    expect(existsSync(join(dir, 'config-ran'))).toBe(true);
  }, 180_000);

  it('builds a deck.config.json deck without its PostCSS config, and refuses a public/ that leads out', () => {
    const dir = hostileDeck('json');
    const linked = deck(['build', dir, '--untrusted']);
    expect(linked.status, linked.stderr).toBe(1);
    expect(linked.stderr).toMatch(/^public:1:1: public leads outside the deck folder \(to .*deck-secrets-/m);
    expect(existsSync(join(dir, 'dist'))).toBe(false);
    // The same deck with its public/ a folder of its own builds, its PostCSS config not run.
    rmSync(join(dir, 'public'));
    mkdirSync(join(dir, 'public'));
    writeFileSync(join(dir, 'public', 'robots.txt'), 'User-agent: *\n');
    const untrusted = deck(['build', dir, '--untrusted']);
    expect(untrusted.status, untrusted.stderr).toBe(0);
    expect(readFileSync(join(dir, 'dist', 'index.html'), 'utf8')).toContain('<title>Data only</title>');
    expect(existsSync(join(dir, 'dist', 'robots.txt'))).toBe(true);
    expect(existsSync(join(dir, 'postcss-ran'))).toBe(false);
    // Trusted, the PostCSS config runs and a linked public/ is copied as Vite copies it.
    rmSync(join(dir, 'public'), { recursive: true });
    symlinkSync(readlinkSync(join(dir, 'secrets-link')), join(dir, 'public'));
    const trusted = deck(['build', dir]);
    expect(trusted.status, trusted.stderr).toBe(0);
    expect(existsSync(join(dir, 'postcss-ran'))).toBe(true);
    expect(existsSync(join(dir, 'dist', 'id_rsa'))).toBe(true);
  }, 180_000);
});
