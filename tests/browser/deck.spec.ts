import { expect, type Page, test } from '@playwright/test';
import { type Readable, readableProbe } from '../../bench/readable.ts';
import { MIN_DESIGN_TEXT } from '../../src/runtime/layout.ts';
import { allSlides, goTo, indices, openDeck } from './deck.ts';

/** Collects console errors, page errors and every request's URL for the page's life. */
function watch(page: Page) {
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  return { errors, requests };
}

test('the built deck loads with no console error and no request off its origin', async ({
  page,
  baseURL,
}) => {
  const seen = watch(page);
  await openDeck(page);
  // Visit every slide so lazily loaded parts load too.
  for (const [h, v] of await allSlides(page)) await goTo(page, h, v);
  expect(seen.errors).toEqual([]);
  const origin = new URL(baseURL!).origin;
  const offsite = seen.requests.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin);
  expect(offsite).toEqual([]);
  expect(seen.requests.length).toBeGreaterThan(3);
});

test('the first slide is in the HTML the server sends', async ({ request }) => {
  const html = await (await request.get('/')).text();
  expect(html).toMatch(/<section[^>]*class="cover"[^>]*>[\s\S]*<h1>工业强市作战图<\/h1>/);
  expect(html).not.toMatch(/markdown-it|data-markdown/);
});

test('reveal.js starts only after the first slide has been drawn with its font', async ({ page }) => {
  // Page-side, before any page script: the frame in which the cover's heading is laid out with its font
  // ready, and the moment reveal.js takes the page (it marks <body> as its viewport).
  await page.addInitScript({
    content: `(() => {
      const w = window;
      const check = () => {
        const h = document.querySelector('.reveal .slides section h1');
        const s = h && getComputedStyle(h);
        if (h && h.getBoundingClientRect().width > 0 && document.fonts.check(s.fontWeight + ' ' + s.fontSize + ' ' + s.fontFamily, h.textContent)) w.__drawnAt = performance.now();
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
      new MutationObserver((_m, o) => {
        if (document.body && document.body.classList.contains('reveal-viewport')) { w.__revealAt = performance.now(); o.disconnect(); }
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ['class'] });
    })();`,
  });
  // The heading's font arrives only after the script has: the order in which a slow font and a cached script
  // come on a real network, where starting reveal.js at once would hold the heading's frame back.
  let scriptArrived!: () => void;
  const script = new Promise<void>((done) => {
    scriptArrived = done;
  });
  page.on('requestfinished', (r) => {
    if (r.resourceType() === 'script') scriptArrived();
  });
  await page.route(/deck-sans-[^/]*-first-700-[^/]*\.woff2$/, async (route) => {
    await script;
    await route.continue();
  });
  await openDeck(page);
  const t = await page.evaluate(() => {
    const w = window as unknown as { __drawnAt?: number; __revealAt?: number };
    return { drawn: w.__drawnAt ?? Number.NaN, reveal: w.__revealAt ?? Number.NaN };
  });
  expect(t.drawn).toBeLessThan(t.reveal);
});

test('keyboard navigation moves across and down, and updates the hash', async ({ page }) => {
  await openDeck(page);
  expect(await indices(page)).toMatchObject({ h: 0, v: 0 });
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => indices(page)).toMatchObject({ h: 1, v: 0 });
  await expect(page).toHaveURL(/#\/1$/);
  const slides = await allSlides(page);
  const stack = slides.find(([, v]) => v === 1)!;
  await goTo(page, stack[0], 0);
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => indices(page)).toMatchObject({ h: stack[0], v: 1 });
  await expect(page).toHaveURL(new RegExp(`#/${stack[0]}/1$`));
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => indices(page)).toMatchObject({ h: stack[0], v: 0 });
});

