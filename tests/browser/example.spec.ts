import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { PDFDocument } from 'pdf-lib';
import { resolveDeckConfig } from '../../src/config/index.ts';
import { DESIGN } from '../../src/contracts/runtime-config.ts';
import { exportPage, parseExportArgs } from '../../src/export/options.ts';
import { openPrintSession, openSession } from '../../src/export/session.ts';
import { chromiumArgs, findChromium, startChromium } from '../../src/node/browser.ts';
import { loadDeck } from '../../src/node/load.ts';
import { type RunningDeck, serveDeck } from '../../src/server/app.ts';
import { allSlides, goTo, openDeck } from './deck.ts';
import { deck } from './run-export.ts';

/**
 * The English example deck (examples/en, built by `npm run build`): the engine on a deck that is not this
 * repository's, with nothing of it welded in — one English page, its own title, English UI.
 */
const dir = fileURLToPath(new URL('../../examples/en', import.meta.url));
const example = await resolveDeckConfig(dir);
const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;

let server: RunningDeck;
test.beforeAll(async () => {
  // No relay: a presenter page would publish its slide, and later pages would follow it.
  server = await serveDeck({ root: example.outDir, port: 0, host: '127.0.0.1' });
});
test.afterAll(() => server.close());

test('the English example is one English page with its own title, and requests nothing off its origin', async ({
  page,
}) => {
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  await openDeck(page, server.url);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  expect(await page.title()).toBe('Riverside Bakery in Numbers');
  await expect(page.locator('.deck-lang-switch')).toHaveCount(0);
  expect((await page.request.get(`${server.url}zh-Hant/`)).status()).toBe(404);
  // The UI speaks English: reveal.js's arrows as the runtime names them, and the presenter view.
  await expect(page.locator('.reveal .controls button.navigate-right')).toHaveAttribute(
    'aria-label',
    'Next slide',
  );

  for (const [h, v] of await allSlides(page)) await goTo(page, h, v);
  const origin = new URL(server.url).origin;
  expect(requests.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin)).toEqual([]);
  expect(errors).toEqual([]);
  // No Chinese anywhere on the page, UI included (the data button, footnotes, diagram captions).
  const text = await page.evaluate(() => document.body.textContent ?? '');
  expect(text.match(CJK)).toBeNull();

  await openDeck(page, `${server.url}?presenter`);
  const presenter = await page.evaluate(() => document.body.textContent ?? '');
  expect(presenter).toContain('Notes');
  expect(presenter.match(CJK)).toBeNull();
});

test('its chart, chain map and timeline render', async ({ page }) => {
  await openDeck(page, server.url);
  for (const block of ['chain-map', 'timeline', 'chart']) {
    const slide = await page.evaluate((block) => {
      const s = document.querySelector(`[data-block="${block}"]`)?.closest('section');
      const i = s ? window.Reveal.getIndices(s) : undefined;
      return i && [i.h, i.v ?? 0];
    }, block);
    expect(slide, block).toBeDefined();
    await goTo(page, slide![0]!, slide![1]!);
    const box = await page.locator(`section.present [data-block="${block}"]`).boundingBox();
    expect(box?.width, block).toBeGreaterThan(400);
    expect(box?.height, block).toBeGreaterThan(200);
  }
  await page.waitForFunction(
    () =>
      document.querySelector('section.present [data-block="chart"]')?.getAttribute('data-block-state') ===
      'ready',
  );
  await expect(page.locator('section.present .chart-data-toggle')).toHaveText('Show data');
  await expect(page.locator('section.present .chart-source-text')).toHaveText(/^Source: /);
  await expect(page.locator('[data-block="timeline"] .tl-date').first()).toHaveText('2019');
});

// The PDF drives Chromium over its DevTools pipe, PNG and PPTX through Playwright: both set the page up alike.
for (const [how, open, pipe] of [
  ['Playwright (PNG, PPTX)', openSession, false],
  ['the DevTools pipe (PDF)', openPrintSession, true],
] as const)
  test(`the export renders the page in the deck’s language and the config’s time zone: ${how}`, async () => {
    const options = parseExportArgs(['pdf'], { ...example, timezone: 'America/Chicago' });
    const session = await open({
      dist: example.outDir,
      chromium: startChromium(await findChromium(), chromiumArgs(), { pipe }),
      ...exportPage(options),
    });
    try {
      await session.view.goto(session.url);
      const seen = await session.view.evaluate(`({
        language: navigator.language,
        zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        // 03:00 UTC on New Year's Day is still the last evening of the year in Chicago.
        date: new Date(Date.UTC(2025, 0, 1, 3)).toLocaleDateString(undefined, { month: 'long', day: 'numeric' }),
        reduced: matchMedia('(prefers-reduced-motion: reduce)').matches,
        width: innerWidth,
      })`);
      expect(seen).toEqual({
        language: 'en',
        zone: 'America/Chicago',
        date: 'December 31',
        reduced: true,
        width: DESIGN.width,
      });
    } finally {
      await session.close();
    }
  });

test('export pdf DIR writes the example’s own title and language into the PDF', async () => {
  const out = mkdtempSync(join(tmpdir(), 'deck-example-pdf-'));
  try {
    const file = join(out, 'example.pdf');
    const run = await deck(['pdf', dir, '--out', file, '--quiet']);
    expect(run.status, run.stderr).toBe(0);
    const pdf = await PDFDocument.load(readFileSync(file));
    expect(pdf.getTitle()).toBe('Riverside Bakery in Numbers');
    expect(pdf.getPageCount()).toBe(loadDeck({ root: dir, config: example }).stacks.flat().length);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
