import { expect, type Page, test } from '@playwright/test';
import { goTo, openDeck } from './deck.ts';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;

interface ChartAt {
  index: number;
  h: number;
  v: number;
  id: string;
}

/** Every chart figure on the deck, with the slide it is on. */
function charts(page: Page): Promise<ChartAt[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('figure[data-block="chart"]')].map((f, index) => {
      const i = window.Reveal.getIndices(f.closest('section') as HTMLElement);
      return { index, h: i.h, v: i.v ?? 0, id: f.id };
    }),
  );
}

function waitDrawn(page: Page, id: string) {
  return page.waitForFunction((id) => document.getElementById(id)?.dataset.blockState === 'ready', id);
}

/** Pixels, sizes and the backing store of a chart's canvas as the screen shows it. */
function measure(page: Page, id: string) {
  return page.evaluate((id) => {
    const figure = document.getElementById(id)!;
    const canvas = figure.querySelector('canvas')!;
    const frame = figure.querySelector<HTMLElement>('.chart-frame')!;
    const rect = canvas.getBoundingClientRect();
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    let red = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i + 3]! > 0) painted++;
      // The theme's --deck-red (#a3191f), drawn opaque.
      if (Math.abs(pixels[i]! - 163) < 6 && Math.abs(pixels[i + 1]! - 25) < 6 && pixels[i + 3]! > 250) red++;
    }
    return {
      backing: { width: canvas.width, height: canvas.height },
      screen: { width: rect.width * devicePixelRatio, height: rect.height * devicePixelRatio },
      css: { width: canvas.clientWidth, height: canvas.clientHeight },
      frame: { width: frame.clientWidth, height: frame.clientHeight },
      painted: painted / (canvas.width * canvas.height),
      red,
    };
  }, id);
}

/** Drawn (a real share of the canvas painted), the canvas fills its frame, and it is crisp. */
async function expectCrisp(page: Page, id: string) {
  const m = await measure(page, id);
  expect(m.painted, `${id} painted share`).toBeGreaterThan(0.02);
  expect(m.css).toEqual(m.frame);
  expect(m.backing.width, `${id} backing width`).toBeGreaterThanOrEqual(m.screen.width - 0.01);
  expect(m.backing.height, `${id} backing height`).toBeGreaterThanOrEqual(m.screen.height - 0.01);
  return m;
}

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('every chart is drawn and crisp after navigating to it from slide 1', async ({ page }) => {
      await openDeck(page);
      const list = await charts(page);
      expect(list.length).toBeGreaterThanOrEqual(3);
      for (const chart of list) {
        await goTo(page, 0, 0);
        await goTo(page, chart.h, chart.v);
        await waitDrawn(page, chart.id);
        await expectCrisp(page, chart.id);
      }
    });

    test('every chart is drawn and crisp when a hash link opens its slide', async ({ page }) => {
      await openDeck(page);
      for (const chart of await charts(page)) {
        // A fresh page load: a hash change alone would not restart the deck.
        await page.goto('about:blank');
        await openDeck(page, '/', `/${chart.h}/${chart.v}`);
        // The deck is ready only once the current slide's charts are drawn: no further wait.
        expect(await page.getAttribute(`#${chart.id}`, 'data-block-state')).toBe('ready');
        await expectCrisp(page, chart.id);
      }
    });
  });
}

test('the backing store follows the device pixel ratio', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await openDeck(page);
  const [chart] = await charts(page);
  await goTo(page, chart!.h, chart!.v);
  await waitDrawn(page, chart!.id);
  const m = await expectCrisp(page, chart!.id);
  expect(m.backing.width).toBeGreaterThan(m.css.width);
  await context.close();
});

test('a chart on a slide not yet entered is not drawn, and Chart.js is not loaded for the first slide', async ({
  page,
}) => {
  const scripts: string[] = [];
  page.on('response', async (r) => {
    if (r.url().endsWith('.js')) scripts.push(await r.text());
  });
  await openDeck(page);
  // `notifyPlugins` is a Chart.js method name, kept by minification.
  expect(scripts.some((s) => s.includes('notifyPlugins'))).toBe(false);
  const list = await charts(page);
  const first = list[0]!;
  // The slide before the first chart: Chart.js may load ahead, but nothing is drawn or animated.
  await goTo(page, first.v > 0 ? first.h : first.h - 1, first.v > 0 ? first.v - 1 : 0);
  const states = await page.$$eval('figure[data-block="chart"]', (fs) =>
    fs.map((f) => [
      f.getAttribute('data-block-state'),
      (f.querySelector('canvas') as HTMLCanvasElement).width,
    ]),
  );
  expect(states.every(([state]) => state === 'pending')).toBe(true);
  // A canvas Chart.js never touched keeps its default 300px backing store.
  expect(states.every(([, width]) => width === 300)).toBe(true);
  // Entering the slide draws it, after the slide change.
  await page.evaluate(() => {
    const w = window as unknown as { drawnAfterEnter?: boolean };
    window.Reveal.on('slidechanged', () => {
      w.drawnAfterEnter =
        document.querySelector('figure[data-block="chart"]')?.getAttribute('data-block-state') === 'pending';
    });
  });
  await goTo(page, first.h, first.v);
  await waitDrawn(page, first.id);
  expect(
    await page.evaluate(() => (window as unknown as { drawnAfterEnter?: boolean }).drawnAfterEnter),
  ).toBe(true);
  expect(scripts.some((s) => s.includes('notifyPlugins'))).toBe(true);
});