test('a hash deep link opens a vertical slide', async ({ page }) => {
  const slides = await (async () => {
    await openDeck(page);
    return allSlides(page);
  })();
  const [h, v] = slides.find(([, v]) => v === 1)!;
  await openDeck(page, '/', `/${h}/${v}`);
  expect(await indices(page)).toMatchObject({ h, v });
  await expect(page.locator('.reveal .slides section.present:not(.stack)')).toHaveCount(1);
  // The slide number shows where we are.
  await expect(page.locator('.slide-number')).toBeVisible();
});

test('on a phone (the reader layout) a deep link and the language switch keep the slide and fragment', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openDeck(page);
  // A vertical slide with fragments when the deck has one, else any vertical slide.
  const target = await page.evaluate(() => {
    const r = window.Reveal;
    const vertical = r.getSlides().filter((s) => (r.getIndices(s).v ?? 0) > 0);
    const s = vertical.find((x) => x.querySelector('.fragment')) ?? vertical[0]!;
    const i = r.getIndices(s);
    return { h: i.h, v: i.v ?? 0, f: s.querySelector('.fragment') ? 0 : undefined };
  });
  const hash = [target.h, target.v, target.f].filter((x) => x !== undefined).join('/');
  await page.goto('about:blank'); // a fresh load, not a hash change on the open deck
  await openDeck(page, '/', `/${hash}`);
  expect(await page.evaluate(() => document.documentElement.dataset.layout)).toBe('reader');
  await expect.poll(() => indices(page)).toMatchObject(target);
  await expect(page).toHaveURL(new RegExp(`#/${hash}$`));
  const slide = page.locator('.reveal .slides section.present:not(.stack)');
  await expect(slide.locator('h2').first()).toBeInViewport();
  // No emptied stack wrapper or other slide is on screen.
  const onScreen = await page.evaluate(
    () =>
      [...document.querySelectorAll('.reveal .slides section:not(.stack)')].filter((s) => {
        const r = s.getBoundingClientRect();
        const style = getComputedStyle(s);
        return (
          r.width > 0 &&
          r.right > 0 &&
          r.left < innerWidth &&
          r.bottom > 0 &&
          r.top < innerHeight &&
          style.visibility !== 'hidden' &&
          style.display !== 'none'
        );
      }).length,
  );
  expect(onScreen).toBe(1);

  await page.locator('.deck-lang-switch a[lang="zh-Hant"]').click();
  await page.waitForURL(new RegExp(`/zh-Hant/#/${hash}$`));
  await page.waitForFunction(() => document.documentElement.dataset.deckReady === 'true');
  await expect.poll(() => indices(page)).toMatchObject(target);
});

/** Runs in the page: whether the present slide's text (notes aside) is drawable in the deck's faces, both weights. */
function presentSlideDrawable(): boolean {
  const slide = window.Reveal.getCurrentSlide();
  const text = [...slide.querySelectorAll('*:not(aside.notes):not(aside.notes *)')]
    .flatMap((el) => [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.nodeValue))
    .join('');
  return ['400', '700'].every((w) => document.fonts.check(`${w} 40px "Deck Sans"`, text));
}

