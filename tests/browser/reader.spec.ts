import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { type Readable, readableProbe, SLIDE_COUNT, share, showSlideProbe } from '../../bench/readable.ts';
import { resolveDeckConfig } from '../../src/config/index.ts';
import { type RunningDeck, serveDeck } from '../../src/server/app.ts';
import { openDeck } from './deck.ts';

/**
 * The reader layout: the audience's phone reads every slide reflowed to its width (issue 13). Slides are
 * iterated as they are, so the deck's content can change under these tests.
 */

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
const layout = (page: Page) => page.evaluate(() => document.documentElement.dataset.layout ?? '');

/** What a phone must never show on the current slide: sideways scrolling, overflowing boxes, blurry charts. */
function screenProblems(page: Page) {
  return page.evaluate(() => {
    const slide = window.Reveal.getCurrentSlide();
    const problems: string[] = [];
    const page = document.scrollingElement!;
    if (page.scrollWidth > innerWidth) problems.push(`the page scrolls sideways (${page.scrollWidth}px)`);
    if (slide.scrollWidth > slide.clientWidth)
      problems.push(`the slide scrolls sideways (${slide.scrollWidth}px)`);
    // A block's own scroller (overflow-x auto/scroll) may hold something wider, and what is clipped away (a
    // chart's visually hidden data table) is not on screen; nothing else may be wider than the screen.
    const inScroller = (el: Element) => {
      for (let e = el.parentElement; e && e !== slide; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.overflowX !== 'visible' || s.clipPath !== 'none') return true;
      }
      return false;
    };
    for (const el of slide.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || el.closest('aside.notes')) continue;
      if ((r.left < -0.5 || r.right > innerWidth + 0.5) && !inScroller(el))
        problems.push(
          `${el.tagName.toLowerCase()}.${el.className} spans ${Math.round(r.left)}–${Math.round(r.right)}px`,
        );
    }
    for (const canvas of slide.querySelectorAll('canvas')) {
      const r = canvas.getBoundingClientRect();
      if (r.width === 0) continue;
      const need = [Math.floor(r.width * devicePixelRatio), Math.floor(r.height * devicePixelRatio)];
      if (canvas.width < need[0]! || canvas.height < need[1]!)
        problems.push(`a chart's backing store ${canvas.width}×${canvas.height} is below ${need.join('×')}`);
    }
    return problems.slice(0, 5);
  });
}

for (const variant of ['/', '/zh-Hant/']) {
  test(`on a 390×844 phone every slide of ${variant} reads at 14 px and more, reflowed to the screen`, async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const context = await browser.newContext(PHONE);
    try {
      const page = await context.newPage();
      await openDeck(page, variant);
      expect(await layout(page)).toBe('reader');
      // The layout is measured, not the motion between slides.
      await page.evaluate(() =>
        window.Reveal.configure({ transition: 'none', backgroundTransition: 'none' }),
      );
      const n = (await page.evaluate(SLIDE_COUNT)) as number;
      expect(n).toBeGreaterThan(1);
      for (let i = 0; i < n; i++) {
        await page.evaluate(showSlideProbe(i));
        const r = (await page.evaluate(readableProbe())) as Readable;
        const where = `slide ${i + 1}/${n}: ${JSON.stringify(r.small)}`;
        expect(share(r), where).toBeGreaterThanOrEqual(0.9);
        expect(r.smallest, where).toBeGreaterThanOrEqual(12);
        expect(await screenProblems(page), `slide ${i + 1}/${n}`).toEqual([]);
      }
    } finally {
      await context.close();
    }
  });
}

test('the reader layout is for phones and tablets; laptops, projectors and print keep 16:9', async ({
  browser,
}) => {
  const cases: [number, number, boolean][] = [
    [390, 844, true],
    [844, 390, true], // a landscape phone: the 16:9 slide would be at 0.36
    [820, 1180, true], // a portrait tablet
    [1180, 820, true], // a landscape tablet: 0.61, where a 16:9 slide's 22 px text is under 14 px
    [1366, 1024, false], // a large landscape tablet: 0.71
    [1280, 720, false],
    [1920, 1080, false],
  ];
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    for (const [width, height, reader] of cases) {
      await page.setViewportSize({ width, height });
      await page.goto('about:blank');
      await openDeck(page);
      expect(await layout(page), `${width}×${height}`).toBe(reader ? 'reader' : '');
    }
    // Print (the PDF and PNG export) and the presenter view never read the reader layout, even narrow.
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of ['/?print-pdf', '/?presenter']) {
      await page.goto('about:blank');
      await openDeck(page, path);
      expect(await layout(page), path).toBe('');
    }
    // Turning the phone to a 16:9 window takes the reader layout away, and back.
    await page.goto('about:blank');
    await openDeck(page);
    expect(await layout(page)).toBe('reader');
    await page.setViewportSize({ width: 1600, height: 900 });
    await expect.poll(() => layout(page)).toBe('');
    await expect
      .poll(() => page.evaluate(() => getComputedStyle(document.querySelector('.reveal .slides')!).transform))
      .not.toBe('none');
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => layout(page)).toBe('reader');
    expect(
      await page.evaluate(() => getComputedStyle(document.querySelector('.reveal .slides')!).transform),
    ).toBe('none');
  } finally {
    await context.close();
  }
});

