import { expect, test } from '@playwright/test';
import { goTo, indices, openDeck } from './deck.ts';

test('the language switch moves between 简体 and 繁體 and keeps the slide and fragment', async ({ page }) => {
  await openDeck(page);
  await goTo(page, 1, 0);
  await page.keyboard.press('ArrowRight'); // show the first fragment of the agenda
  await expect.poll(() => indices(page)).toEqual({ h: 1, v: 0, f: 0 });

  const toHant = page.locator('.deck-lang-switch a[lang="zh-Hant"]');
  await expect(toHant).toHaveText('繁體');
  await toHant.click();
  await page.waitForURL(/\/zh-Hant\/#\/1\/0\/0$/);
  await page.waitForFunction(() => document.documentElement.dataset.deckReady === 'true');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hant');
  expect(await indices(page)).toEqual({ h: 1, v: 0, f: 0 });
  await expect(page.locator('.reveal .slides section.present h2')).toHaveText('今天彙報四個部分');

  // And back, from a vertical slide.
  await goTo(page, 2, 1);
  const toHans = page.locator('.deck-lang-switch a[lang="zh-Hans"]');
  await expect(toHans).toHaveText('简体');
  await toHans.click();
  await page.waitForURL((url) => url.pathname === '/' && url.hash === '#/2/1');
  await page.waitForFunction(() => document.documentElement.dataset.deckReady === 'true');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hans');
  expect(await indices(page)).toMatchObject({ h: 2, v: 1 });
});

test('the 繁體 page renders in the deck font', async ({ page }) => {
  await openDeck(page, '/zh-Hant/');
  const family = await page
    .locator('h1')
    .first()
    .evaluate((el) => getComputedStyle(el).fontFamily);
  expect(family.startsWith('"Deck Sans"')).toBe(true);
  expect(await page.evaluate(() => document.fonts.check('40px "Deck Sans"', '濟南工業強市'))).toBe(true);
});
