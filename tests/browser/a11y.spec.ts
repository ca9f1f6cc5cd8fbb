import { fileURLToPath } from 'node:url';
import { type Browser, expect, type Frame, type Page, test } from '@playwright/test';
import axe, { type AxeResults, type Result, type RunOptions } from 'axe-core';
import { resolveDeckConfig } from '../../src/config/index.ts';
import { type RunningDeck, serveDeck } from '../../src/server/app.ts';
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

/**
 * Every rule of axe runs (the builder's withTags() was overwritten by its options(), so it always did), with
 * axe's own color-contrast options, but with pseudo-elements ignored: the theme's only ones are the band
 * across the top of a slide and list markers and arrows beside the text, never under it, and axe gives up on
 * every text of a slide that has one. What axe still cannot decide (gradients, text over a drawing) is
 * measured below from the pixels.
 */
const OPTIONS = {
  resultTypes: ['violations', 'incomplete'],
  checks: {
    'color-contrast': {
      options: {
        ignoreUnicode: true,
        ignoreLength: false,
        ignorePseudo: true,
        boldValue: 700,
        boldTextPt: 14,
        largeTextPt: 18,
        contrastRatio: { normal: { expected: 4.5 }, large: { expected: 3 } },
        pseudoSizeThreshold: 0.25,
        shadowOutlineEmMax: 0.2,
        textStrokeEmMin: 0.03,
      },
    },
  },
} as RunOptions;

// One per test: a relay keeps the last presenter state, and a later test's deck would follow it.
let server: RunningDeck;
test.beforeEach(async () => {
  server = await serveDeck({ root: dist, port: 0, relay: { token: TOKEN } });
});
test.afterEach(async () => {
  await server.close();
});

const isSerious = (v: Result) => v.impact === 'serious' || v.impact === 'critical';

interface Probe {
  box: { x: number; y: number; width: number; height: number };
  color: string;
  need: number;
}

/**
 * The contrast of each text axe could not decide, from the screen: the elements are shot with their text made
 * transparent, and each text colour is compared with every pixel of what lies behind it (its box, widened to
 * whole pixels). Elements whose boxes do not touch share one shot (a slide has up to 46 such texts, and a shot
 * each was most of the audit); one whose box touches another's waits for a later shot, so no text is ever
 * hidden inside another's box while that box is measured.
 */
async function measuredContrasts(
  page: Page,
  selectors: string[],
): Promise<{ ratio: number; need: number }[]> {
  const probes = await page.evaluate(
    (selectors) =>
      selectors.map((selector) => {
        const e = document.querySelector(selector)!;
        const cs = getComputedStyle(e);
        const size = Number.parseFloat(cs.fontSize);
        const large = size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700);
        const r = e.getBoundingClientRect();
        return {
          box: { x: r.x, y: r.y, width: r.width, height: r.height },
          color: cs.color,
          need: large ? 3 : 4.5,
        };
      }),
    selectors,
  );
  const touch = (a: Probe['box'], b: Probe['box']) =>
    a.x - 2 < b.x + b.width &&
    b.x - 2 < a.x + a.width &&
    a.y - 2 < b.y + b.height &&
    b.y - 2 < a.y + a.height;
  const shots: number[][] = [];
  probes.forEach((p, i) => {
    const shot = shots.find((s) => s.every((j) => !touch(p.box, probes[j]!.box)));
    if (shot) shot.push(i);
    else shots.push([i]);
  });
  const ratios: number[] = [];
  for (const shot of shots) {
    await page.evaluate(
      ([selectors, shot]) => {
        for (const i of shot) document.querySelector(selectors[i]!)!.setAttribute('data-a11y-probe', '');
      },
      [selectors, shot] as const,
    );
    const style = await page.addStyleTag({
      content:
        '[data-a11y-probe], [data-a11y-probe] * { color: transparent !important; -webkit-text-fill-color: transparent !important; text-shadow: none !important; }',
    });
    const png = await page.screenshot();
    await style.evaluate((s) => (s as Element).remove());
    await page.evaluate(() => {
      for (const e of document.querySelectorAll('[data-a11y-probe]')) e.removeAttribute('data-a11y-probe');
    });
    const found = await page.evaluate(
      async ({ b64, probes }) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const g = canvas.getContext('2d')!;
        g.drawImage(img, 0, 0);
        const lin = (c: number) =>
          c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4;
        const lum = (r: number, gr: number, b: number) =>
          0.2126 * lin(r) + 0.7152 * lin(gr) + 0.0722 * lin(b);
        return probes.map(({ box, color }) => {
          const x = Math.max(0, Math.floor(box.x));
          const y = Math.max(0, Math.floor(box.y));
          const w = Math.min(img.width, Math.ceil(box.x + box.width)) - x;
          const h = Math.min(img.height, Math.ceil(box.y + box.height)) - y;
          if (w <= 0 || h <= 0) return Number.NaN; // off the screen: nothing to compare with
          const px = g.getImageData(x, y, w, h).data;
          const [r, gr, b] = color.match(/[\d.]+/g)!.map(Number);
          const fg = lum(r!, gr!, b!);
          let worst = Number.POSITIVE_INFINITY;
          for (let i = 0; i < px.length; i += 4) {
            const bg = lum(px[i]!, px[i + 1]!, px[i + 2]!);
            worst = Math.min(worst, (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05));
          }
          return worst;
        });
      },
      { b64: png.toString('base64'), probes: shot.map((i) => probes[i]!) },
    );
    shot.forEach((i, k) => {
      ratios[i] = found[k]!;
    });
  }
  return probes.map((p, i) => ({ ratio: ratios[i]!, need: p.need }));
}

