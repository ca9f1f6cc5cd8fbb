import { fileURLToPath } from 'node:url';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { resolveDeckConfig } from '../../src/config/index.ts';
import { type RunningDeck, serveDeck } from '../../src/server/app.ts';
import { audit, settled } from './axe.ts';
import { allSlides, goTo, openDeck } from './deck.ts';

/**
 * Accessibility: axe-core (WCAG 2.2 AA rules) over every slide of both variants, the presenter view and the
 * follow overlays; the keyboard; reduced motion; the announcement of slide changes. On a server of its own,
 * so its presenter pages never move other specs' decks.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const config = await resolveDeckConfig(root);
const dist = config.outDir;
const toHant = config.variants.find((v) => v.lang === 'zh-Hant')!.convert!;
const TOKEN = 'a11y-spec-token-0123456789';
const VARIANTS = ['', 'zh-Hant/'] as const;

// One per test: a relay keeps the last presenter state, and a later test's deck would follow it.
let server: RunningDeck;
test.beforeEach(async () => {
  server = await serveDeck({ root: dist, port: 0, relay: { token: TOKEN } });
});
test.afterEach(async () => {
  await server.close();
});

for (const variant of VARIANTS) {
  test(`axe: every slide of /${variant}, all fragments shown, has no serious or critical violation`, async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openDeck(page, `${server.url}${variant}`);
    await settled(page);
    const found = await audit(page, `/${variant}`);
    for (const [h, v] of await allSlides(page)) {
      await goTo(page, h, v);
      await page.evaluate(() => {
        while (window.Reveal.nextFragment()) {
          // every fragment shown, so hidden text is audited too
        }
      });
      await settled(page);
      found.push(
        ...(await audit(page, `/${variant}#/${h}/${v}`, '.reveal .slides section.present:not(.stack)')),
      );
    }
    expect(found).toEqual([]);
  });
}

test('axe: the presenter view, both variants', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const found: string[] = [];
  for (const variant of VARIANTS) {
    await openDeck(page, `${server.url}${variant}presenter?token=${TOKEN}`);
    await expect(page.locator('.deck-presenter')).toBeVisible();
    await settled(page);
    found.push(...(await audit(page, `/${variant}presenter`)));
  }
  expect(found).toEqual([]);
  // Its own control is reached by Tab and shows focus.
  for (let i = 0; i < 12 && !(await focused(page)).what.startsWith('button.deck-presenter-reset'); i++)
    await page.keyboard.press('Tab');
  expect(await focused(page)).toMatchObject({ shown: true, ring: true });
  expect((await focused(page)).what).toMatch(/^button\.deck-presenter-reset/);
});

async function open(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await openDeck(page, url);
  return { context, page };
}

const followMode = (page: Page) => page.evaluate(() => document.documentElement.dataset.deckFollow);

test('axe: the follow indicator (live, presenting, detached) and the join overlay; both labelled', async ({
  browser,
}) => {
  const presenter = await open(browser, `${server.url}?token=${TOKEN}`);
  const audience = await open(browser, `${server.url}zh-Hant/`);
  try {
    await expect.poll(() => followMode(presenter.page)).toBe('presenting');
    await expect.poll(() => followMode(audience.page)).toBe('live');
    await expect(presenter.page.getByRole('group', { name: '跟随演讲状态' })).toBeVisible();
    await expect(audience.page.getByRole('group', { name: '跟隨演講狀態' })).toBeVisible();
    const found = await audit(audience.page, 'live', '.deck-follow');
    found.push(...(await audit(presenter.page, 'presenting', '.deck-follow')));
    await audience.page.keyboard.press('ArrowRight');
    await expect.poll(() => followMode(audience.page)).toBe('detached');
    await expect(audience.page.locator('.deck-follow-rejoin')).toBeVisible();
    await settled(audience.page);
    found.push(...(await audit(audience.page, 'detached', '.deck-follow')));
    await presenter.page.keyboard.press('j');
    await expect(presenter.page.locator('.deck-join[data-ready="true"]')).toBeVisible();
    await settled(presenter.page);
    found.push(...(await audit(presenter.page, 'join overlay', '.deck-join')));
    expect(found).toEqual([]);
  } finally {
    await presenter.context.close();
    await audience.context.close();
  }
});

/** Where keyboard focus is, and whether it shows: on screen, and ringed by an outline or a shadow. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const e = document.activeElement as HTMLElement;
    const cs = getComputedStyle(e);
    const r = e.getBoundingClientRect();
    const onScreen =
      r.width > 0 &&
      r.height > 0 &&
      r.right > 0 &&
      r.bottom > 0 &&
      r.left < innerWidth &&
      r.top < innerHeight;
    const ring =
      (cs.outlineStyle !== 'none' && Number.parseFloat(cs.outlineWidth) >= 2) || cs.boxShadow !== 'none';
    const name = e.getAttribute('aria-label') ?? e.textContent?.trim().slice(0, 12) ?? '';
    return {
      what: `${e.tagName.toLowerCase()}.${String(e.className).split(' ')[0]} "${name}"`,
      body: e === document.body,
      shown: onScreen && e.checkVisibility({ opacityProperty: true, visibilityProperty: true }),
      ring,
    };
  });

test('keyboard: Tab reaches every control of a slide, each on screen and ringed when focused', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openDeck(page, server.url);
  // A chart slide (its data toggle; a vertical slide: three arrows) and a chain map (its nodes).
  const targets = await page.evaluate(() => {
    const at = (sel: string) => {
      const s = document.querySelector(sel)!.closest('section')!;
      const i = window.Reveal.getIndices(s);
      return [i.h, i.v ?? 0] as const;
    };
    return [at('figure[data-block="chart"]'), at('[data-block="chain-map"]')];
  });
  const seen = new Set<string>();
  for (const [h, v] of targets) {
    await goTo(page, h, v);
    // reveal.js fades the arrows a slide no longer needs: until that ends, one is focusable and fading out.
    await settled(page);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      if (f.body) continue; // focus left the page for the browser's own UI and came back
      seen.add(f.what.split(' ')[0]!);
      expect(f.shown, `${f.what} on screen`).toBe(true);
      expect(f.ring, `${f.what} shows focus`).toBe(true);
    }
  }
  for (const control of ['button.navigate-left', 'button.navigate-right', 'a.', 'button.chart-data-toggle'])
    expect([...seen], control).toContain(control);
  expect([...seen].some((s) => s.startsWith('div.cm-node'))).toBe(true);
  // reveal.js's arrows and the language switch are named in the page's language.
  await expect(page.locator('.reveal .controls .navigate-right')).toHaveAttribute('aria-label', '下一张');
  await expect(page.getByRole('navigation', { name: '语言' })).toBeVisible();
  await openDeck(page, `${server.url}zh-Hant/`);
  await expect(page.locator('.reveal .controls .navigate-right')).toHaveAttribute('aria-label', '下一張');
  await expect(page.getByRole('navigation', { name: '語言' })).toBeVisible();
});

/** CSS transitions a slide change starts, and the frames a chart draws as it appears. */
async function motionOf(page: Page) {
  const id = await page.evaluate(() => {
    const figure = document.querySelector<HTMLElement>('figure[data-block="chart"]')!;
    const slides = window.Reveal.getSlides();
    const before = window.Reveal.getIndices(slides[slides.indexOf(figure.closest('section')!) - 1]);
    window.Reveal.slide(before.h, before.v ?? 0);
    return figure.id;
  });
  await page.waitForFunction(() => !document.querySelector('.reveal .slides.transitioning'));
  await settled(page);
  const transitions = await page.evaluate(() => {
    // Chart.js clears its canvas once per animation frame: count the clears until the chart is drawn.
    const w = window as unknown as { clears: number };
    w.clears = 0;
    const clear = CanvasRenderingContext2D.prototype.clearRect;
    CanvasRenderingContext2D.prototype.clearRect = function (...args) {
      w.clears++;
      return clear.apply(this, args);
    };
    window.Reveal.next();
    return document.getAnimations().filter((a) => a.playState === 'running').length;
  });
  await page.waitForFunction((id) => document.getElementById(id)?.dataset.blockState === 'ready', id);
  return page.evaluate((transitions) => {
    const frames = (window as unknown as { clears: number }).clears;
    return { transitions, frames, transition: window.Reveal.getConfig().transition };
  }, transitions);
}