/* ---- following on a phone ---- */

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = (await resolveDeckConfig(root)).outDir;
const TOKEN = 'reader-spec-token-0123456789';

const where = (page: Page) =>
  page.evaluate(() => {
    const i = window.Reveal.getIndices();
    return { h: i.h, v: i.v ?? 0, f: typeof i.f === 'number' ? i.f : -1 };
  });
const mode = (page: Page) => page.evaluate(() => document.documentElement.dataset.deckFollow);

/** A one-finger swipe across the screen, as touch events (reveal.js's own swipes are off in the reader). */
async function swipe(context: BrowserContext, page: Page, dx: number) {
  const cdp = await context.newCDPSession(page);
  const y = 420;
  const x0 = dx < 0 ? 320 : 70;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: x0, y }] });
  for (let k = 1; k <= 5; k++)
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchMove',
      touchPoints: [{ x: x0 + (dx * k) / 5, y: y + k }],
    });
  // The finger stops before it lifts: no fling left running to swallow the next tap.
  for (let k = 0; k < 3; k++)
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchMove',
      touchPoints: [{ x: x0 + dx, y: y + 5 }],
    });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

let server: RunningDeck;
const contexts: BrowserContext[] = [];

test.describe('following on a phone', () => {
  test.beforeEach(async () => {
    server = await serveDeck({ root: dist, port: 0, relay: { token: TOKEN } });
  });
  test.afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close();
    await server.close();
  });

  async function open(browser: Browser, url: string, options: Parameters<Browser['newContext']>[0]) {
    const context = await browser.newContext(options);
    contexts.push(context);
    const page = await context.newPage();
    await openDeck(page, url);
    return { context, page };
  }

  test('the phone shows each slide the presenter steps to from its top, a swipe detaches, 跟随演讲 rejoins', async ({
    browser,
  }) => {
    const presenter = (
      await open(browser, `${server.url}?token=${TOKEN}`, { viewport: { width: 1280, height: 720 } })
    ).page;
    const phone = await open(browser, server.url, PHONE);
    await expect.poll(() => mode(presenter)).toBe('presenting');
    await expect.poll(() => mode(phone.page)).toBe('live');
    expect(await layout(phone.page)).toBe('reader');

    // Five slides with fragments, as they are in the deck now.
    const stepped = await presenter.evaluate(() =>
      window.Reveal.getSlides()
        .filter((s) => s.querySelector('.fragment'))
        .slice(0, 5)
        .map((s) => {
          const i = window.Reveal.getIndices(s);
          return { h: i.h, v: i.v ?? 0, index: window.Reveal.getSlides().indexOf(s) };
        }),
    );
    expect(stepped.length).toBe(5);
    for (const s of stepped) {
      // The phone had scrolled down this slide before (say, browsing it earlier): it still opens at its top.
      // (Unless the last step of the slide before already brought it here: then the phone is reading it.)
      const here = await where(phone.page);
      if (here.h !== s.h || here.v !== s.v)
        await phone.page.evaluate((i) => {
          window.Reveal.getSlides()[i]!.scrollTop = 10_000;
        }, s.index);
      await presenter.evaluate(({ h, v }) => window.Reveal.slide(h, v, -1), s);
      await expect.poll(() => where(phone.page)).toEqual({ h: s.h, v: s.v, f: -1 });
      await expect.poll(() => phone.page.evaluate(() => window.Reveal.getCurrentSlide().scrollTop)).toBe(0);
      // The presenter steps through the fragments: each appears on the phone, on screen.
      for (;;) {
        const before = await where(presenter);
        await presenter.keyboard.press('ArrowRight');
        const now = await where(presenter);
        if (now.h !== before.h || now.v !== before.v) break;
        await expect.poll(() => where(phone.page)).toEqual(now);
        // The reader scrolls a newly shown fragment into view after reveal.js shows it: wait until it is there.
        const onScreen = () =>
          phone.page.evaluate(() => {
            const slide = window.Reveal.getCurrentSlide();
            const current = [...slide.querySelectorAll<HTMLElement>('.fragment.current-fragment')].filter(
              (f) => f.getClientRects().length > 0,
            );
            return current.every((f) => {
              const r = f.getBoundingClientRect();
              return r.top < innerHeight && r.bottom > 0;
            });
          });
        await expect.poll(onScreen, `fragment ${now.f} of slide ${s.h}/${s.v} on screen`).toBe(true);
      }
    }

    // A swipe to the left: the phone's own next step, detached; the presenter stays where it is.
    const live = await where(presenter);
    await expect.poll(() => where(phone.page)).toEqual(live);
    await swipe(phone.context, phone.page, -200);
    await expect.poll(() => mode(phone.page)).toBe('detached');
    expect(await where(phone.page)).not.toEqual(live);
    expect(await where(presenter)).toEqual(live);
    const rejoin = phone.page.getByRole('button', { name: /跟随演讲/ });
    await expect(rejoin).toBeVisible();
    // Clicked, not tapped: after a synthetic swipe (every move at one instant) Chromium may take the next tap as
    // stopping a fling and send no click, which no finger would do.
    await rejoin.click();
    await expect.poll(() => mode(phone.page)).toBe('live');
    await expect.poll(() => where(phone.page)).toEqual(live);
    await expect(rejoin).toBeHidden();
  });
});
