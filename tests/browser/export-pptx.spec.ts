import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { all, chartSeries, EMU, frame, type PptxPackage, readPptx, text } from '../ooxml.ts';
import { deck, type Run, sofficeToPdf } from './run-export.ts';

/**
 * `deck export pptx` on the real deck, as a user runs it, its file read back by a reader of its own (JSZip and
 * xmldom, not PptxGenJS) against what the browser shows in the print view, then opened by LibreOffice Impress.
 */

const work = mkdtempSync(join(tmpdir(), 'deck-export-pptx-'));
const LONG = 240_000;
const squash = (s: string) => s.replace(/\s+/g, '');

interface PrintedSlide {
  title: string;
  notes: string;
  /** Every visible text node's text (charts' own labels excepted: they are chart parts). */
  texts: string[];
  charts: number;
  /** The charts' models as the page carries them (labels, series with the values the data resolved to). */
  models: {
    labels: string[];
    horizontal: boolean;
    datasets: { label: string; data: number[] }[];
    marks: { value: number; label: string }[];
  }[];
}

/** What the print view shows on each page, read in the browser. */
async function printedSlides(page: Page): Promise<PrintedSlide[]> {
  await page.goto('/?print-pdf&pdfSeparateFragments=false');
  await page.waitForFunction(
    () => document.documentElement.dataset.deckReady === 'true' && document.querySelector('.pdf-page'),
  );
  return page.evaluate(() =>
    [...document.querySelectorAll('.reveal .slides .pdf-page')].map((pageEl) => {
      const texts: string[] = [];
      const walker = document.createTreeWalker(pageEl, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        const t = node.textContent?.trim();
        if (!t || !el || el.closest('aside.notes, script, .chart-frame')) continue;
        if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
        // Screen-reader text: clipped to nothing.
        let clipped = false;
        for (let a: Element | null = el; a && a !== pageEl; a = a.parentElement)
          if (/^inset\(50%/.test(getComputedStyle(a).clipPath)) clipped = true;
        if (!clipped) texts.push(t);
      }
      const section = pageEl.querySelector('section');
      return {
        title: section?.querySelector('h1, h2, h3, h4, h5, h6')?.textContent?.trim() ?? '',
        notes: section?.querySelector('aside.notes')?.textContent?.trim() ?? '',
        texts,
        charts: pageEl.querySelectorAll('[data-block="chart"]').length,
        models: [...pageEl.querySelectorAll('script.chart-model')].map((s) =>
          JSON.parse(s.textContent ?? ''),
        ),
      };
    }),
  );
}

/** Each chart block of the deck that takes its data from a file: the file's labels and series. */
test.describe('export pptx', () => {
  const file = join(work, 'deck.pptx');
  let run: Run;
  let printed: PrintedSlide[];
  let pkg: PptxPackage;

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(LONG);
    run = await deck(['pptx', '--out', file]);
    const page = await browser.newPage({
      baseURL: test.info().project.use.baseURL,
      viewport: { width: 1920, height: 1080 },
    });
    printed = await printedSlides(page);
    await page.close();
    if (run.status === 0) pkg = await readPptx(readFileSync(file));
  });

  test('exits 0 with counted steps, a summary that counts objects and fallbacks, no process left', () => {
    expect(run.stderr).toMatch(
      /\[1\/4\] build[\s\S]*\[2\/4\] load[\s\S]*\[3\/4\] render[\s\S]*\[4\/4\] write/,
    );
    expect(run.stderr).toMatch(
      new RegExp(
        `export pptx: .*deck\\.pptx: ${printed.length} slides .*\\n {2}\\d+ text boxes, \\d+ shapes, .*\\d+ charts, \\d+ pictures, \\d+ fallback pictures`,
      ),
    );
    expect(run.status).toBe(0);
    expect(run.leftovers).toEqual([]);
    expect(readdirSync(work).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  test('has one slide per leaf slide, with the deck’s title and sections', async () => {
    expect(printed.length).toBeGreaterThan(10);
    expect(pkg.slides).toHaveLength(printed.length);
    const core = await pkg.xml('docProps/core.xml');
    expect(all(core, 'dc:title')[0]?.textContent).toBeTruthy();
    const sections = all(await pkg.xml('ppt/presentation.xml'), 'p14:section');
    expect(sections.length).toBeGreaterThan(1);
    const listed = sections.flatMap((s) => all(s, 'p14:sldId'));
    expect(listed).toHaveLength(printed.length);
  });

  test('writes every chart of the deck as a chart part with its data file’s values and a workbook', async () => {
    const parts: { slide: number; series: ReturnType<typeof chartSeries>; workbook: boolean }[] = [];
    for (const [i, slide] of pkg.slides.entries())
      for (const rel of (await pkg.rels(slide)).filter((r) => r.type === 'chart')) {
        const chart = await pkg.xml(rel.target);
        const workbook = (await pkg.rels(rel.target)).find((r) => r.type === 'package');
        parts.push({
          slide: i,
          series: chartSeries(chart),
          workbook: Boolean(workbook && pkg.zip.file(workbook.target)),
        });
      }
    expect(parts.map((p) => p.slide)).toEqual(printed.flatMap((s, i) => Array(s.charts).fill(i)));
    const expected = printed.flatMap((s) => s.models);
    expect(expected.length).toBeGreaterThan(0);
    for (const chart of expected) {
      const labels = chart.labels.map((l) => l.replace(/\s*\n\s*/g, ' '));
      const part = parts.find((p) => JSON.stringify(p.series[0]?.categories) === JSON.stringify(labels));
      expect(part, `chart ${labels.join('/')}`).toBeDefined();
      expect(part!.series.map((s) => ({ label: s.name, data: s.values }))).toEqual(
        chart.datasets.map((d) => ({ label: d.label, data: d.data })),
      );
      expect(part!.workbook).toBe(true);
    }
  });

  test('draws each chart’s reference lines over the native chart, laid out as the page’s, on their values', async () => {
    type XmlElement = ReturnType<typeof all>[number];
    const val = (el: XmlElement | undefined, tag: string) =>
      el ? Number(all(el, tag)[0]?.getAttribute('val')) : Number.NaN;
    let checked = 0;
    for (const [i, path] of pkg.slides.entries()) {
      const slide = await pkg.xml(path);
      const frames = all(slide, 'p:graphicFrame');
      const rels = (await pkg.rels(path)).filter((r) => r.type === 'chart');
      for (const model of printed[i]!.models.filter((m) => m.marks.length > 0)) {
        const labels = model.labels.map((l) => l.replace(/\s*\n\s*/g, ' '));
        let chart: XmlElement | undefined;
        let at = -1;
        for (const [k, rel] of rels.entries()) {
          const xml = await pkg.xml(rel.target);
          if (JSON.stringify(chartSeries(xml)[0]?.categories) === JSON.stringify(labels))
            [chart, at] = [xml, k];
        }
        expect(chart, `slide ${i + 1}: the chart of ${labels.join('/')}`).toBeDefined();
        const plot = all(all(chart!, 'c:plotArea')[0]!, 'c:manualLayout')[0];
        expect(plot, `slide ${i + 1}: the plot area laid out as the page's`).toBeDefined();
        const [lx, ly, lw, lh] = ['c:x', 'c:y', 'c:w', 'c:h'].map((t) => val(plot, t));
        const scaling = all(all(chart!, 'c:valAx')[0]!, 'c:scaling')[0];
        const [min, max] = [val(scaling, 'c:min'), val(scaling, 'c:max')];
        expect(max! > min!, `slide ${i + 1}: the value axis range`).toBe(true);
        const g = frame(frames[at]!);
        const dashed = all(slide, 'p:sp')
          .filter((sp) => all(sp, 'a:prstGeom')[0]?.getAttribute('prst') === 'line')
          .filter((sp) => all(sp, 'a:prstDash')[0]?.getAttribute('val') === 'dash')
          .map(frame);
        for (const mark of model.marks) {
          const share = (mark.value - min!) / (max! - min!);
          const near = (a: number, b: number) => Math.abs(a - b) < EMU.w * 0.004;
          const line = model.horizontal
            ? dashed.find(
                (f) =>
                  f.cx === 0 && near(f.x, g.x + g.cx * (lx! + lw! * share)) && near(f.y, g.y + g.cy * ly!),
              )
            : dashed.find(
                (f) =>
                  f.cy === 0 &&
                  near(f.y, g.y + g.cy * (ly! + lh! * (1 - share))) &&
                  near(f.x, g.x + g.cx * lx!),
              );
          expect(line, `slide ${i + 1}: the line of “${mark.label}” at ${mark.value}`).toBeDefined();
          expect(squash(text(slide)), `slide ${i + 1}`).toContain(squash(mark.label));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  test('no slide is a picture: each has native text, no picture covers it, and every visible text is text', async () => {
    for (const [i, path] of pkg.slides.entries()) {
      const slide = await pkg.xml(path);
      const textShapes = all(slide, 'p:sp').filter((sp) => text(sp).trim());
      expect(textShapes.length, `slide ${i + 1}`).toBeGreaterThan(0);
      for (const pic of all(slide, 'p:pic')) {
        const f = frame(pic);
        expect((f.cx * f.cy) / (EMU.w * EMU.h), `slide ${i + 1} picture`).toBeLessThan(0.9);
      }
      const written = squash(text(slide));
      for (const t of printed[i]!.texts) expect(written, `slide ${i + 1}`).toContain(squash(t));
    }
  });

  test('puts each slide’s speaker notes on its notes page', async () => {
    expect(printed.every((s) => s.notes)).toBe(true);
    for (const [i, path] of pkg.slides.entries()) {
      const notes = (await pkg.rels(path)).find((r) => r.type === 'notesSlide');
      expect(notes, `slide ${i + 1}`).toBeDefined();
      expect(squash(text(await pkg.xml(notes!.target)))).toContain(squash(printed[i]!.notes));
    }
  });

  test('keeps every text box on the slide', async () => {
    for (const [i, path] of pkg.slides.entries())
      for (const sp of all(await pkg.xml(path), 'p:sp').filter((s) => text(s).trim())) {
        const f = frame(sp);
        const where = `slide ${i + 1}: “${text(sp).slice(0, 20)}”`;
        expect(f.x, where).toBeGreaterThanOrEqual(0);
        expect(f.y, where).toBeGreaterThanOrEqual(0);
        expect(f.x + f.cx, where).toBeLessThanOrEqual(EMU.w);
        expect(f.y + f.cy, where).toBeLessThanOrEqual(EMU.h);
      }
  });

  test('opens in LibreOffice Impress: a PDF of one page per slide, each with its text', async () => {
    test.setTimeout(LONG);
    const out = mkdtempSync(join(tmpdir(), 'deck-pptx-soffice-'));
    const { status, log, left } = await sofficeToPdf(file, out);
    expect(status, log).toBe(0);
    expect(left).toEqual([]);
    const pdf = join(out, 'deck.pdf');
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(Number(/Pages:\s+(\d+)/.exec(info.stdout)?.[1])).toBe(printed.length);
    const pages = spawnSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).stdout.split(
      '\f',
    );
    for (const [i, slide] of printed.entries()) {
      const expected = slide.title || slide.texts[0]!;
      expect(squash(pages[i] ?? ''), `page ${i + 1}`).toContain(squash(expected));
    }
  });
});