test('ready waits for the current slide’s faces only: the rest of the font follows, then data-deck-complete', async ({
  page,
}) => {
  // The later slides' faces are held until the deck says it is ready: ready must not wait for them.
  let release = () => {};
  const held = new Promise<void>((done) => {
    release = done;
  });
  await page.route(/-rest-\d+-[0-9a-f]+\.woff2$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/');
  await page.waitForFunction(() => document.documentElement.dataset.deckReady === 'true');
  expect(await page.evaluate(presentSlideDrawable)).toBe(true);
  expect(await page.evaluate(() => document.documentElement.dataset.deckComplete)).toBeUndefined();
  release();
  await page.waitForFunction(() => document.documentElement.dataset.deckComplete === 'true');
  expect(
    await page.evaluate(() =>
      ['400', '700'].every((w) =>
        document.fonts.check(`${w} 40px "Deck Sans"`, document.body.textContent ?? ''),
      ),
    ),
  ).toBe(true);
});

test('speaker notes are never visible on a slide', async ({ page }) => {
  await openDeck(page);
  for (const [h, v] of await allSlides(page)) {
    await goTo(page, h, v);
    const notes = page.locator('.reveal .slides section.present aside.notes');
    for (const note of await notes.all()) await expect(note).toBeHidden();
  }
});

test('overview mode opens with Escape and closes again', async ({ page }) => {
  await openDeck(page);
  await page.keyboard.press('Escape');
  await expect(page.locator('.reveal.overview')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(page.locator('.reveal.overview')).toHaveCount(0);
});

for (const path of ['/', '/zh-Hant/']) {
  test(`the CJK font renders the text: no fallback font on any slide of ${path}`, async ({ page }) => {
    await openDeck(page, path);
    expect(await page.evaluate(() => document.fonts.check('40px "Deck Sans"', '工业强市'))).toBe(true);
    const family = await page
      .locator('h1')
      .first()
      .evaluate((el) => getComputedStyle(el).fontFamily);
    expect(family.startsWith('"Deck Sans"')).toBe(true);

    // Ask Chromium which fonts it really used for each element's text.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const fallbacks = new Set<string>();
    for (const [h, v] of await allSlides(page)) {
      await goTo(page, h, v);
      const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
      const { nodeIds } = await cdp.send('DOM.querySelectorAll', {
        nodeId: root.nodeId,
        selector: '.reveal .slides section.present:not(.stack) *:not(aside):not(aside *)',
      });
      for (const nodeId of nodeIds) {
        const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
        for (const f of fonts)
          if (!f.isCustomFont) fallbacks.add(`${h}/${v}: ${f.familyName} (${f.glyphCount} glyphs)`);
      }
    }
    expect([...fallbacks]).toEqual([]);
  });
}

for (const path of ['/', '/zh-Hant/']) {
  test(`no slide of ${path} overflows its 16:9 frame or has text under ${MIN_DESIGN_TEXT} px, with every fragment shown`, async ({
    page,
  }) => {
    for (const viewport of [
      { width: 1920, height: 1080 },
      { width: 1280, height: 720 },
    ]) {
      await page.setViewportSize(viewport);
      await openDeck(page, path);
      const problems: string[] = [];
      for (const [h, v] of await allSlides(page)) {
        await goTo(page, h, v);
        await page.evaluate(() => {
          for (const f of document.querySelectorAll('.reveal .slides section.present .fragment'))
            f.classList.add('visible');
        });
        problems.push(
          ...(await page.evaluate(() => {
            const slide = document.querySelector<HTMLElement>('.reveal .slides section.present:not(.stack)')!;
            const frame = slide.getBoundingClientRect();
            const out: string[] = [];
            const where = slide.dataset.source;
            if (slide.scrollHeight > slide.clientHeight + 1 || slide.scrollWidth > slide.clientWidth + 1) {
              out.push(
                `${where}: content ${slide.scrollWidth}×${slide.scrollHeight} in ${slide.clientWidth}×${slide.clientHeight}`,
              );
            }
            for (const el of slide.querySelectorAll<HTMLElement>('*')) {
              if (el.closest('aside.notes, .visually-hidden')) continue;
              const r = el.getBoundingClientRect();
              if (r.width === 0 && r.height === 0) continue;
              const tol = 1;
              if (
                r.left < frame.left - tol ||
                r.top < frame.top - tol ||
                r.right > frame.right + tol ||
                r.bottom > frame.bottom + tol
              ) {
                out.push(
                  `${where}: <${el.tagName.toLowerCase()}> "${(el.textContent ?? '').slice(0, 30)}" outside the frame`,
                );
              }
            }
            return out;
          })),
        );
        if (viewport.width === 1920) {
          // The reader threshold (14 px over the smallest design text) holds only if no text is smaller.
          const r = (await page.evaluate(readableProbe(MIN_DESIGN_TEXT))) as Readable;
          for (const small of r.small) problems.push(`${h}/${v}: "${small.text}" at ${small.px} px`);
        }
      }
      expect(problems, `at ${viewport.width}×${viewport.height}`).toEqual([]);
    }
  });
}
