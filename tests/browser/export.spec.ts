import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { PDFDict, PDFDocument, PDFHexString, PDFName, type PDFRef } from 'pdf-lib';
import { resolveDeckConfig } from '../../src/config/index.ts';
import { loadDeck } from '../../src/node/load.ts';
import { openDeck } from './deck.ts';
import { deck, type Run } from './run-export.ts';

/**
 * `deck export` as a user runs it: a whole process, its PDF parsed (pdf-lib for structure and metadata,
 * poppler's pdftotext/pdffonts/pdfimages for text, fonts and images), its PNGs measured, and its failures
 * checked for their message, the file they must not touch, and the processes they must not leave behind.
 * One export of each kind is shared by the tests that read it.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'deck-export-'));
const LONG = 240_000;

const squash = (s: string) => s.replace(/\s+/g, '');

/** Each page's text, in reading order, from poppler. */
function pageTexts(file: string): string[] {
  const out = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  expect(out.status, out.stderr).toBe(0);
  return out.stdout.split('\f').slice(0, -1);
}

interface SlideFacts {
  title: string;
  notes: string;
  /** Fragment steps after the first view of the slide. */
  steps: number;
}

/** What the deck's page says of each slide, as reveal.js sees it on screen. */
async function slideFacts(page: Page, path: string): Promise<SlideFacts[]> {
  await openDeck(page, path);
  return page.evaluate(() =>
    window.Reveal.getSlides().map((slide) => ({
      title: slide.querySelector('h1, h2, h3, h4, h5, h6')?.textContent?.trim() ?? '',
      notes: slide.querySelector('aside.notes')?.textContent?.trim() ?? '',
      // As reveal.js groups them: one step per fragment index, and one per fragment without one.
      steps: ((all: HTMLElement[]) =>
        new Set(all.map((f) => f.dataset.fragmentIndex).filter((x) => x !== undefined)).size +
        all.filter((f) => f.dataset.fragmentIndex === undefined).length)([
        ...slide.querySelectorAll<HTMLElement>('.fragment'),
      ]),
    })),
  );
}

function outlineTitles(doc: PDFDocument): string[] {
  const walk = (first: PDFRef | undefined): string[] => {
    const titles: string[] = [];
    for (let ref = first; ref; ) {
      const item = doc.context.lookup(ref, PDFDict);
      titles.push(item.lookup(PDFName.of('Title'), PDFHexString).decodeText());
      titles.push(...walk(item.get(PDFName.of('First')) as PDFRef | undefined).map((t) => `  ${t}`));
      ref = item.get(PDFName.of('Next')) as PDFRef | undefined;
    }
    return titles;
  };
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  return outlines ? walk(outlines.get(PDFName.of('First')) as PDFRef | undefined) : [];
}