test('fragments step a chart through its datasets, forwards and backwards', async ({ page }) => {
  await openDeck(page);
  const stepped = await page.$$eval('figure[data-chart-step="datasets"]', (fs) => fs.map((f) => f.id));
  expect(stepped.length).toBeGreaterThan(0);
  const chart = (await charts(page)).find((c) => c.id === stepped[0])!;
  await goTo(page, chart.h, chart.v);
  await waitDrawn(page, chart.id);
  const shown = () => page.getAttribute(`#${chart.id}`, 'data-chart-shown');
  await expect.poll(shown).toBe('0');
  const before = await measure(page, chart.id);
  await page.keyboard.press('ArrowRight');
  await expect.poll(shown).toBe('1');
  const after = await measure(page, chart.id);
  // The 2024 series is drawn in the theme's red: it appears with the step.
  expect(after.red).toBeGreaterThan(before.red + 1000);
  await expect.poll(async () => (await page.evaluate(() => window.Reveal.getIndices())).h).toBe(chart.h);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(shown).toBe('0');
  expect((await measure(page, chart.id)).red).toBeLessThan(after.red - 1000);
  expect(await page.evaluate(() => window.Reveal.getIndices().v ?? 0)).toBe(chart.v);
});

test('overview mode and a window resize keep the chart the right size', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openDeck(page);
  const [chart] = await charts(page);
  await goTo(page, chart!.h, chart!.v);
  await waitDrawn(page, chart!.id);
  const start = await expectCrisp(page, chart!.id);
  await page.keyboard.press('Escape');
  await expect(page.locator('.reveal.overview')).toHaveCount(1);
  await expectCrisp(page, chart!.id);
  await page.keyboard.press('Escape');
  await expect(page.locator('.reveal.overview')).toHaveCount(0);
  await page.waitForFunction(() => !document.querySelector('.reveal .slides.transitioning'));
  expect((await expectCrisp(page, chart!.id)).css).toEqual(start.css);

  await page.setViewportSize({ width: 1280, height: 720 });
  await page.waitForFunction(() => window.Reveal.getScale() < 0.7);
  await expect
    .poll(async () => (await measure(page, chart!.id)).backing.width)
    .toBeLessThan(start.backing.width);
  expect((await expectCrisp(page, chart!.id)).css).toEqual(start.css);
  await page.setViewportSize({ width: 2560, height: 1440 });
  await page.waitForFunction(() => window.Reveal.getScale() > 1.3);
  await expect
    .poll(async () => (await measure(page, chart!.id)).backing.width)
    .toBeGreaterThan(start.backing.width);
  await expectCrisp(page, chart!.id);
});

test('print view draws every chart as SVG at its final values before the deck is ready', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openDeck(page, '/?print-pdf');
  const figures = await page.$$eval('figure[data-block="chart"]', (fs) =>
    fs.map((f) => {
      const model = JSON.parse(f.querySelector('script.chart-model')!.textContent!) as {
        datasets: { text: string[] }[];
        labels: string[];
      };
      const svg = f.querySelector('svg.chart-svg');
      return {
        state: f.getAttribute('data-block-state'),
        texts: [...(svg?.querySelectorAll('text') ?? [])].map((t) => t.textContent),
        shapes: svg?.querySelectorAll('path, rect').length ?? 0,
        values: model.datasets.flatMap((d) => d.text),
        labels: model.labels.flatMap((l) => l.split('\n')),
        canvasShown: getComputedStyle(f.querySelector('canvas')!).display !== 'none',
      };
    }),
  );
  expect(figures.length).toBeGreaterThanOrEqual(3);
  for (const f of figures) {
    expect(f.state).toBe('ready');
    expect(f.canvasShown).toBe(false);
    expect(f.shapes).toBeGreaterThan(2);
    // Every value (all steps shown) and every label is text in the SVG, so it is text in the PDF.
    for (const value of f.values) expect(f.texts).toContain(value);
    for (const label of f.labels) expect(f.texts.join('')).toContain(label);
  }
});

test('the data table carries every value and the button or D key shows it', async ({ page }) => {
  await openDeck(page);
  for (const chart of await charts(page)) {
    const table = await page.evaluate((id) => {
      const f = document.getElementById(id)!;
      const model = JSON.parse(f.querySelector('script.chart-model')!.textContent!) as {
        datasets: { text: string[] }[];
      };
      const cells = [...f.querySelectorAll('.chart-table td')].map((td) => td.textContent ?? '');
      return { values: model.datasets.flatMap((d) => d.text), cells };
    }, chart.id);
    for (const value of table.values) expect(table.cells.some((c) => c.startsWith(value))).toBe(true);
  }
  const [chart] = await charts(page);
  await goTo(page, chart!.h, chart!.v);
  const table = page.locator(`#${chart!.id} .chart-data`);
  const button = page.locator(`#${chart!.id} .chart-data-toggle`);
  expect((await table.boundingBox())?.width ?? 0).toBeLessThanOrEqual(2);
  await expect(button).toHaveText('显示数据');
  await button.click();
  await expect(button).toHaveText('隐藏数据');
  expect((await table.boundingBox())?.width ?? 0).toBeGreaterThan(300);
  await expect(page.locator(`#${chart!.id} canvas`)).toHaveCSS('visibility', 'hidden');
  await page.keyboard.press('d');
  await expect(button).toHaveText('显示数据');
  expect((await table.boundingBox())?.width ?? 0).toBeLessThanOrEqual(2);
});
