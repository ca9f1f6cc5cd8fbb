import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { blockSelector, CHART } from '../../src/contracts/dom.ts';
import { allSlides, goTo, openDeck } from './deck.ts';
import { deck } from './run-export.ts';

/**
 * `deck export html` (#28.2): one file that opens from disk, draws every slide of both language pages (charts
 * too) and makes no request outside itself.
 */

const work = mkdtempSync(join(tmpdir(), 'deck-export-html-'));
const out = join(work, 'deck.html');
const CHART_SELECTOR = `figure${blockSelector(CHART.block)}`;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const run = await deck(['html', '--out', out]);
  expect(run.status, run.stderr).toBe(0);
  // The summary names the file and its size.
  expect(run.stderr).toMatch(
    /export html: .*deck\.html: one file, 2 language pages \(\d+ slides\), [\d.]+ [KM]B/,
  );
});

test.afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every slide drawn, charts included; returns how many slides and charts. */
async function walk(page: Page): Promise<{ slides: number; charts: number }> {
  const slides = await allSlides(page);
  let charts = 0;
  for (const [h, v] of slides) {
    await goTo(page, h, v);
    const ids = await page.evaluate(
      (sel) => [...window.Reveal.getCurrentSlide().querySelectorAll<HTMLElement>(sel)].map((f) => f.id),
      CHART_SELECTOR,
    );
    for (const id of ids)
      await page.waitForFunction((id) => document.getElementById(id)?.dataset.blockState === 'ready', id);
    charts += ids.length;
  }
  return { slides: slides.length, charts };
}

test('the one file opens from disk: every slide of both pages drawn, nothing asked of anyone', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({
    reducedMotion: 'reduce',
    viewport: { width: 1280, height: 720 },
  });
  const page = await context.newPage();
  const file = pathToFileURL(out).href;
  const outside: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (url.startsWith('data:')) return;
    // The file itself (the language switch opens it again with ?lang=): nothing else.
    if (url.split(/[?#]/)[0] !== file) outside.push(url);
  });
  const refused: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Failed to load/i.test(m.text())) refused.push(m.text());
  });

  await openDeck(page, file);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hans');
  const hans = await walk(page);
  expect(hans.slides).toBeGreaterThan(20);
  expect(hans.charts).toBeGreaterThan(0);

  // The language switch keeps the slide and opens the 繁體 page inside the same file.
  await goTo(page, 2, 0);
  await page.locator('.deck-lang-switch a[hreflang="zh-Hant"]').click();
  await page.waitForURL(/\?lang=zh-Hant#\/2/);
  await page.waitForFunction(() => document.documentElement.dataset.deckComplete === 'true');
  expect(await page.evaluate(() => [document.documentElement.lang, document.title])).toEqual([
    'zh-Hant',
    '工業強市作戰圖',
  ]);
  expect(await page.evaluate(() => window.Reveal.getIndices().h)).toBe(2);
  const hant = await walk(page);
  expect(hant).toEqual(hans);
  await expect(page.locator('.deck-lang-switch a[hreflang="zh-Hans"]')).toHaveText('简体');

  expect(outside).toEqual([]);
  expect(refused).toEqual([]);
  expect(statSync(out).size).toBeLessThan(2 * 1024 * 1024);
  await context.close();
});
