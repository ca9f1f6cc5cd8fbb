import { expect, type Page, test } from '@playwright/test';
import { allSlides, goTo, openDeck } from './deck.ts';

/**
 * The deck's grid (README, "The grid"), measured at 1920×1080 with every fragment shown: titles on one anchor
 * in one size, slides filled with their content, and the 作战图's navigator on every direction slide.
 */

interface SlideBox {
  at: string;
  /** Cover, statement and closing slides: layouts of their own, their content centred. */
  ownLayout: boolean;
  centred: boolean;
  /** The title's top from the slide's top and its size, in design px (null: no h2). */
  titleTop: number | null;
  titleSize: number | null;
  /** The share of the slide left blank under its main content. */
  blank: number;
}

function measureSlide(page: Page): Promise<SlideBox> {
  return page.evaluate(() => {
    const slide = document.querySelector<HTMLElement>('.reveal .slides section.present:not(.stack)')!;
    for (const f of slide.querySelectorAll('.fragment')) f.classList.add('visible');
    const scale = window.Reveal.getScale();
    const frame = slide.getBoundingClientRect();
    const h2 = slide.querySelector<HTMLElement>(':scope > h2');
    const cs = getComputedStyle(slide);
    // The main content: the slide's own children in the flow, not its footnote, notes or margin furniture.
    const main = [...slide.children].filter((el) => {
      if (el.matches('aside, .slide-sources, script, style')) return false;
      const pos = getComputedStyle(el).position;
      return pos !== 'absolute' && pos !== 'fixed' && el.getBoundingClientRect().height > 0;
    });
    const bottom = Math.max(...main.map((el) => el.getBoundingClientRect().bottom));
    return {
      at: `${slide.dataset.source ?? ''} (${Object.values(window.Reveal.getIndices(slide)).slice(0, 2).join('/')})`,
      ownLayout: slide.matches('.cover, .statement, .closing'),
      centred: cs.justifyContent === 'center',
      titleTop: h2 ? (h2.getBoundingClientRect().top - frame.top) / scale : null,
      titleSize: h2 ? Number.parseFloat(getComputedStyle(h2).fontSize) : null,
      blank: Math.max(0, frame.bottom - bottom) / frame.height,
    };
  });
}

async function everySlide(page: Page): Promise<SlideBox[]> {
  const out: SlideBox[] = [];
  for (const [h, v] of await allSlides(page)) {
    await goTo(page, h, v);
    out.push(await measureSlide(page));
  }
  return out;
}

/** The most frequent value, and how many are within `tol` of it. */
function anchor(values: number[], tol: number): { at: number; near: number } {
  let best = { at: Number.NaN, near: -1 };
  for (const v of values) {
    const near = values.filter((w) => Math.abs(w - v) <= tol).length;
    if (near > best.near) best = { at: v, near };
  }
  return best;
}

test('the grid at 1920×1080: titles on one anchor in one size, and slides filled, fragments shown', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openDeck(page);
  const slides = await everySlide(page);

  const content = slides.filter((s) => !s.ownLayout && s.titleTop !== null);
  expect(content.length).toBeGreaterThanOrEqual(10);
  const top = anchor(
    content.map((s) => s.titleTop!),
    6,
  );
  const size = anchor(
    content.map((s) => s.titleSize!),
    0,
  );
  const onGrid = content.filter((s) => Math.abs(s.titleTop! - top.at) <= 6 && s.titleSize === size.at);
  const off = content
    .filter((s) => !onGrid.includes(s))
    .map((s) => `${s.at}: ${s.titleTop} px, ${s.titleSize} px`);
  expect(onGrid.length / content.length, `off the grid: ${off.join('; ')}`).toBeGreaterThanOrEqual(0.9);

  const filled = slides.filter((s) => s.blank <= 0.3 || s.centred);
  const empty = slides
    .filter((s) => !filled.includes(s))
    .map((s) => `${s.at}: ${Math.round(s.blank * 100)}% blank`);
  expect(filled.length / slides.length, `half-empty: ${empty.join('; ')}`).toBeGreaterThanOrEqual(0.9);
});