/**
 * Puts axe-core into every frame of the page that lacks it, as @axe-core/playwright's legacy mode does, but
 * once per document instead of twice per run: evaluating its 550 KB source was most of a slide's audit.
 */
async function injectAxe(page: Page): Promise<void> {
  const inject = async (frame: Frame) => {
    if (await frame.evaluate(() => typeof (window as { axe?: unknown }).axe === 'object')) return;
    await frame.evaluate(axe.source);
    await frame.evaluate(() =>
      (window as unknown as { axe: typeof axe }).axe.configure({
        allowedOrigins: ['<same_origin>'],
        branding: { application: 'playwright' },
      }),
    );
  };
  await inject(page.mainFrame());
  // A frame axe cannot enter is skipped, as the builder does.
  for (const frame of page.frames().slice(1)) await inject(frame).catch(() => undefined);
}

/** Serious and critical violations inside `include` (the whole page without it), one line each. */
async function audit(page: Page, where: string, include?: string): Promise<string[]> {
  // axe run in the page itself (the builder's legacy mode): the default opens a new page per run to merge
  // frames' results, which costs seconds per slide. Only the presenter view has a frame, and it is aria-hidden.
  await injectAxe(page);
  const { violations, incomplete } = (await page.evaluate(
    ({ context, options }) => (window as unknown as { axe: typeof axe }).axe.run(context, options),
    { context: { include: include ? [include] : [], exclude: [] }, options: OPTIONS },
  )) as AxeResults;
  const found = violations
    .filter(isSerious)
    .flatMap((v) =>
      v.nodes.map((n) => `${where}: ${v.id} (${v.impact}) at ${n.target.join(' ')}: ${n.failureSummary}`),
    );
  const undecided = incomplete
    .filter((v) => isSerious(v) && v.id === 'color-contrast')
    .flatMap((v) => v.nodes);
  const measured = await measuredContrasts(
    page,
    undecided.map((n) => String(n.target[0])),
  );
  undecided.forEach((n, i) => {
    const { ratio, need } = measured[i]!;
    if (!(ratio >= need))
      found.push(`${where}: contrast ${ratio.toFixed(2)} < ${need} at ${n.target.join(' ')}`);
  });
  return found;
}

/** Waits until no finite CSS animation or transition is running (colours measured mid-fade are wrong). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (a) =>
          a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Number.POSITIVE_INFINITY,
      ),
  );
}

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