test('reduced motion: no slide transition and no chart animation; without it, both', async ({ browser }) => {
  for (const reducedMotion of ['reduce', 'no-preference'] as const) {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, reducedMotion });
    try {
      const page = await context.newPage();
      await openDeck(page, server.url);
      const m = await motionOf(page);
      if (reducedMotion === 'reduce') {
        expect(m.transition).toBe('none');
        expect(m.transitions).toBe(0);
        expect(m.frames).toBeLessThanOrEqual(3);
      } else {
        expect(m.transition).not.toBe('none');
        expect(m.transitions).toBeGreaterThan(0);
        expect(m.frames).toBeGreaterThan(3);
      }
    } finally {
      await context.close();
    }
  }
});

test('a slide change is announced once, by reveal.js’s live region, in each page’s language', async ({
  page,
}) => {
  const said: string[] = [];
  for (const variant of VARIANTS) {
    await openDeck(page, `${server.url}${variant}`);
    await goTo(page, 0, 0);
    const result = await page.evaluate(async () => {
      // reveal.js announces a slide a frame after it is shown (and after a sync): let the opening slide's
      // announcement land before watching, or a loaded machine counts it against the change.
      await new Promise(requestAnimationFrame);
      await new Promise(requestAnimationFrame);
      const regions = [
        ...document.querySelectorAll('[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"]'),
      ];
      const changed: string[] = [];
      const note = (records: MutationRecord[]) => {
        for (const r of records) changed.push(regions.find((x) => x.contains(r.target))!.className);
      };
      const observer = new MutationObserver(note);
      for (const r of regions) observer.observe(r, { subtree: true, childList: true, characterData: true });
      const moved = new Promise((done) => window.Reveal.on('slidechanged', done));
      window.Reveal.right();
      await moved;
      // Whatever reacts to the change has written by the second frame after it.
      await new Promise(requestAnimationFrame);
      await new Promise(requestAnimationFrame);
      note(observer.takeRecords());
      observer.disconnect();
      const status = document.querySelector('.reveal .aria-status')!;
      const title = window.Reveal.getCurrentSlide()!.querySelector('h1, h2')!.textContent!.trim();
      return { changed, said: status.textContent ?? '', title, live: status.getAttribute('aria-live') };
    });
    expect(result.changed).toEqual(['aria-status']);
    expect(result.live).toBe('polite');
    expect(result.said.startsWith(result.title)).toBe(true);
    said.push(result.said);
  }
  // The 繁體 page says what the 简体 page says, in 繁體.
  expect(said[1]).not.toBe(said[0]);
  expect(said[1]).toBe(toHant(said[0]!));
});
