import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { resolveDeckConfig } from '../../src/config/index.ts';
import { type RunningDeck, serveDeck } from '../../src/server/app.ts';
import { goTo, indices, openDeck } from './deck.ts';

/** The presenter view at /presenter?token=…, on a server of its own (its state never reaches other specs). */

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = (await resolveDeckConfig(root)).outDir;
const TOKEN = 'presenter-spec-token-0123456789';

let server: RunningDeck;
test.beforeEach(async () => {
  server = await serveDeck({ root: dist, port: 0, relay: { token: TOKEN } });
});
test.afterEach(async () => {
  await server.close();
});

/** The notes of the deck's current slide, as the page holds them. */
const currentNotes = (page: Page) =>
  page.evaluate(
    () => window.Reveal.getCurrentSlide()?.querySelector(':scope > aside.notes')?.textContent?.trim() ?? '',
  );

/** What the next-slide frame shows, once its deck has moved there. */
const shown = (page: Page) => page.locator('.deck-presenter-frame').getAttribute('data-shown');

test('the presenter view shows the slide, its notes, the next slide or fragment, the timer and the count', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openDeck(page, `${server.url}presenter?token=${TOKEN}`);
  await expect(page.locator('.deck-presenter')).toBeVisible();
  await expect(page).not.toHaveURL(/token/);
  await expect
    .poll(() => page.evaluate(() => document.documentElement.dataset.deckFollow))
    .toBe('presenting');
  await goTo(page, 0, 0);

  // Notes in large type, copied from the slide.
  const notes = page.locator('.deck-presenter-notes-body');
  const first = await currentNotes(page);
  expect(first.length).toBeGreaterThan(10);
  await expect(notes).toHaveText(first);
  expect(
    Number.parseFloat(await notes.evaluate((el) => getComputedStyle(el).fontSize)),
  ).toBeGreaterThanOrEqual(28);

  // The next slide, in a frame of the same deck.
  await expect.poll(() => shown(page)).toBe('1/0/-1');
  await expect(page.locator('.deck-presenter-next .deck-presenter-label')).toHaveText('下一张');
  const frameDeck = page.frameLocator('.deck-presenter-frame iframe');
  await expect(frameDeck.locator('.reveal .slides > section.present')).toHaveCount(1);

  // The count, and the keyboard drives the deck.
  await expect(page.locator('.deck-presenter-count')).toHaveText(/^1 \/ \d+ 页$/);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => indices(page)).toMatchObject({ h: 1, v: 0 });
  await expect(page.locator('.deck-presenter-count')).toHaveText(/^2 \/ \d+ 页$/);
  await expect(notes).toHaveText(await currentNotes(page));

  // On a slide with fragments the next step is the next fragment.
  const f = (await indices(page)).f;
  expect(f, 'slide 2 has fragments').toBe(-1);
  await expect.poll(() => shown(page)).toBe('1/0/0');
  await expect(page.locator('.deck-presenter-next .deck-presenter-label')).toHaveText('下一步（本页）');
  await expect(frameDeck.locator('.reveal .slides section.present .fragment.visible')).toHaveCount(1);

  // The timer runs (waiting on its next tick, not on a sleep) and the clock shows the time.
  const elapsed = page.locator('.deck-presenter-elapsed');
  await expect(elapsed).toHaveText(/^\d\d:\d\d$/);
  const before = await elapsed.textContent();
  await expect(elapsed).not.toHaveText(before!, { timeout: 3000 });
  await expect(page.locator('.deck-presenter-clock')).toHaveText(/^\d\d:\d\d:\d\d$/);
  await page.getByRole('button', { name: '重新计时' }).click();
  await expect(elapsed).toHaveText('00:00');
  // The button gave the keyboard back to the deck.
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => indices(page)).toMatchObject({ h: 1, v: 0, f: 0 });
  await expect.poll(() => shown(page)).toBe('1/0/1');

  // The last slide has nothing after it.
  await page.keyboard.press('End');
  await expect(page.locator('.deck-presenter-frame')).toHaveAttribute('data-kind', /end|fragment/);
  expect(errors).toEqual([]);
});

test('the presenter view lays the deck over its cell at 1080p, 720p and on a phone', async ({ page }) => {
  for (const viewport of [
    { width: 1920, height: 1080 },
    { width: 1280, height: 720 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(viewport);
    await openDeck(page, `${server.url}presenter?token=${TOKEN}`);
    const cell = await page.locator('.deck-presenter-current').boundingBox();
    const deck = await page.locator('.reveal').boundingBox();
    expect(cell && deck).toBeTruthy();
    for (const k of ['x', 'y', 'width', 'height'] as const)
      expect(Math.abs(deck![k] - cell![k])).toBeLessThan(2);
    // Everything fits on screen: no scrolling page, the notes inside the viewport.
    const notes = await page.locator('.deck-presenter-notes').boundingBox();
    expect(notes!.y + notes!.height).toBeLessThanOrEqual(viewport.height + 1);
    expect(deck!.x + deck!.width).toBeLessThanOrEqual(viewport.width + 1);
  }
});

test('a presenter view without a valid token still works, and says the token was refused', async ({
  page,
}) => {
  await openDeck(page, `${server.url}presenter?token=wrong`);
  await expect(page.locator('.deck-presenter')).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.deckFollow)).toBe('denied');
  await expect(page.locator('.deck-follow-status')).toHaveText('演讲者口令无效');
  expect(server.relay!.latest.seq).toBe(0);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => indices(page)).toMatchObject({ h: 1 });
});
