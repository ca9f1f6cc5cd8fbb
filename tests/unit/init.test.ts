import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultBlocks } from '../../src/blocks/registry.ts';
import { parseInitArgs, STARTERS, type StarterLang, writeStarter } from '../../src/cli/init.ts';
import { DeckError } from '../../src/compiler/diagnostics.ts';
import { resolveDeckConfig } from '../../src/config/index.ts';
import { loadDeck } from '../../src/node/load.ts';

const base = mkdtempSync(join(tmpdir(), 'deck-init-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

describe('deck init', () => {
  it.each(Object.keys(STARTERS) as StarterLang[])(
    'writes a %s deck that uses every block and checks clean',
    async (lang) => {
      const dir = join(base, lang, 'talk'); // a folder that does not exist yet
      writeStarter(dir, lang);
      expect(existsSync(join(dir, 'dist'))).toBe(false);
      const config = await resolveDeckConfig(dir, {});
      expect(config.lang).toBe(lang);
      expect(config.variants.map((v) => v.page)).toEqual(['index.html']);
      const deck = loadDeck({ root: dir, config });
      expect(deck.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`)).toEqual([]);
      expect(deck.blocks).toEqual(defaultBlocks.map((b) => b.name).sort());
      const text = deck.stacks
        .flat()
        .map((s) => s.html + s.notes)
        .join('');
      if (lang === 'en') expect(text).not.toMatch(CJK);
      else expect(text).toMatch(CJK);
    },
  );

  it('copies the example decks, which npm run build builds (examples/en) and npm run check checks', () => {
    const dir = join(base, 'copy');
    writeStarter(dir, 'en');
    const read = (root: string, path: string) => readFileSync(join(root, path), 'utf8');
    const engine = join(fileURLToPath(new URL('../..', import.meta.url)), STARTERS.en);
    for (const path of ['slides/01-intro.md', 'slides/data/facts.yaml'])
      expect(read(dir, path)).toBe(read(engine, path));
    // The config as the example's, but for its type reference, which names the engine from the new folder.
    const ref = /import\('([^']+)'\)/;
    expect(read(dir, 'deck.config.js').replace(ref, '')).toBe(
      read(engine, 'deck.config.js').replace(ref, ''),
    );
    const types = ref.exec(read(dir, 'deck.config.js'))?.[1] ?? '';
    expect(existsSync(join(dir, types))).toBe(true);
    expect(types).toMatch(/src\/config\/types\.ts$/);
  });

  it('writes only into a new or empty folder, and says which languages it has', () => {
    const full = join(base, 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'notes.txt'), 'mine');
    expect(() => writeStarter(full, 'en')).toThrow(DeckError);
    expect(readdirSync(full)).toEqual(['notes.txt']);
    expect(parseInitArgs(['talk'])).toEqual({ dir: 'talk', lang: 'en' });
    expect(parseInitArgs(['--lang=zh-Hans', 'talk'])).toEqual({ dir: 'talk', lang: 'zh-Hans' });
    expect(() => parseInitArgs(['talk', '--lang', 'fr'])).toThrow(
      '--lang must be one of en, zh-Hans; got "fr"',
    );
    expect(() => parseInitArgs([])).toThrow('say where the deck goes');
    expect(() => parseInitArgs(['talk', 'other'])).toThrow('one folder at a time');
    expect(() => parseInitArgs(['talk', '--lnag', 'en'])).toThrow(
      'unknown option "--lnag"; did you mean "--lang"? allowed: --lang\nusage: deck init DIR [--lang en|zh-Hans]',
    );
    expect(() => parseInitArgs(['talk', '--lang'])).toThrow('--lang takes one of en, zh-Hans');
  });
});

describe('deck init prints commands to paste', () => {
  const bin = fileURLToPath(new URL('../../src/cli/bin.mjs', import.meta.url));
  /** What bash makes of a word as printed: the path it names. */
  const pasted = (word: string) =>
    spawnSync('bash', ['-c', `printf '%s' ${word}`], { encoding: 'utf8' }).stdout;

  it.each([
    ['a space', 'my talk'],
    ['a quote and a dollar', "bob's $HOME talk"],
    ['a right-to-left override and a control character', 'talk\u202egpj.exe\u001b[31m'],
  ])('quotes a folder with %s so the printed command names it', (_, name) => {
    const dir = join(base, 'pasted', name);
    const run = spawnSync(process.execPath, [bin, 'init', dir], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(existsSync(join(dir, 'slides'))).toBe(true);
    // Nothing the terminal would obey rather than show.
    expect(run.stdout).not.toMatch(/(?!\n)[\p{Cc}\u202a-\u202e\u2066-\u2069]/u);
    const start = /^ {2}npx deck start (.+?) {4}build it/m.exec(run.stdout)?.[1];
    expect(start).toBeDefined();
    expect(pasted(start!)).toBe(dir);
    const out = /the static site, in (.+)$/m.exec(run.stdout)?.[1];
    expect(pasted(out!)).toBe(join(dir, 'dist'));
  });
});
