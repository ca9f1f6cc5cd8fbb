import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeckError, formatDiagnostic } from '../../src/compiler/diagnostics.ts';
import { resolveDeckConfig } from '../../src/config/index.ts';
import { loadDeck } from '../../src/node/load.ts';
import { fixtureRoot } from './helpers.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A deck folder with these files (paths relative to it). */
function deckWith(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'deck-config-'));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

async function problems(root: string, env = {}): Promise<string[]> {
  try {
    await resolveDeckConfig(root, env);
  } catch (e) {
    if (e instanceof DeckError) return [...e.diagnostics.map(formatDiagnostic), e.message];
    throw e;
  }
  throw new Error('expected the config to be refused');
}

describe('deck config', () => {
  it('defaults for a deck that says nothing: English, one page, dist/ beside the slides', async () => {
    const root = deckWith({ 'slides/01.md': '# Hello\n' });
    const config = await resolveDeckConfig(root, {});
    expect(config).toMatchObject({
      root,
      name: 'deck',
      title: undefined,
      lang: 'en',
      outDir: join(root, 'dist'),
      slidesDir: 'slides',
      facts: 'slides/data/facts.yaml',
      relay: true,
      offline: true,
      csp: {},
      sources: 'optional',
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    expect(config.variants).toEqual([{ lang: 'en', label: 'English', page: 'index.html' }]);
    expect(config.file).toBeUndefined();
  });

  it('reads title: and lang: from the first file’s front matter, and $DECK_OUT_DIR', async () => {
    const root = deckWith({
      'slides/01.md': '---\ntitle: 工业强市\nlang: zh-Hans\n---\n\n# 一\n',
      'slides/02.md': '---\ntitle: Not the deck’s\nlang: de\n---\n\n# 二\n',
      'package.json': '{"name": "@acme/talk"}',
    });
    const config = await resolveDeckConfig(root, { DECK_OUT_DIR: 'build/x' });
    expect(config).toMatchObject({
      title: '工业强市',
      lang: 'zh-Hans',
      name: 'talk',
      outDir: join(root, 'build/x'),
    });
    expect(config.variants.map((v) => v.page)).toEqual(['index.html']);
  });

  it('lets deck.config.js win over the front matter, and gives each variant its page', async () => {
    const root = deckWith({
      'slides/01.md': '---\ntitle: From front matter\nlang: en\n---\n\n# One\n',
      'deck.config.js': `export default {
  title: 'From the config',
  lang: 'zh-Hans',
  label: '简体',
  variants: [{ lang: 'zh-Hant', label: '繁體', convert: (t) => t.replace('简', '繁') }],
  outDir: 'site',
  slidesDir: 'slides',
  facts: 'data/facts.yaml',
  theme: 'theme.css',
  relay: false,
  csp: { img: ['https://images.example.com'] },
  sources: 'required',
  timezone: 'America/Chicago',
};
`,
    });
    const config = await resolveDeckConfig(root, {});
    expect(config).toMatchObject({
      file: join(root, 'deck.config.js'),
      title: 'From the config',
      lang: 'zh-Hans',
      outDir: join(root, 'site'),
      facts: 'data/facts.yaml',
      theme: 'theme.css',
      relay: false,
      csp: { img: ['https://images.example.com'] },
      sources: 'required',
      timezone: 'America/Chicago',
    });
    expect(config.variants.map(({ lang, label, page }) => [lang, label, page])).toEqual([
      ['zh-Hans', '简体', 'index.html'],
      ['zh-Hant', '繁體', 'zh-Hant/index.html'],
    ]);
    expect(config.variants[1]!.convert?.('简')).toBe('繁');
  });

  it('loads deck.config.ts, with its types and relative imports', async () => {
    const root = deckWith({
      'slides/01.md': '# One\n',
      'lang.ts': "export const lang: string = 'de';\n",
      'deck.config.ts':
        "import { lang } from './lang.ts';\n\nexport default { lang, title: 'Ein Vortrag' as string };\n",
    });
    expect(await resolveDeckConfig(root, {})).toMatchObject({ lang: 'de', title: 'Ein Vortrag' });
  });

  it('bundles a .ts config with each module’s own import.meta.url, and leaves no file behind', async () => {
    const root = deckWith({
      'slides/01.md': '# One\n',
      'parts/where.ts': "export const theme: string = new URL('./look.css', import.meta.url).pathname;\n",
      'deck.config.ts': "import { theme } from './parts/where.ts';\n\nexport default { title: theme };\n",
    });
    expect(await resolveDeckConfig(root, {})).toMatchObject({ title: join(root, 'parts/look.css') });
    expect(readdirSync(root).sort()).toEqual(['deck.config.ts', 'parts', 'slides']);
  });

  it('converts a variant by a named converter, then its phrases, keeping paths', async () => {
    const root = deckWith({
      'slides/01.md': '# 一\n',
      'deck.config.js': `export default {
  lang: 'zh-Hans',
  variants: [
    { lang: 'zh-Hant', label: '繁體', convert: 's2tw', phrases: { '“': '「', '”': '」', 臺階: '台階' } },
    { lang: 'zh-HK', label: '香港', convert: 's2hk' },
  ],
};
`,
    });
    const [, tw, hk] = (await resolveDeckConfig(root, {})).variants;
    expect(tw!.convert?.('“迈上新台阶”，说着 ![图](图/济南.png)')).toBe(
      '「邁上新台階」，說著 ![圖](图/济南.png)',
    );
    expect(hk!.convert?.('说着')).toBe('説着');
  });

  it('refuses an unknown converter name at its line, listing the names', async () => {
    const root = deckWith({
      'slides/01.md': '# 一\n',
      'deck.config.js': `export default {
  lang: 'zh-Hans',
  variants: [
    { lang: 'zh-Hant', label: '繁體',
      convert: 's2taiwan' },
  ],
};
`,
    });
    expect(await problems(root)).toContainEqual(
      'deck.config.js:5:7: "variants.0.convert" must name a converter: one of s2tw, s2twp, s2hk, s2hkp, s2t, t2s, tw2s, tw2sp, hk2s, hk2sp, t2tw, t2hk, tw2t, hk2t (OpenCC\'s), or be a function from text to text; got "s2taiwan"',
    );
  });

  it('refuses a wrong value at its line in the config file, saying what is allowed', async () => {
    const root = deckWith({
      'slides/01.md': '# One\n',
      'deck.config.js': `export default {
  lang: 'english',
  variants: [
    { lang: 'zh-Hant', label: '' },
  ],
  slidesDir: '../elsewhere',
  colour: 'red',
};
`,
    });
    const lines = await problems(root);
    expect(lines).toContainEqual(
      'deck.config.js:2:3: "lang" must be a language tag such as "en", "zh-Hans" or "pt-BR"',
    );
    expect(lines).toContainEqual('deck.config.js:4:24: "variants.0.label" must not be empty');
    expect(lines).toContainEqual(
      'deck.config.js:6:3: "slidesDir" must be a path inside the deck folder, such as "slides" (no "..", not absolute)',
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^deck\.config\.js:7:3: unknown key "colour": known keys are title, name, lang/),
    );
    expect(lines.at(-1)).toBe('4 problems in deck.config.js: fix them and run it again');
  });

  it('refuses two pages for one language, and a config that is not an object', async () => {
    const twice = deckWith({
      'slides/01.md': '# One\n',
      'deck.config.mjs': "export default { lang: 'en', variants: [{ lang: 'en', label: 'Again' }] };\n",
    });
    expect(await problems(twice)).toContainEqual(
      'deck.config.mjs:1:30: language "en" has two pages: give each variant its own lang',
    );
    const notObject = deckWith({ 'slides/01.md': '# One\n', 'deck.config.js': 'export default 42;\n' });
    expect((await problems(notObject)).at(-1)).toBe(
      "deck.config.js must export default an object, such as: export default { lang: 'en' }",
    );
  });

  it('requires a source on every chart only when the config says sources: required', async () => {
    const chart = '# Chart\n\n```chart\ntype: bar\nlabels: [a]\ndatasets: [{ label: x, data: [1] }]\n```\n';
    const charts = async (config: string) => {
      const root = deckWith({ 'talk/01.md': chart, 'deck.config.js': config });
      const loaded = loadDeck({ root, config: await resolveDeckConfig(root, {}) });
      return loaded.diagnostics.map(formatDiagnostic);
    };
    expect(await charts("export default { slidesDir: 'talk' };\n")).toEqual([]);
    expect(await charts("export default { slidesDir: 'talk', sources: 'required' };\n")).toEqual([
      expect.stringMatching(/^talk\/01\.md:4:1: chart: the spec needs "source"/),
    ]);
    expect(
      await problems(deckWith({ 'deck.config.js': "export default { sources: 'always' };\n" })),
    ).toContainEqual('deck.config.js:1:18: "sources" must be "required" or "optional"; got "always"');
  });

  it('takes the units a number keeps on its line from text.noBreakUnits, checked at their line', async () => {
    const root = deckWith({
      'slides/01.md': '# 两场\n\n召开2场会议\n',
      'deck.config.js': "export default { lang: 'zh-Hans', text: { noBreakUnits: ['场'] } };\n",
    });
    const config = await resolveDeckConfig(root, {});
    expect(config.noBreakUnits).toEqual(['场']);
    expect(loadDeck({ root, config }).html).toContain('<span class="nw">2场</span>');
    expect((await resolveDeckConfig(deckWith({ 'slides/01.md': '# x\n' }), {})).noBreakUnits).toBeUndefined();
    expect(
      await problems(
        deckWith({ 'deck.config.js': "export default {\n  text: { noBreakUnits: ['个', '2 km'] },\n};\n" }),
      ),
    ).toContainEqual(
      'deck.config.js:2:11: "text.noBreakUnits.1" must be a unit as written right after a number, such as "元" or "km" (no digits, no spaces); got "2 km"',
    );
  });

  it('refuses a time zone that is not one', async () => {
    const root = deckWith({ 'deck.config.js': "export default {\n  timezone: 'Mars/Olympus',\n};\n" });
    expect(await problems(root)).toContainEqual(
      'deck.config.js:2:3: "timezone" must be an IANA time zone such as "Europe/Berlin" or "UTC"; got "Mars/Olympus"',
    );
  });

  it('says when the deck folder does not exist', async () => {
    await expect(resolveDeckConfig('/nonexistent/deck', {})).rejects.toThrow(
      'no deck folder at /nonexistent/deck',
    );
  });
});

const UNTRUSTED = { DECK_UNTRUSTED: '1' };

describe('deck.config.json, the config of a deck one does not trust', () => {
  it('holds the same settings as data, read the same with and without --untrusted', async () => {
    const root = fixtureRoot('json-config');
    for (const env of [{}, UNTRUSTED]) {
      const config = await resolveDeckConfig(root, env);
      expect(config).toMatchObject({
        file: join(root, 'deck.config.json'),
        title: 'A deck set by data',
        name: 'json-deck',
        lang: 'zh-Hans',
        theme: 'theme/deck.css',
        sources: 'required',
        untrusted: env === UNTRUSTED,
      });
      expect(config.variants.map((v) => [v.lang, v.label, v.page])).toEqual([
        ['zh-Hans', '简体', 'index.html'],
        ['zh-Hant', '繁體', 'zh-Hant/index.html'],
      ]);
      expect(config.variants[1]!.convert!('“数据”')).toBe('「數據」');
      const deck = loadDeck({ root, config });
      expect(deck.diagnostics.map(formatDiagnostic)).toEqual([]);
      expect(deck.stacks.flat().map((s) => s.title)).toEqual(['数据写的设置', '第二页']); // its separator: ***
    }
  });

  it('reports a JSON mistake at its line and column, and a wrong value at its key', async () => {
    expect(
      await problems(deckWith({ 'deck.config.json': '{\n  "lang": "en",\n  "title": "x",\n}\n' })),
    ).toEqual([
      'deck.config.json:3:15: a comma before "}": JSON allows none, remove it',
      'deck.config.json is not JSON: fix it at its line and run it again',
    ]);
    expect(await problems(deckWith({ 'deck.config.json': "{\n  'lang': 'en'\n}" }))).toContain(
      'deck.config.json:2:3: expected a key in double quotes, found "\'"',
    );
    const wrong = await problems(deckWith({ 'deck.config.json': '{\n  "title": "t",\n  "lang": 5\n}\n' }));
    expect(wrong[0]).toMatch(/^deck\.config\.json:3:3: "lang" /);
    expect(await problems(deckWith({ 'deck.config.json': '[1]' }))).toEqual([
      'deck.config.json must hold an object, such as: { "lang": "en" }',
    ]);
  });

  it('is one config file: a deck with two is told to keep one', async () => {
    const root = deckWith({ 'deck.config.js': 'export default {};', 'deck.config.json': '{}' });
    expect(await problems(root)).toEqual([
      'the deck has deck.config.js and deck.config.json: keep one config file',
    ]);
  });
});

describe('--untrusted (DECK_UNTRUSTED=1)', () => {
  it('refuses a config that is code without running it, and says to write deck.config.json', async () => {
    for (const name of ['deck.config.js', 'deck.config.mjs', 'deck.config.ts']) {
      const root = deckWith({
        'slides/01.md': '# t\n',
        [name]:
          "import { writeFileSync } from 'node:fs';\nwriteFileSync(new URL('./ran', import.meta.url), 'ran');\nexport default { lang: 'en' };\n",
      });
      const said = await problems(root, UNTRUSTED);
      expect(said[0]).toBe(`${name}:1:1: ${name} is not run under --untrusted`);
      expect(said[1]).toMatch(
        new RegExp(`^${name.replaceAll('.', '\\.')} is code, and --untrusted .* deck\\.config\\.json`),
      );
      expect(existsSync(join(root, 'ran'))).toBe(false);
      // Trusted, the same config runs: the deck's author is trusted.
      await resolveDeckConfig(root, {});
      expect(existsSync(join(root, 'ran'))).toBe(true);
    }
  });

  it('keeps the theme inside the deck folder (links resolved), and under --untrusted the slides and outDir too', async () => {
    const outside = deckWith({ 'theme.css': 'h1 { color: red }', 'slides/01.md': '# elsewhere\n' });
    const root = deckWith({
      'slides/01.md': '# t\n',
      'deck.config.json': '{\n  "theme": "look.css"\n}\n',
    });
    symlinkSync(join(outside, 'theme.css'), join(root, 'look.css'));
    expect((await problems(root))[0]).toMatch(
      /^deck\.config\.json:2:3: "theme" look\.css leads outside the project folder/,
    );
    const away = deckWith({
      'deck.config.json': '{\n  "slidesDir": "talk",\n  "outDir": "../built"\n}\n',
    });
    symlinkSync(join(outside, 'slides'), join(away, 'talk'));
    expect(await problems(away, UNTRUSTED)).toEqual([
      'deck.config.json:2:3: "slidesDir" talk leads outside the deck folder, which --untrusted (DECK_UNTRUSTED=1) refuses',
      'deck.config.json:3:3: "outDir" ../built must be a folder inside the deck folder under --untrusted (DECK_UNTRUSTED=1): the build empties it (the builder may set DECK_OUT_DIR)',
      '2 problems with the deck’s paths: fix them and run it again',
    ]);
    const linked = deckWith({ 'slides/01.md': '# t\n', 'deck.config.json': '{ "outDir": "dist" }' });
    symlinkSync(outside, join(linked, 'dist'));
    expect((await problems(linked, UNTRUSTED))[0]).toMatch(
      /^deck\.config\.json:1:3: "outDir" dist must be a folder inside/,
    );
  });

  it('under --untrusted follows the theme’s url() and @import, refusing what leads out of the deck', async () => {
    const outside = deckWith({ 'secret.png': 'not an image', 'brand.css': 'h1 { color: red }' });
    const root = deckWith({
      'slides/01.md': '# t\n',
      'deck.config.json': '{\n  "theme": "theme/deck.css"\n}\n',
      'theme/deck.css': `@import "parts.css";\n@import "https://fonts.example.com/x.css";\nh1 { background: url(${JSON.stringify(`../../${outside.split('/').pop()}/secret.png`)}); }\n`,
      'theme/parts.css': 'h2 { background: url(logo.png) }\nh3 { background: url(/img/ok.png) }\n',
      'img/ok.png': 'png',
    });
    symlinkSync(join(outside, 'secret.png'), join(root, 'theme', 'logo.png'));
    const said = await problems(root, UNTRUSTED);
    expect(said.slice(0, 2)).toEqual([
      `deck.config.json:2:3: "theme" theme/deck.css: "../../${outside.split('/').pop()}/secret.png" in theme/deck.css is outside the project folder; a deck may only use files inside it (copy the file into the project)`,
      `deck.config.json:2:3: "theme" theme/deck.css: "logo.png" in theme/parts.css leads outside the project folder (to ${join(outside, 'secret.png')}); a deck may only use files inside it (copy the file into the project)`,
    ]);
    // Trusted, the theme is the author's: only its own path is checked.
    expect((await resolveDeckConfig(root, {})).theme).toBe('theme/deck.css');
  });

  it('under --untrusted refuses what in public/ (copied into the site as it is) leads out of the deck', async () => {
    const outside = deckWith({ id_rsa: 'key' });
    const root = deckWith({
      'slides/01.md': '# t\n',
      'public/robots.txt': 'ok',
      'public/icons/a.svg': '<svg/>',
    });
    expect((await resolveDeckConfig(root, UNTRUSTED)).untrusted).toBe(true);
    symlinkSync(join(outside, 'id_rsa'), join(root, 'public', 'icons', 'key'));
    symlinkSync(outside, join(root, 'public', 'home'));
    expect(await problems(root, UNTRUSTED)).toEqual([
      `public/home:1:1: public/home leads outside the deck folder (to ${outside}), which --untrusted (DECK_UNTRUSTED=1) refuses: copy the file into the deck`,
      `public/icons/key:1:1: public/icons/key leads outside the deck folder (to ${join(outside, 'id_rsa')}), which --untrusted (DECK_UNTRUSTED=1) refuses: copy the file into the deck`,
      '2 problems with the deck’s paths: fix them and run it again',
    ]);
    await resolveDeckConfig(root, {}); // the trusted author's links are theirs
  });

  it('refuses code in the slides’ raw HTML at its line, which a trusted deck may hold', async () => {
    const root = deckWith({
      'slides/a.png': 'png',
      'slides/01.md':
        '# t\n\n<script>fetch("/x")</script>\n\nText <img src="a.png" onerror="alert(1)"> and <a href="javascript:alert(1)">here</a>\n\n```html\n<script>shown as code</script>\n```\n',
    });
    const untrusted = await resolveDeckConfig(root, UNTRUSTED);
    expect(loadDeck({ root, config: untrusted }).diagnostics.map(formatDiagnostic)).toEqual([
      'slides/01.md:3:1: a <script> element is deck code, which --untrusted (DECK_UNTRUSTED=1) does not run: remove it',
      'slides/01.md:5:23: an event handler (onerror) is deck code, which --untrusted (DECK_UNTRUSTED=1) does not run: remove it',
      'slides/01.md:5:56: a javascript: URL is deck code, which --untrusted (DECK_UNTRUSTED=1) does not run: remove it',
    ]);
    // Trusted, the page's Content-Security-Policy still blocks it: a warning says how to move it (#27.5).
    const trusted = await resolveDeckConfig(root, {});
    expect(loadDeck({ root, config: trusted }).diagnostics.map(formatDiagnostic)).toEqual([
      `slides/01.md:3:1: warning: a <script> element never runs: the page's Content-Security-Policy runs only the deck's bundled code. Move its code into a file, scripts/01.js, and name it in the deck's config (deck.config.js): scripts: ['scripts/01.js'], (README: "A deck's own scripts")`,
      `slides/01.md:5:23: warning: an event handler (onerror) never runs: the page's Content-Security-Policy runs only the deck's bundled code. Attach it from a module named in the deck's config (deck.config.js), such as scripts: ['scripts/01.js'], with addEventListener (README: "A deck's own scripts")`,
      `slides/01.md:5:56: warning: a javascript: URL never runs: the page's Content-Security-Policy runs only the deck's bundled code. Attach it from a module named in the deck's config (deck.config.js), such as scripts: ['scripts/01.js'], with addEventListener (README: "A deck's own scripts")`,
    ]);
  });

  it('tells a trusted deck to name a <script src> in scripts:, as the config line to write (#27.5)', async () => {
    const root = deckWith({
      'talk/02.md': '# t\n\n<script src="js/confetti.js"></script>\n',
      'talk/js/confetti.js': '',
      'deck.config.json': '{ "slidesDir": "talk" }',
    });
    const said = loadDeck({ root, config: await resolveDeckConfig(root, {}) }).diagnostics;
    expect(said.map(formatDiagnostic)).toEqual([
      `talk/02.md:3:1: warning: a <script> element never runs: the page's Content-Security-Policy runs only the deck's bundled code. Name its file in the deck's config (deck.config.js): scripts: ['talk/js/confetti.js'], (README: "A deck's own scripts")`,
    ]);
  });

  it('refuses the deck’s scripts: they are code (#27.5)', async () => {
    const root = deckWith({
      'slides/01.md': '# t\n',
      'scripts/a.js': 'Reveal.on("ready", () => {});\n',
      'deck.config.json': '{\n  "lang": "en",\n  "scripts": ["scripts/a.js"]\n}\n',
    });
    expect(await problems(root, UNTRUSTED)).toEqual([
      `deck.config.json:3:3: "scripts" is the deck's own code, which --untrusted (DECK_UNTRUSTED=1) runs none of: remove "scripts" (the slides show without them) or build the deck as trusted`,
      '1 problem with the deck’s paths: fix it and run it again',
    ]);
    expect((await resolveDeckConfig(root, {})).scripts).toEqual(['scripts/a.js']);
  });
});

describe('scripts: the deck’s own browser modules (#27.5)', () => {
  it('lists them in order, and says where a missing one is named, with the file it likely meant', async () => {
    const files = {
      'slides/01.md': '# t\n',
      'scripts/reveal-ready.js': '',
      'scripts/chart.ts': '',
    };
    const root = deckWith({
      ...files,
      'deck.config.js': `export default {
  lang: 'en',
  scripts: [
    'scripts/chart.ts',
    "scripts/reveal-redy.js",
  ],
};
`,
    });
    expect(await problems(root)).toEqual([
      'deck.config.js:5:5: "scripts" names scripts/reveal-redy.js, which does not exist; did you mean "scripts/reveal-ready.js"?',
      '1 problem with the deck’s paths: fix it and run it again',
    ]);
    const fixed = deckWith({
      ...files,
      'deck.config.js': "export default { scripts: ['scripts/chart.ts', 'scripts/reveal-ready.js'] };\n",
    });
    expect((await resolveDeckConfig(fixed, {})).scripts).toEqual([
      'scripts/chart.ts',
      'scripts/reveal-ready.js',
    ]);
    const notModule = deckWith({
      ...files,
      'deck.config.js': "export default {\n  scripts: ['slides/01.md'],\n};\n",
    });
    expect((await problems(notModule))[0]).toBe(
      'deck.config.js:2:3: "scripts.0" must be a JavaScript or TypeScript module (.js, .mjs, .ts, .mts)',
    );
  });
});

describe('theme: a built-in theme and/or a stylesheet (#27.8)', () => {
  it('takes "light" or "dark", a .css file, or both, and refuses anything else at its line', async () => {
    const cases: [unknown, { scheme: string; theme?: string }][] = [
      [undefined, { scheme: 'light' }],
      ['dark', { scheme: 'dark' }],
      ['look.css', { scheme: 'light', theme: 'look.css' }],
      [['dark', 'look.css'], { scheme: 'dark', theme: 'look.css' }],
    ];
    for (const [theme, want] of cases) {
      const root = deckWith({
        'slides/01.md': '# t\n',
        'look.css': 'h1 { color: red }',
        'deck.config.json': JSON.stringify(theme === undefined ? {} : { theme }),
      });
      const config = await resolveDeckConfig(root, {});
      expect({ scheme: config.scheme, theme: config.theme }).toEqual({ theme: undefined, ...want });
    }
    const root = deckWith({ 'slides/01.md': '# t\n', 'deck.config.json': '{\n  "theme": "midnight"\n}\n' });
    expect((await problems(root))[0]).toBe(
      'deck.config.json:2:3: "theme" must be "light" or "dark" (the built-in themes), a .css file in the deck folder, or both as ["dark", "theme.css"]',
    );
    const two = deckWith({ 'slides/01.md': '# t\n', 'deck.config.json': '{ "theme": ["dark", "light"] }' });
    expect((await problems(two))[0]).toBe(
      'deck.config.json:1:3: "theme" must hold at most one built-in theme and one stylesheet, such as ["dark", "theme.css"]',
    );
  });
});