/** Every slide of the stacks that open with a direction (`#dir-N`), as [h, v, N]. */
async function directionSlides(page: Page): Promise<[number, number, number][]> {
  return page.evaluate(() =>
    window.Reveal.getSlides().flatMap((s) => {
      const stack = s.parentElement?.matches('section.stack') ? s.parentElement : s;
      const head = stack.matches('[id^="dir-"]') ? stack : stack.querySelector(':scope > [id^="dir-"]');
      if (!head) return [];
      const i = window.Reveal.getIndices(s);
      return [[i.h, i.v ?? 0, Number(head.id.slice(4))] as [number, number, number]];
    }),
  );
}

for (const [name, viewport] of [
  ['at 1920×1080', { width: 1920, height: 1080 }],
  ['on a 390×844 phone', { width: 390, height: 844 }],
] as const) {
  test(`the navigator ${name}: on every direction slide, the current direction lit, a click back to the map`, async ({
    browser,
  }) => {
    const phone = viewport.width < 600;
    const context = await browser.newContext({ viewport, isMobile: phone, hasTouch: phone });
    try {
      const page = await context.newPage();
      await openDeck(page);
      // Boxes are read where a slide rests, not while it slides in.
      await page.evaluate(() => window.Reveal.configure({ transition: 'none' }));
      const slides = await directionSlides(page);
      expect(new Set(slides.map(([, , n]) => n))).toEqual(new Set([1, 2, 3, 4, 5]));
      const missing: string[] = [];
      for (const [h, v, n] of slides) {
        await goTo(page, h, v);
        const nav = page.locator('section.present:not(.stack) nav.map-nav');
        if ((await nav.count()) !== 1) {
          missing.push(`${h}/${v}: no navigator`);
          continue;
        }
        const lit = await nav
          .locator('a[aria-current]')
          .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
        if (lit.join() !== `#/dir-${n}`)
          missing.push(`${h}/${v}: lit ${lit.join() || 'none'}, not #/dir-${n}`);
        // Lit, not just marked: the current cell is drawn apart from the others.
        const fills = await nav
          .locator('li a')
          .evaluateAll((as) => [...new Set(as.map((a) => getComputedStyle(a).backgroundColor))].length);
        if (fills < 2) missing.push(`${h}/${v}: the current direction looks like the others`);
        // On screen and clear of the title.
        const [box, title] = await Promise.all([
          nav.boundingBox(),
          page.locator('section.present:not(.stack) > h2').boundingBox(),
        ]);
        if (!box || box.x < 0 || box.x + box.width > viewport.width + 0.5)
          missing.push(`${h}/${v}: off screen`);
        if (box && title && box.y + box.height > title.y + 0.5) missing.push(`${h}/${v}: over the title`);
      }
      expect(missing).toEqual([]);
      // A click (a tap on the phone) on 作战图 goes back to the map, from the last direction slide.
      const [h, v] = slides.at(-1)!;
      await goTo(page, h, v);
      const home = page.locator('section.present:not(.stack) nav.map-nav a.map-nav-home');
      if (phone) await home.tap();
      else await home.click();
      await page.waitForFunction(() => document.querySelector('.reveal .slides section.present#battle-map'));
      await expect(page.locator('section.present#battle-map')).toBeVisible();
    } finally {
      await context.close();
    }
  });
}

test('on a 390×844 phone, titles are at most 1.4× the body text, the 作战图 too', async ({ browser }) => {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  try {
    const page = await context.newPage();
    await openDeck(page);
    expect(await page.evaluate(() => document.documentElement.dataset.layout)).toBe('reader');
    const body = await page.evaluate(() =>
      Number.parseFloat(getComputedStyle(document.querySelector('.reveal')!).fontSize),
    );
    const big: string[] = [];
    for (const [h, v] of await allSlides(page)) {
      await goTo(page, h, v);
      const size = await page.evaluate(() => {
        const h2 = document.querySelector('.reveal .slides section.present:not(.stack) > h2');
        return h2 ? Number.parseFloat(getComputedStyle(h2).fontSize) : 0;
      });
      if (size > body * 1.4 + 0.01) big.push(`${h}/${v}: ${size} px over ${body} px body`);
    }
    expect(big).toEqual([]);
  } finally {
    await context.close();
  }
});