test.describe('export pdf', () => {
  const file = join(work, 'deck.pdf');
  let run: Run;
  let slides: SlideFacts[];
  let texts: string[];

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(LONG);
    run = await deck(['pdf', '--out', file]);
    const page = await browser.newPage({ baseURL: test.info().project.use.baseURL });
    slides = await slideFacts(page, '/');
    await page.close();
    texts = run.status === 0 ? pageTexts(file) : [];
  });

  test('exits 0 with counted steps and a one-line summary, leaving no process behind', () => {
    expect(run.stderr).toMatch(
      /\[1\/4\] build[\s\S]*\[2\/4\] load[\s\S]*\[3\/4\] render[\s\S]*\[4\/4\] write/,
    );
    expect(run.stderr).toMatch(
      new RegExp(`export pdf: .*deck\\.pdf: ${slides.length} pages .*, \\d+(\\.\\d)? s\\n$`),
    );
    expect(run.status).toBe(0);
    expect(run.leftovers).toEqual([]);
    expect(readdirSync(work).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  test('has one 16:9 page per slide, each with its title and its number as on screen', async () => {
    const doc = await PDFDocument.load(readFileSync(file));
    expect(doc.getPageCount()).toBe(slides.length);
    const { width, height } = doc.getPage(0).getSize();
    expect(width / height).toBeCloseTo(16 / 9, 3);
    expect(texts).toHaveLength(slides.length);
    slides.forEach((slide, i) => {
      const text = squash(texts[i]!);
      if (slide.title) expect(text, `page ${i + 1}`).toContain(squash(slide.title));
      expect(text, `page ${i + 1}`).toContain(`${i + 1}/${slides.length}`);
    });
  });

  test('embeds Chinese as named subset CID TrueType fonts, none Type 3', () => {
    const out = spawnSync('pdffonts', [file], { encoding: 'utf8' });
    const fonts = out.stdout.trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) {
      expect(line).not.toContain('Type 3');
      expect(line).toMatch(/^[A-Z]{6}\+\S+\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    }
    // One font a weight: the print view draws with one face a weight, not the first-slide and rest parts.
    expect(fonts.map((l) => l.replace(/^[A-Z]{6}\+(\S+).*/, '$1')).sort()).toEqual([
      'NotoSansSC-Bold',
      'NotoSansSC-Regular',
    ]);
  });

  test('weighs at most 12 KB a page', () => {
    // Was 21.9 KB: each weight embedded twice, and dashed frames printed one path per dash (print.css); 15.6 KB
    // with the third pass's design (the navigator on 13 slides); 10.5 KB once each rounded corner is one curve,
    // not Skia's 8 to 16 (pdf-arcs.ts). #29's goal.
    expect(readFileSync(file).length / texts.length).toBeLessThan(12 * 1024);
  });

  test('draws charts as vectors whose labels and values are text', () => {
    const all = texts.join('\n');
    for (const value of ['16.4%', '987.85', '10189.4']) expect(all).toContain(value);
    // An axis tick only Chart.js draws (in the labels' format: 10189.4, so 12000), on a page with no image on
    // it: the chart is vector.
    const chartPage = texts.findIndex((t) => /^12000$/m.test(t));
    expect(chartPage).toBeGreaterThanOrEqual(0);
    const images = spawnSync(
      'pdfimages',
      ['-list', '-f', `${chartPage + 1}`, '-l', `${chartPage + 1}`, file],
      {
        encoding: 'utf8',
      },
    );
    expect(images.stdout.trim().split('\n').slice(2)).toEqual([]);
  });

  test('carries title, author, subject, language, tags and an outline per section', async () => {
    const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
    expect(doc.getTitle()).toBe('工业强市作战图');
    expect(doc.getAuthor()).toBeTruthy();
    expect(doc.getSubject()).toBeTruthy();
    expect(doc.catalog.lookup(PDFName.of('Lang'))?.toString()).toContain('zh-Hans');
    expect(doc.catalog.get(PDFName.of('StructTreeRoot'))).toBeDefined();
    const sections: string[] = [];
    for (const s of loadDeck({ root, config: await resolveDeckConfig(root) }).stacks.flat())
      if (s.section && sections[sections.length - 1] !== s.section) sections.push(s.section);
    const top = outlineTitles(doc).filter((t) => !t.startsWith(' '));
    expect(top).toEqual(sections);
  });
});

test.describe('export pdf --notes --fragments --lang zh-Hant', () => {
  const file = join(work, 'notes.pdf');
  let run: Run;

  test.beforeAll(async () => {
    test.setTimeout(LONG);
    run = await deck(['pdf', '--notes', '--fragments', '--lang', 'zh-Hant', '--out', file, '--quiet']);
  });

  test('prints a page per fragment step, then a page of the slide’s notes', async ({ page }) => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const slides = await slideFacts(page, '/zh-Hant/');
    const texts = pageTexts(file);
    let at = 0;
    for (const [i, slide] of slides.entries()) {
      for (let step = 0; step <= slide.steps; step++, at++)
        if (slide.title)
          expect(squash(texts[at] ?? ''), `slide ${i + 1} step ${step}`).toContain(squash(slide.title));
      if (!slide.notes) continue;
      const notes = squash(texts[at++] ?? '');
      expect(notes, `notes of slide ${i + 1}`).toContain(squash(slide.notes).slice(0, 24));
      expect(notes).toContain(squash(slide.title));
    }
    expect(texts).toHaveLength(at);
    const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
    expect(doc.getTitle()).toBe('工業強市作戰圖');
    expect(spawnSync('pdffonts', [file], { encoding: 'utf8' }).stdout).not.toContain('Type 3');
  });
});

test('export png writes one PNG per slide at 1920×1080 × scale', async () => {
  test.setTimeout(LONG);
  const dir = join(work, 'png');
  mkdirSync(dir);
  // A folder an earlier export of a longer deck wrote (its .deck-png lists 99.png), and a file of the user's.
  writeFileSync(join(dir, '.deck-png'), JSON.stringify({ by: 'deck export png', files: ['99.png'] }));
  writeFileSync(join(dir, '99.png'), 'left from a longer deck');
  writeFileSync(join(dir, 'notes.txt'), 'not ours');
  const run = await deck(['png', '--scale', '0.5', '--out', dir, '--quiet']);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.leftovers).toEqual([]);
  const count = loadDeck({ root, config: await resolveDeckConfig(root) }).stacks.flat().length;
  const names = readdirSync(dir).sort();
  expect(names).toEqual([
    '.deck-png',
    ...Array.from({ length: count }, (_, i) => `${String(i + 1).padStart(2, '0')}.png`),
    'notes.txt',
  ]);
  for (const name of names.filter((n) => n.endsWith('.png'))) {
    const png = readFileSync(join(dir, name));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)], name).toEqual([960, 540]);
  }
});

