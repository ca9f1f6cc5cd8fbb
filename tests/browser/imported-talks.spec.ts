import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { resolveDeckConfig } from '../../src/config/index.ts';
import { buildDeck } from '../../src/node/build.ts';
import { type RunningDeck, serveDeck } from '../../src/server/app.ts';
import { allSlides, goTo, openDeck } from './deck.ts';

/**
 * Two talks written for other tools, moved in unchanged (#27's done-when): a reveal.js keynote
 * (tests/fixtures/keynote-revealjs: walkthroughs, notes, vertical slides, every kind of image and background,
 * auto-animate) and a reveal-md talk (tests/fixtures/talk-revealmd: `----` and `Note:`, one front-matter line
 * for the separator, images in sub-folders of its markdown files). Built, every image loads; on a phone no
 * medium is wider than the screen and an image opens whole. tests/fixtures/phone-media holds what a phone
 * reads of the engine's own blocks: long English chart labels, many labels, timeline spans that touch.
 * One page walks each deck's slides.
 */
const FIXTURES = ['keynote-revealjs', 'talk-revealmd', 'phone-media'] as const;
type Fixture = (typeof FIXTURES)[number];
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

let out: string;
const served = new Map<Fixture, RunningDeck>();

test.beforeAll(async () => {
  test.setTimeout(240_000);
  out = mkdtempSync(join(tmpdir(), 'deck-talks-'));
  for (const name of FIXTURES) {
    const dir = fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
    const config = await resolveDeckConfig(dir, { ...process.env, DECK_OUT_DIR: join(out, name) });
    await buildDeck({ config, force: true });
    served.set(name, await serveDeck({ root: config.outDir, port: 0, host: '127.0.0.1' }));
  }
});
test.afterAll(async () => {
  for (const server of served.values()) await server.close();
  rmSync(out, { recursive: true, force: true });
});

const url = (name: Fixture) => served.get(name)!.url;

/** Failed requests (reveal.js aborting a background video or frame it unloads is not one) and loaded paths. */
function watch(page: Page) {
  const failed: string[] = [];
  const loaded = new Set<string>();
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    else loaded.add(new URL(r.url()).pathname.replace(/-[\w-]{8}(\.\w+)$/, '$1'));
  });
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') failed.push(`${r.failure()?.errorText} ${r.url()}`);
  });
  return { failed, loaded };
}

/** Every image of the present slide drawn: a source chosen, loaded, decoded to a width. */
const imagesDrawn = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLImageElement>('.reveal .slides section.present:not(.stack) img')].every(
      (img) => img.currentSrc !== '' && img.complete && img.naturalWidth > 0,
    ),
  );

for (const [name, files] of [
  [
    'keynote-revealjs',
    [
      '/assets/logo.svg',
      '/assets/speaker-320.jpg',
      '/assets/graph.png',
      '/assets/hero-wide.png',
      '/assets/cache-hit.png',
      '/assets/pipeline.webp',
      '/assets/demo-poster.jpg',
      '/assets/grid.png',
      '/assets/stage.jpg',
      '/assets/closing.jpg',
      '/assets/loop.webm',
      '/assets/embed.html',
    ],
  ],
  [
    'talk-revealmd',
    [
      '/assets/title-bg.jpg',
      '/assets/author.jpg',
      '/assets/pipes.png',
      '/assets/workbench-wide.png',
      '/assets/unix.svg',
      '/assets/growth.png',
      '/assets/bars.png',
    ],
  ],
] as const) {
  test(`${name}: ≥ 30 slides, every image and background bundled and loaded, no request fails`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    const { failed, loaded } = watch(page);
    await openDeck(page, url(name));
    const slides = await allSlides(page);
    expect(slides.length).toBeGreaterThanOrEqual(30);
    for (const [h, v] of slides) {
      await goTo(page, h, v);
      await expect.poll(() => imagesDrawn(page), `images of slide ${h}/${v}`).toBe(true);
    }
    // Each slide background reveal.js drew is a bundled file that answered.
    const backgrounds = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.reveal .slide-background-content')]
        .map((el) => el.style.backgroundImage)
        .filter(Boolean),
    );
    expect(backgrounds.length).toBeGreaterThanOrEqual(name === 'keynote-revealjs' ? 3 : 2);
    for (const bg of backgrounds) expect(bg).toMatch(/url\("?\.?\/?assets\/[\w.-]+-[\w-]{8}\.(png|jpg)"?\)/);
    for (const file of files) expect(loaded, file).toContain(file);
    expect(failed).toEqual([]);
  });
}

