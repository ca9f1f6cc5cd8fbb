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
import { parseInitArgs, STARTERS, type StarterLang, writeStarter } from '../../src/cli/init.ts';
import { defaultBlocks } from '../../src/compiler/blocks/registry.ts';
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
    for (const path of ['deck.config.js', 'slides/01-intro.md', 'slides/data/facts.yaml'])
      expect(read(dir, path)).toBe(read(engine, path));
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
  });
});