test.describe('export failures', () => {
  const OLD = 'the previous export';

  /** A project folder with an existing export that a failed run must leave as it was. */
  function project(name: string): { dir: string; out: string } {
    const dir = join(work, name);
    mkdirSync(dir, { recursive: true });
    const out = join(dir, 'old.pdf');
    writeFileSync(out, OLD);
    return { dir, out };
  }

  function untouched(dir: string, out: string) {
    expect(readFileSync(out, 'utf8')).toBe(OLD);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  }

  test('no Chromium: exit ≠ 0 and the install command', async () => {
    const { dir, out } = project('no-browser');
    const run = await deck(['pdf', '--out', out], { env: { CHROMIUM_PATH: '/nonexistent' } });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('apt-get install chromium');
    untouched(dir, out);
  });

  test('broken slides: every problem at its line, the old PDF kept', async () => {
    const { dir, out } = project('broken');
    cpSync(join(root, 'tests/fixtures/broken/slides'), join(dir, 'slides'), { recursive: true });
    const run = await deck(['pdf', '--out', out], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('slides/01-broken.md:7:4: unknown fence name "chrat"');
    expect(run.stderr).toContain('slides/02-unknown-key.md:2:1: unknown key "titel" in front matter');
    expect(run.stderr).toMatch(/problems in the slides: fix them and export again/);
    untouched(dir, out);
    expect(run.leftovers).toEqual([]);
  });

  test('a deck that never gets ready: the slides named, the old PDF kept, nothing left running', async () => {
    test.setTimeout(LONG);
    const { dir, out } = project('never-ready');
    mkdirSync(join(dir, 'dist'));
    // A built page whose chart never draws: the runtime never sets data-deck-ready.
    writeFileSync(
      join(dir, 'dist/index.html'),
      `<!doctype html><html lang="zh-Hans"><body><div class="reveal"><div class="slides">
<section data-source="slides/01-a.md:1-4"><h2>第一页</h2></section>
<section data-source="slides/02-b.md:1-9"><h2>图表页</h2><figure data-block="chart" id="c1" data-block-state="pending"></figure></section>
</div></div></body></html>`,
    );
    const run = await deck(['pdf', '--out', out, '--timeout', '2'], {
      cwd: dir,
      env: { DECK_OUT_DIR: 'dist' },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('did not become ready within 2 s');
    expect(run.stderr).toContain('slides/02-b.md:1-9 "图表页": chart c1 not drawn');
    untouched(dir, out);
    expect(run.leftovers).toEqual([]);
  });

  test('a deck ready but for a block still drawing: the export waits on data-block-state, whichever block', async () => {
    test.setTimeout(LONG);
    const { dir, out } = project('block-pending');
    mkdirSync(join(dir, 'dist'));
    // Everything else says ready (the deck, reveal.js's pages): only the block's own state holds the export.
    writeFileSync(
      join(dir, 'dist/index.html'),
      `<!doctype html><html lang="zh-Hans" data-deck-ready="true"><body><div class="reveal"><div class="slides">
<div class="pdf-page"><section data-source="slides/01-a.md:1-4"><h2>第一页</h2></section></div>
<div class="pdf-page"><section data-source="slides/02-b.md:1-9"><h2>数字页</h2><div data-block="any-block" id="b1" data-block-state="pending"></div></section></div>
</div></div></body></html>`,
    );
    const run = await deck(['pdf', '--out', out, '--timeout', '2'], {
      cwd: dir,
      env: { DECK_OUT_DIR: 'dist' },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('slides/02-b.md:1-9 "数字页": any-block b1 not drawn');
    untouched(dir, out);
    expect(run.leftovers).toEqual([]);
  });

  test('a deck that fails at runtime: its error and the slide that was not drawn', async () => {
    const { dir, out } = project('deck-error');
    mkdirSync(join(dir, 'dist'));
    writeFileSync(
      join(dir, 'dist/index.html'),
      `<!doctype html><html lang="zh-Hans" data-deck-ready="error" data-deck-error="chart c1: no data"><body>
<div class="reveal"><div class="slides">
<section data-source="slides/01-a.md:1-4"><h2>第一页</h2></section>
<section data-source="slides/02-b.md:1-9"><h2>图表页</h2><figure data-block="chart" id="c1" data-block-state="pending"></figure></section>
</div></div></body></html>`,
    );
    const run = await deck(['pdf', '--out', out], { cwd: dir, env: { DECK_OUT_DIR: 'dist' } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('the deck failed to start: chart c1: no data');
    expect(run.stderr).toContain('slides/02-b.md:1-9 "图表页": chart c1 not drawn');
    expect(run.stderr).not.toContain('slides/01-a.md');
    untouched(dir, out);
    expect(run.leftovers).toEqual([]);
  });
});