/** Media of the present slide wider than the screen, or reaching past its edges. */
const tooWide = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const slide = document.querySelector<HTMLElement>('.reveal .slides section.present:not(.stack)')!;
    const out: string[] = [];
    for (const el of slide.querySelectorAll<Element>(
      'img, video, iframe, svg, picture, canvas, object, embed',
    )) {
      if (el.parentElement?.closest('svg')) continue; // an SVG's own parts
      const r = el.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.left < -0.5 || r.right > width + 0.5)
        out.push(`${el.tagName.toLowerCase()} ${Math.round(r.left)}–${Math.round(r.right)} of ${width}`);
    }
    if (slide.scrollWidth > slide.clientWidth + 1) out.push(`slide scrolls across: ${slide.scrollWidth}`);
    return out;
  });

async function phonePage(browser: Browser, name: Fixture) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await openDeck(page, url(name));
  await expect(page.locator('html')).toHaveAttribute('data-layout', 'reader');
  // Boxes are measured where slides rest, not halfway through a slide's entrance.
  await page.evaluate(() => window.Reveal.configure({ transition: 'none', backgroundTransition: 'none' }));
  return { context, page };
}

for (const name of ['keynote-revealjs', 'talk-revealmd'] as const) {
  test(`${name} on a 390×844 phone: no medium wider than the screen, images in their shape`, async ({
    browser,
  }) => {
    const { context, page } = await phonePage(browser, name);
    for (const [h, v] of await allSlides(page)) {
      await goTo(page, h, v);
      await expect.poll(() => imagesDrawn(page)).toBe(true);
      expect(await tooWide(page), `slide ${h}/${v}`).toEqual([]);
    }
    // The 1,400 px image: scaled to the column, its ratio kept.
    const [h, v] = await page.evaluate(() => {
      const img = document.querySelector('.reveal .slides section img[src*="-wide"]')!;
      const i = window.Reveal.getIndices(img.closest('section')!);
      return [i.h, i.v ?? 0];
    });
    await goTo(page, h, v);
    const shape = await page
      .locator('.reveal .slides section.present img[src*="-wide"]')
      .first()
      .evaluate((img: HTMLImageElement) => ({
        natural: img.naturalWidth / img.naturalHeight,
        drawn: img.clientWidth / img.clientHeight,
        width: img.clientWidth,
      }));
    expect(shape.width).toBeLessThanOrEqual(390);
    expect(shape.drawn).toBeCloseTo(shape.natural, 1);
    await context.close();
  });
}

test('phone: an image opens whole in a labelled dialog; Escape or a tap closes it, focus comes back', async ({
  browser,
}) => {
  const { context, page } = await phonePage(browser, 'keynote-revealjs');
  const [h, v] = await page.evaluate(() => {
    const img = document.querySelector('.reveal .slides section img[src*="hero-wide"]')!;
    const i = window.Reveal.getIndices(img.closest('section')!);
    return [i.h, i.v ?? 0];
  });
  await goTo(page, h, v);
  const img = page.locator('.reveal .slides section.present img[src*="hero-wide"]');
  await expect(img).toHaveAttribute('role', 'button');
  await expect(img).toHaveAttribute('aria-label', /^Show the whole image: /);
  const dialog = page.getByRole('dialog', { name: 'The whole image' });

  await img.tap();
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('img')).toHaveAttribute('src', /hero-wide/);
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  const box = await dialog.locator('img').boundingBox();
  expect(box!.width).toBeGreaterThan(370); // the screen's width, not the column's
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(img).toBeFocused();
  // Escape went to the dialog, not to reveal.js (its overview), and the deck did not move.
  expect(await page.evaluate(() => window.Reveal.isOverview())).toBe(false);
  expect(await page.evaluate(() => window.Reveal.getIndices())).toMatchObject({ h, v });

  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await dialog.tap();
  await expect(dialog).toBeHidden();
  await context.close();
});

test('on a wide screen images are not buttons: the lightbox is the phone’s', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openDeck(page, url('keynote-revealjs'));
  await expect(page.locator('.reveal img[data-lightbox]')).toHaveCount(0);
});

