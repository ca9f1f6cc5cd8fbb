import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { resolveDeckConfig } from '../../src/config/index.ts';
import { type RunningDeck, serveDeck } from '../../src/server/app.ts';
import { goTo, openDeck } from './deck.ts';

/**
 * The hall: the presenter's pointer seen by a laptop (a dot at the same place on the 16:9 slide) and by a
 * 390×844 phone (the element pointed at, highlighted and scrolled into view), and a hand-over between two
 * presenter views in two browsers. On a server of its own, so its live state reaches no other spec.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = (await resolveDeckConfig(root)).outDir;
const TOKEN = 'hall-spec-token-0123456789';

let server: RunningDeck;
const contexts: BrowserContext[] = [];

test.beforeEach(async () => {
  server = await serveDeck({ root: dist, port: 0, relay: { token: TOKEN } });
});

test.afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
  await server.close();
});

async function open(browser: Browser, path: string, viewport = { width: 1280, height: 720 }) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  contexts.push(context);
  const page = await context.newPage();
  await openDeck(page, `${server.url}${path}`);
  return page;
}

const pointer = (page: Page) => page.evaluate(() => document.documentElement.dataset.deckPointer);
const slideH = (page: Page) => page.evaluate(() => window.Reveal.getIndices().h);
const control = (page: Page) => page.locator('.deck-presenter-control');

test('the presenter’s pointer: a dot at the same place on a laptop, the element highlighted on a phone', async ({
  browser,
}) => {
  const presenter = await open(browser, `presenter?token=${TOKEN}`);
  await expect(control(presenter)).toHaveAttribute('data-control', 'mine');
  const laptop = await open(browser, '');
  const phone = await open(browser, '', { width: 390, height: 844 });
  await expect.poll(() => phone.evaluate(() => document.documentElement.dataset.layout)).toBe('reader');

  // A slide with a list: point at its last item (below the fold on the phone).
  const h = await presenter.evaluate(() =>
    window.Reveal.getHorizontalSlides().findIndex((s) => s.querySelectorAll('li').length >= 3),
  );
  expect(h, 'the deck has a slide with a list').toBeGreaterThan(0);
  await goTo(presenter, h, 0);
  for (const page of [laptop, phone]) await expect.poll(() => slideH(page)).toBe(h);
  await presenter.evaluate(() => {
    for (const f of window.Reveal.getCurrentSlide()?.querySelectorAll('.fragment') ?? [])
      f.classList.add('visible');
  });
  const target = presenter.locator('.present li').last();
  const box = (await target.boundingBox())!;

  await presenter.keyboard.press('x');
  await expect(presenter.locator('.deck-presenter-pointer')).toHaveAttribute('aria-pressed', 'true');
  await presenter.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const want = await presenter.evaluate(
    ([x, y]) => {
      const s = (window.Reveal.getSlidesElement() as HTMLElement).getBoundingClientRect();
      return { x: (x! - s.left) / s.width, y: (y! - s.top) / s.height };
    },
    [box.x + box.width / 2, box.y + box.height / 2],
  );

  // The laptop: a dot at the same fraction of its own (differently sized) slide.
  await expect.poll(() => pointer(laptop)).toBe('dot');
  const dot = await laptop.evaluate(() => {
    const s = (window.Reveal.getSlidesElement() as HTMLElement).getBoundingClientRect();
    const d = document.querySelector('.deck-pointer')!.getBoundingClientRect();
    return { x: (d.left + d.width / 2 - s.left) / s.width, y: (d.top + d.height / 2 - s.top) / s.height };
  });
  expect(Math.abs(dot.x - want.x)).toBeLessThan(0.005);
  expect(Math.abs(dot.y - want.y)).toBeLessThan(0.005);

  // The phone: that very item highlighted, and in view.
  await expect.poll(() => pointer(phone)).toBe('element');
  const pointed = phone.locator('.present .deck-pointed');
  await expect(pointed).toHaveCount(1);
  expect(await pointed.textContent()).toBe(await target.textContent());
  await expect(pointed).toBeInViewport();

  // Off: hidden everywhere.
  await presenter.keyboard.press('x');
  for (const page of [laptop, phone]) await expect.poll(() => pointer(page)).toBe('off');
  await expect(phone.locator('.deck-pointed')).toHaveCount(0);
  await expect(laptop.locator('.deck-pointer')).toBeHidden();
});

test('hand-over: a second presenter takes over; the first sees it at once and watches; no fighting', async ({
  browser,
}) => {
  const first = await open(browser, `presenter?token=${TOKEN}`);
  await expect(control(first)).toHaveAttribute('data-control', 'mine');
  const audience = await open(browser, '');
  // Another browser (its own seat): it watches until it takes over.
  const second = await open(browser, `presenter?token=${TOKEN}`);
  await expect(control(second)).toHaveAttribute('data-control', 'theirs');
  await expect(second.locator('.deck-presenter-take')).toBeVisible();
  await expect(second.locator('.deck-presenter-pointer')).toBeHidden();

  await goTo(first, 2);
  for (const page of [audience, second]) await expect.poll(() => slideH(page)).toBe(2);
  // The watcher's own move is put back: the talk stays where the one in control is.
  await second.keyboard.press('End');
  await expect.poll(() => slideH(second)).toBe(2);
  await goTo(first, 1);
  for (const page of [audience, second]) await expect.poll(() => slideH(page)).toBe(1);

  await second.locator('.deck-presenter-take').click();
  await expect(control(first)).toHaveAttribute('data-control', 'theirs');
  await expect(control(second)).toHaveAttribute('data-control', 'mine');
  await goTo(second, 3);
  for (const page of [audience, first]) await expect.poll(() => slideH(page)).toBe(3);
  await first.keyboard.press('End');
  await expect.poll(() => slideH(first)).toBe(3);
  expect(await slideH(audience)).toBe(3);

  // And back, explicitly.
  await first.locator('.deck-presenter-take').click();
  await expect(control(first)).toHaveAttribute('data-control', 'mine');
  await expect(control(second)).toHaveAttribute('data-control', 'theirs');
  await goTo(first, 4);
  for (const page of [audience, second]) await expect.poll(() => slideH(page)).toBe(4);
});
