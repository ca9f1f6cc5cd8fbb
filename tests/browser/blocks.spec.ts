import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { build } from 'vite';
import { resolveDeckConfig } from '../../src/config/index.ts';
import { viteConfig } from '../../src/node/vite/index.ts';
import { type RunningDeck, serveDeck } from '../../src/server/app.ts';
import { goTo, openDeck } from './deck.ts';

/**
 * Blocks as full-stack units, on a deck of its own (tests/fixtures/blocks-deck: two tables and a chain map, no
 * chart): a block's runtime part and CSS ship only to a deck that uses the block, loaded by the page itself;
 * the table block (written against the public block API alone) never makes a phone scroll sideways.
 */
const root = fileURLToPath(new URL('../fixtures/blocks-deck', import.meta.url));
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
const shots = process.env.DECK_SHOTS; // a folder to save screenshots into, to look at them

let outDir: string;
let server: RunningDeck;
let manifest: Record<string, { file: string; css?: string[] }>;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  outDir = mkdtempSync(join(tmpdir(), 'deck-blocks-'));
  // The fixture has no config file: one English page, its own title.
  const config = { ...(await resolveDeckConfig(root)), outDir };
  const vite = viteConfig(config);
  await build({ ...vite, logLevel: 'error', build: { ...vite.build, manifest: true } });
  manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8'));
  server = await serveDeck({ root: outDir, port: 0 });
});

