import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { resolveDeckConfig } from '../../src/config/index.ts';
import { buildDeck } from '../../src/node/build.ts';
import { type RunningDeck, serveDeck } from '../../src/server/app.ts';
import { audit, settled } from './axe.ts';
import { allSlides, goTo, openDeck } from './deck.ts';

/**
 * The dark theme (config `theme: "dark"`, #27.8): the English example's slides, which hold every block, and
 * tests/fixtures/dark-theme's (code, a quotation, a title over a dark photo, a slide on a white background),
 * built dark once and audited by axe at a projector's and a phone's size, every fragment shown. Then the same
 * page without `data-theme` is the light theme: a title over the dark photo stays readable there too.
 */
const examples = fileURLToPath(new URL('../../examples/en', import.meta.url));
const fixture = fileURLToPath(new URL('../fixtures/dark-theme', import.meta.url));
let out: string;
let server: RunningDeck;

test.beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'deck-dark-'));
  const deck = join(out, 'deck');
  cpSync(join(examples, 'slides'), join(deck, 'slides'), { recursive: true });
  cpSync(fixture, deck, { recursive: true });
  const config = await resolveDeckConfig(deck, { ...process.env, DECK_OUT_DIR: join(out, 'site') });
  expect(config.scheme).toBe('dark');
  await buildDeck({ config, force: true });
  server = await serveDeck({ root: config.outDir, port: 0, host: '127.0.0.1' });
});
test.afterAll(async () => {
  await server?.close();
  rmSync(out, { recursive: true, force: true });
});

const SLIDE = '.reveal .slides section.present:not(.stack)';
/** What a theme changes: colours. (a11y.spec.ts runs every rule over the light deck.) */
const COLOURS = ['color-contrast', 'link-in-text-block'];

/** axe over every slide, each with its fragments shown. */
async function auditSlides(page: Page, where: string): Promise<string[]> {
  const found: string[] = [];
  for (const [h, v] of await allSlides(page)) {
    await goTo(page, h, v);
    await page.evaluate(() => {
      while (window.Reveal.nextFragment()) {
        // every fragment shown, so hidden text is audited too
      }
    });
    await settled(page);
    found.push(...(await audit(page, `${where} #/${h}/${v}`, SLIDE, COLOURS)));
  }
  return found;
}

for (const [width, height] of [
  [1920, 1080],
  [390, 844],
] as const) {
  test(`dark theme at ${width}×${height}: every block readable (axe, no serious violation)`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height });
    await openDeck(page, server.url);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    // The page is dark, and Chart.js drew with the theme's tokens (its ticks in the dark theme's muted ink).
    const paper = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(paper).toBe('rgb(23, 19, 15)');
    await settled(page);
    const found = await audit(page, `${width}×${height}`, undefined, COLOURS);
    found.push(...(await auditSlides(page, `${width}×${height}`)));
    expect(found).toEqual([]);
  });
}

test('a title over a dark photo is light in either theme (reveal.js’s has-dark-background)', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openDeck(page, server.url);
  const photo = await page.evaluate(() =>
    window.Reveal.getSlides().findIndex((s) => s.hasAttribute('data-background-image')),
  );
  await goTo(page, photo);
  await expect(page.locator(`${SLIDE}.has-dark-background`)).toHaveCount(1);
  // The light theme: the same page without the dark tokens.
  await page.evaluate(() => document.documentElement.removeAttribute('data-theme'));
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
    'rgb(251, 247, 240)',
  );
  await settled(page);
  expect(await audit(page, 'light, photo', SLIDE, COLOURS)).toEqual([]);
  expect(await page.locator(`${SLIDE} h2`).evaluate((h) => getComputedStyle(h).color)).toBe(
    'rgb(255, 255, 255)',
  );
});
