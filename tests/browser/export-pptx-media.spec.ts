import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { all, EMU, frame, type PptxPackage, readPptx, text } from '../ooxml.ts';
import { keptPictures, type Pictures, printedPictures } from './pptx-pictures.ts';
import { deck, type Run, sofficeToPdf } from './run-export.ts';

/**
 * Every picture kept (#27.2): a deck with each kind of image (tests/fixtures/pptx-media: `![]()`, a raw
 * `<img>`, an SVG image, a background image, a background video, an iframe, a video with a poster, a listing
 * longer than its box) exported as a user runs it, the file read back against the print view's DOM, then
 * opened by LibreOffice Impress.
 */
const dir = fileURLToPath(new URL('../fixtures/pptx-media', import.meta.url));
const LONG = 240_000;

let work: string;
let file: string;
let run: Run;
let pkg: PptxPackage;
let printed: Pictures[];

test.beforeAll(async ({ browser }) => {
  test.setTimeout(LONG);
  work = mkdtempSync(join(tmpdir(), 'deck-pptx-media-'));
  file = join(work, 'media.pptx');
  const env = { DECK_OUT_DIR: join(work, 'site') };
  run = await deck(['pptx', dir, '--out', file], { env });
  if (run.status === 0) pkg = await readPptx(readFileSync(file));
  printed = await printedPictures(browser, dir, env);
});

test.afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

test('keeps every picture: as many <p:pic> as the page draws media, backgrounds as slide backgrounds, SVG as SVG', async () => {
  expect(run.status, run.stderr).toBe(0);
  expect(pkg.slides).toHaveLength(printed.length);
  const kept = await keptPictures(pkg);
  expect(kept).toEqual(printed);
  // The fixture has each kind: 3 on the first slide (one SVG), an iframe and a video on the fourth, two backdrops;
  // the video is a still of the player (a fallback picture), the rest pictures of their own.
  expect(printed.reduce((n, p) => n + p.media, 0)).toBe(5);
  expect(printed.filter((p) => p.backdrop)).toHaveLength(2);
  expect(run.stderr).toMatch(/4 pictures, 1 fallback pictures, 2 background pictures/);
});

test('an SVG picture has a real PNG fallback beside its SVG, as PowerPoint stores one', async () => {
  const path = pkg.slides[0]!;
  const slide = await pkg.xml(path);
  const svgPic = all(slide, 'p:pic').find((p) => all(p, 'asvg:svgBlip').length === 1)!;
  const blip = all(svgPic, 'a:blip')[0]!;
  const relsXml = await pkg.xml(path.replace(/([^/]+)$/, '_rels/$1.rels'));
  // `../media/x.png` from ppt/slides/.
  const target = (id: string | null) =>
    `ppt/${(
      all(relsXml, 'Relationship')
        .find((e) => e.getAttribute('Id') === id)
        ?.getAttribute('Target') ?? ''
    ).replace(/^\.\.\//, '')}`;
  const svg = await pkg.zip
    .file(target(all(svgPic, 'asvg:svgBlip')[0]!.getAttribute('r:embed'))!)!
    .async('string');
  expect(svg).toContain('<svg');
  const png = await pkg.zip.file(target(blip.getAttribute('r:embed'))!)!.async('uint8array');
  const view = new DataView(png.buffer, png.byteOffset);
  expect([...png.slice(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
  // Drawn at twice its 120 px box, not PptxGenJS's broken-image stand-in.
  expect(view.getUint32(16)).toBeGreaterThanOrEqual(240);
});

test('names, per slide, what the file holds otherwise than the page; a long listing stays in its box', async () => {
  expect(run.stderr).toMatch(
    /slide 3 \(slides\/01-pictures\.md:\d+-\d+\): background video \S+clip\S*\.webm kept as a still picture/,
  );
  expect(run.stderr).toMatch(
    /slide 4 \(slides\/01-pictures\.md:\d+-\d+\): iframe \S+frame\S*\.html kept as a placeholder/,
  );
  expect(run.stderr).toMatch(
    /slide 4 \(.*\): video \(poster \S+poster\S*\.png\) kept as a still picture \(its poster\)/,
  );
  expect(run.stderr).toMatch(
    /slide 5 \(.*\): code listing clipped to its box as on the slide: \d+ of \d+ characters not shown/,
  );
  const listing = await pkg.xml(pkg.slides[4]!);
  const code = all(listing, 'p:sp').find((sp) => text(sp).includes('line01'))!;
  expect(text(code)).not.toContain('line60');
  const box = frame(code);
  expect(box.y + box.cy).toBeLessThanOrEqual(EMU.h);
});

test('opens in LibreOffice Impress: one page a slide, with its pictures', async () => {
  test.setTimeout(LONG);
  const out = join(work, 'soffice');
  const { status, log, left } = await sofficeToPdf(file, out);
  expect(status, log).toBe(0);
  expect(left).toEqual([]);
  const pdf = join(out, 'media.pdf');
  const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
  expect(Number(/Pages:\s+(\d+)/.exec(info.stdout)?.[1])).toBe(printed.length);
  // Each picture and backdrop drawn: pdfimages lists one image or more per kept picture.
  const images = spawnSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).stdout.split('\n').slice(2);
  const pages = new Set(images.filter(Boolean).map((l) => Number(l.trim().split(/\s+/)[0])));
  for (const [i, p] of printed.entries())
    if (p.media > 0 || p.backdrop) expect(pages.has(i + 1), `page ${i + 1} has a picture`).toBe(true);
});