test.afterAll(async () => {
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

const chunkOf = (module: string) => Object.entries(manifest).find(([id]) => id.endsWith(module))?.[1].file;

test('a deck without charts builds no chart chunk and requests none; its chain map runtime loads lazily', async ({
  page,
}) => {
  expect(chunkOf('src/blocks/chart/runtime.ts'), 'the charts runtime part').toBeUndefined();
  expect(chunkOf('src/blocks/chart/runtime/lib.ts'), 'Chart.js').toBeUndefined();
  const chainMap = chunkOf('src/blocks/chain-map/runtime.ts');
  expect(chainMap, 'the chain-map runtime part is its own chunk').toBeDefined();

  const requests: string[] = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await openDeck(page, server.url);
  expect(requests.some((p) => p.endsWith(`/${chainMap}`))).toBe(true);
  expect(requests.filter((p) => /chart/i.test(p))).toEqual([]);

  // Only the used blocks' CSS is in the page.
  const css = (await page.evaluate(() =>
    [...document.styleSheets].flatMap((s) => [...s.cssRules].map((r) => r.cssText)).join('\n'),
  )) as string;
  expect(css).toContain('.deck-table');
  expect(css).toContain('.cm-node');
  expect(css).not.toContain('.chart-svg');
  expect(css).not.toContain('.bm-items');
});

test('the table scrolls inside itself on a phone, never the page', async ({ browser }) => {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await openDeck(page, server.url);
  expect(await page.evaluate(() => document.documentElement.dataset.layout)).toBe('reader');
  await goTo(page, 0);
  const sizes = await page.evaluate(() => {
    const slide = window.Reveal.getCurrentSlide();
    const box = slide.querySelector<HTMLElement>('[data-block="table"] .table-scroll')!;
    const figure = box.closest<HTMLElement>('[data-block="table"]')!;
    return {
      page: document.scrollingElement!.scrollWidth,
      slide: slide.scrollWidth - slide.clientWidth,
      figure: figure.getBoundingClientRect().right,
      scroller: {
        scroll: box.scrollWidth,
        client: box.clientWidth,
        overflow: getComputedStyle(box).overflowX,
      },
      font: Number.parseFloat(getComputedStyle(box.querySelector('td')!).fontSize),
      width: innerWidth,
    };
  });
  expect(sizes.page).toBeLessThanOrEqual(sizes.width);
  expect(sizes.slide).toBe(0);
  expect(sizes.figure).toBeLessThanOrEqual(sizes.width);
  // The eight columns are wider than a phone: the table's own box scrolls across.
  expect(sizes.scroller.scroll).toBeGreaterThan(sizes.scroller.client);
  expect(sizes.scroller.overflow).toBe('auto');
  expect(sizes.font).toBeGreaterThanOrEqual(14);
  const box = page.locator('section.present .table-scroll').first();
  await box.evaluate((el) => {
    el.scrollLeft = el.scrollWidth;
  });
  expect(await box.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  expect(await page.evaluate(() => document.scrollingElement!.scrollLeft)).toBe(0);
  if (shots) await page.screenshot({ path: join(shots, 'table-390.png') });
  await context.close();
});

test('the table on the 16:9 slide fits its width', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await openDeck(page, server.url);
  await goTo(page, 0);
  const fits = await page.evaluate(() => {
    const box = window.Reveal.getCurrentSlide().querySelector<HTMLElement>('.table-scroll')!;
    return box.scrollWidth <= box.clientWidth;
  });
  expect(fits).toBe(true);
  if (shots) await page.screenshot({ path: join(shots, 'table-1920.png') });
  await context.close();
});

/** Goes to the metric's slide, recording every number and state its figure shows on the way. */
async function showMetric(page: import('@playwright/test').Page) {
  const at = await page.evaluate(() => {
    const metric = document.querySelector<HTMLElement>('[data-block="metric"]')!;
    const seen = { digits: [] as string[], states: [] as string[], text: [] as string[] };
    (window as unknown as { seen: typeof seen }).seen = seen;
    new MutationObserver(() => {
      seen.digits.push(metric.querySelector('.metric-number')!.textContent!);
      seen.states.push(metric.dataset.blockState ?? '');
      seen.text.push(metric.querySelector('.metric-text')!.textContent!);
    }).observe(metric, { subtree: true, childList: true, characterData: true, attributes: true });
    const i = window.Reveal.getIndices(metric.closest('section')!);
    return [i.h, i.v ?? 0] as const;
  });
  await goTo(page, at[0], at[1]);
  return () =>
    page.evaluate(() => {
      const metric = document.querySelector<HTMLElement>('[data-block="metric"]')!;
      return {
        ...(window as unknown as { seen: { digits: string[]; states: string[]; text: string[] } }).seen,
        state: metric.dataset.blockState,
        final: metric.querySelector('.metric-number')!.textContent,
      };
    });
}

test('a metric counts up when its slide is shown and settles on the exact number; its text never moves', async ({
  page,
}) => {
  await openDeck(page, server.url);
  const seen = await showMetric(page);
  // The export's readiness signal: pending while counting, ready once the number is exact.
  await page.waitForFunction(() => {
    const s = (window as unknown as { seen: { states: string[] } }).seen.states;
    return (
      s.includes('pending') &&
      document.querySelector<HTMLElement>('[data-block="metric"]')!.dataset.blockState === 'ready'
    );
  });
  const { digits, text, final } = await seen();
  expect(final).toBe('5187.9');
  const counted = digits.map(Number);
  expect(
    counted.some((n) => n > 0 && n < 5187.9),
    digits.join(' '),
  ).toBe(true);
  expect(counted).toEqual([...counted].sort((a, b) => a - b));
  expect(digits.every((d) => /^\d+\.\d$/.test(d))).toBe(true);
  expect(new Set(text)).toEqual(new Set(['5187.9bn']));
});

test('a metric with reduced motion: the exact number at once, nothing counts', async ({ browser }) => {
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  const page = await context.newPage();
  await openDeck(page, server.url);
  // The count-up would have started within reveal.js's slidechanged, which goTo waits for.
  const { digits, states, state, final } = await (await showMetric(page))();
  expect(states).not.toContain('pending');
  expect(digits.filter((d) => d !== '5187.9')).toEqual([]);
  expect([state, final]).toEqual(['ready', '5187.9']);
  await context.close();
});

test('a metric on a phone: number, unit and label fit the screen, text at least 14 px', async ({
  browser,
}) => {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await openDeck(page, server.url);
  expect(await page.evaluate(() => document.documentElement.dataset.layout)).toBe('reader');
  await showMetric(page);
  const box = await page.evaluate(() => {
    const metric = document.querySelector<HTMLElement>('section.present [data-block="metric"]')!;
    const px = (sel: string) => Number.parseFloat(getComputedStyle(metric.querySelector(sel)!).fontSize);
    const parts = ['.metric-number', '.metric-unit', '.metric-label', '.metric-compare', '.metric-source'];
    return {
      right: Math.max(...parts.map((sel) => metric.querySelector(sel)!.getBoundingClientRect().right)),
      page: document.scrollingElement!.scrollWidth,
      width: innerWidth,
      number: px('.metric-number'),
      smallest: Math.min(...parts.map(px)),
    };
  });
  expect(box.right).toBeLessThanOrEqual(box.width);
  expect(box.page).toBeLessThanOrEqual(box.width);
  expect(box.number).toBeGreaterThanOrEqual(40);
  expect(box.smallest).toBeGreaterThanOrEqual(14);
  if (shots) await page.screenshot({ path: join(shots, 'metric-390.png') });
  await context.close();
});