/** The lines each category label of the present slide's chart shows ('' when thinned out). */
const categoryTicks = async (page: Page) => {
  const canvas = page.locator('.reveal .slides section.present canvas[data-category-ticks]');
  await expect(canvas).toHaveCount(1);
  return JSON.parse((await canvas.getAttribute('data-category-ticks'))!) as string[][];
};

test('chart labels: split only between words, shortened with an ellipsis, thinned by rule', async ({
  browser,
}) => {
  const labels = [
    'Per entry',
    'Per returning visitor',
    'Internationalization',
    'Average basket',
    'Checkout completion rate',
  ];
  /** Each line is whole words of the label, the last of which may be cut short with an ellipsis. */
  const wordsOnly = (label: string, lines: string[]) => {
    const words = label.split(' ');
    for (const word of lines.join(' ').split(' ').filter(Boolean)) {
      const cut = word.endsWith('…') ? word.slice(0, -1) : undefined;
      expect(cut ? words.some((w) => w.startsWith(cut) && w !== cut) : words.includes(word), word).toBe(true);
    }
  };
  const { context, page } = await phonePage(browser, 'phone-media');
  await goTo(page, 0, 0);
  const bars = await categoryTicks(page);
  expect(bars).toHaveLength(5);
  bars.forEach((lines, i) => {
    if (lines.join('')) wordsOnly(labels[i]!, lines);
  });
  // The rule: the first and the last always; every k-th between, evenly.
  const shown = (ticks: string[][]) => ticks.flatMap((l, i) => (l.join('') ? [i] : []));
  const ruled = (ticks: string[][]) => {
    const at = shown(ticks);
    expect(at[0]).toBe(0);
    expect(at.at(-1)).toBe(ticks.length - 1);
    const k = at[1]! - at[0]!;
    for (let j = 1; j < at.length - 1; j++) expect(at[j]! - at[j - 1]!).toBe(k);
    expect(at.at(-1)! - at.at(-2)!).toBeGreaterThanOrEqual(k);
  };
  ruled(bars);
  // Never "Per ent" / "ry", as the phone's 7-character chunks made it.
  expect(bars[0]!.join(' ')).toBe('Per entry');

  await goTo(page, 1, 0);
  const months = await categoryTicks(page);
  expect(months).toHaveLength(12);
  ruled(months);
  expect(shown(months).length).toBeLessThan(12);
  for (const lines of months) expect(lines.join('')).not.toContain('…');
  await context.close();

  // On a wide screen each label has room: all of them, each on as few lines as it needs.
  const wide = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await openDeck(wide, url('phone-media'));
  const all = await categoryTicks(wide);
  expect(all.map((l) => l.join(' '))).toEqual(labels);
  await wide.close();
});

test('timeline spans that only touch share their date’s slot, each on its half, at both sizes', async ({
  browser,
}) => {
  for (const options of [{ viewport: { width: 1920, height: 1080 } }, PHONE]) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await openDeck(page, url('phone-media'));
    await goTo(page, 2, 0);
    const boxes = await page.evaluate(() => {
      const fig = document.querySelector('.reveal .slides section.present [data-block="timeline"]')!;
      const rect = (el: Element) => el.getBoundingClientRect().toJSON() as DOMRect;
      return {
        spans: [...fig.querySelectorAll('.tl-span')].map(rect),
        shared: rect(fig.querySelector('[data-node="e2"]')!),
        across: !window.matchMedia('(max-width: 700px)').matches,
      };
    });
    const [first, second] = boxes.spans;
    if (boxes.across) {
      // Side by side below the axis, meeting inside 2024's slot.
      expect(first!.right).toBeLessThanOrEqual(second!.left);
      const middle = (boxes.shared.left + boxes.shared.right) / 2;
      expect(Math.abs(first!.right - middle)).toBeLessThan(boxes.shared.width / 4);
      expect(Math.abs(second!.left - middle)).toBeLessThan(boxes.shared.width / 4);
    } else {
      // Down the side of the axis, meeting beside 2024's event.
      expect(first!.bottom).toBeLessThanOrEqual(second!.top);
      expect(first!.bottom).toBeGreaterThan(boxes.shared.top);
      expect(second!.top).toBeLessThan(boxes.shared.bottom);
    }
    await context.close();
  }
});
