import { expect, type Page, test } from '@playwright/test';
import { goTo, indices, openDeck } from './deck.ts';

/** The [h, v] of the nth slide that holds a block matching `selector`. */
async function slideOf(page: Page, selector: string, nth = 0): Promise<[number, number]> {
  const at = await page.evaluate(
    ([selector, nth]) => {
      const slide = [
        ...document.querySelectorAll<HTMLElement>('.reveal .slides section[data-source]'),
      ].filter((s) => s.querySelector(selector as string))[nth as number];
      if (!slide) return undefined;
      const i = window.Reveal.getIndices(slide);
      return [i.h, i.v ?? 0] as [number, number];
    },
    [selector, nth] as const,
  );
  expect(at, `slide #${nth} with ${selector}`).toBeDefined();
  return at!;
}

const TIMELINE = '[data-block="timeline"]';
const CHAIN_MAP = '[data-block="chain-map"]';

/** The deck's diagrams: the road since 2019 and the chain structure. */
const DIAGRAM_SLIDES = [
  [TIMELINE, 0],
  [CHAIN_MAP, 0],
] as const;

/** Shows every fragment on the present slide, as the last step would. */
function showAllFragments(page: Page) {
  return page.evaluate(() => {
    for (const f of document.querySelectorAll('.reveal .slides section.present .fragment'))
      f.classList.add('visible');
  });
}

/** Problems measured from real bounding boxes on the present slide: overlap, outside the frame, clipped text. */
function measure(page: Page) {
  return page.evaluate(() => {
    const slide = document.querySelector<HTMLElement>('.reveal .slides section.present:not(.stack)')!;
    const out: string[] = [];
    const bounds = slide.getBoundingClientRect();
    for (const fig of slide.querySelectorAll<HTMLElement>(
      '[data-block="chain-map"], [data-block="timeline"]',
    )) {
      const frame = fig.getBoundingClientRect();
      const parts = [...fig.querySelectorAll<HTMLElement>('.cm-node, .cm-tier-title, .tl-event, .tl-span')];
      const boxes = parts.map((el) => ({ el, r: el.getBoundingClientRect() }));
      const name = (el: HTMLElement) => el.dataset.node ?? el.textContent!.slice(0, 12);
      const tol = 0.5;
      for (const [i, a] of boxes.entries()) {
        const r = a.r;
        if (
          r.left < frame.left - tol ||
          r.right > frame.right + tol ||
          r.top < frame.top - tol ||
          r.bottom > frame.bottom + tol
        )
          out.push(`${name(a.el)} outside its figure`);
        if (r.bottom > bounds.bottom + tol || r.right > bounds.right + tol)
          out.push(`${name(a.el)} outside the slide`);
        // Text must stay inside its box (a timeline event's dot sits outside it on purpose).
        const texts = a.el.matches('.tl-event')
          ? [...a.el.querySelectorAll<HTMLElement>('.tl-date, .tl-title, .tl-detail, .tl-source')]
          : [];
        for (const t of texts) {
          const q = t.getBoundingClientRect();
          if (
            q.left < r.left - tol ||
            q.right > r.right + tol ||
            q.top < r.top - tol ||
            q.bottom > r.bottom + tol
          )
            out.push(`${name(a.el)}: "${t.textContent!.slice(0, 12)}" outside its card`);
        }
        if (
          !a.el.matches('.tl-event') &&
          (a.el.scrollWidth > a.el.clientWidth + 1 || a.el.scrollHeight > a.el.clientHeight + 1)
        )
          out.push(
            `${name(a.el)}: text overflows its box (${a.el.scrollWidth}×${a.el.scrollHeight} in ${a.el.clientWidth}×${a.el.clientHeight})`,
          );
        for (const b of boxes.slice(i + 1)) {
          const s = b.r;
          const x = Math.min(r.right, s.right) - Math.max(r.left, s.left);
          const y = Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top);
          if (x > tol && y > tol) out.push(`${name(a.el)} overlaps ${name(b.el)}`);
        }
      }
      // Each pre-wrapped line stays inside its node.
      for (const node of fig.querySelectorAll<HTMLElement>('.cm-node')) {
        const n = node.getBoundingClientRect();
        for (const line of node.querySelectorAll<HTMLElement>('.cm-line, .cm-figure')) {
          const l = line.getBoundingClientRect();
          if (l.left < n.left - tol || l.right > n.right + tol)
            out.push(`${node.dataset.node}: "${line.textContent}" wider than its node`);
        }
      }
    }
    return out;
  });
}

test('the deck diagrams render: a chain map, a timeline, no error in place', async ({ page }) => {
  await openDeck(page);
  await expect(page.locator('.reveal [data-block="chain-map"]')).toHaveCount(1);
  await expect(page.locator('.reveal [data-block="timeline"]')).toHaveCount(1);
  await expect(page.locator('.reveal .deck-error')).toHaveCount(0);
  await expect(page.locator('[data-block="chain-map"] [data-node="landmark"] .cm-figure')).toHaveText('13条');
  await expect(page.locator('[data-block="chain-map"] [data-node="province"]')).toContainText(
    '全省重点产业链',
  );
  await expect(page.locator('[data-block="timeline"] [data-node="e4"] time')).toHaveText('2025年5月14日');
});

test('no node or event overlaps another, leaves its figure or clips its text (1920×1080, 1280×720)', async ({
  page,
}) => {
  for (const viewport of [
    { width: 1920, height: 1080 },
    { width: 1280, height: 720 },
  ]) {
    await page.setViewportSize(viewport);
    await openDeck(page);
    for (const [file, nth] of DIAGRAM_SLIDES) {
      const [h, v] = await slideOf(page, file, nth);
      await goTo(page, h, v);
      await showAllFragments(page);
      expect(await measure(page), `${file} #${nth} at ${viewport.width}×${viewport.height}`).toEqual([]);
    }
  }
});

test('diagram text is at least 28 px on a 1920×1080 screen (captions and sources 24 px)', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openDeck(page);
  for (const [file, nth] of DIAGRAM_SLIDES) {
    const [h, v] = await slideOf(page, file, nth);
    await goTo(page, h, v);
    const small = await page.evaluate(() => {
      const slide = document.querySelector('.reveal .slides section.present:not(.stack)')!;
      const scale = window.Reveal.getScale();
      const out: string[] = [];
      for (const fig of slide.querySelectorAll('[data-block]'))
        for (const el of fig.querySelectorAll<HTMLElement>('*')) {
          const text = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
          const px = Number.parseFloat(getComputedStyle(el).fontSize) * scale;
          const min = el.closest('.diagram-caption') ? 24 : 28;
          if (text && px < min - 0.01)
            out.push(`${el.className}: "${el.textContent!.slice(0, 10)}" at ${px.toFixed(1)} px`);
        }
      return out;
    });
    expect(small, file).toEqual([]);
  }
});

test('chain map: fragments reveal tier by tier, forward and back', async ({ page }) => {
  await openDeck(page);
  const [h, v] = await slideOf(page, CHAIN_MAP, 0);
  await goTo(page, h, v);
  const map = page.locator('section.present:not(.stack) [data-block="chain-map"]');
  const visible = (tier: number) => map.locator(`.cm-node[data-tier="${tier}"]`).first();
  await expect(visible(0)).toBeVisible();
  await expect(visible(1)).toBeHidden();
  await page.keyboard.press('ArrowRight');
  await expect(visible(1)).toBeVisible();
  // 全省 → 传统 / 新兴 / 未来 (the article's 统筹), then on to the 13 and the 34.
  await expect(map.locator('svg:not(.cm-links-narrow) .cm-link[data-from="province"].visible')).toHaveCount(
    3,
  );
  expect(await indices(page)).toMatchObject({ h, v, f: 0 });
  await page.keyboard.press('ArrowLeft');
  await expect(visible(1)).toBeHidden();
  await expect(visible(0)).toBeVisible();
  expect(await indices(page)).toMatchObject({ h, v });
});

test('timeline: one event per step, the current one highlighted, forward and back', async ({ page }) => {
  await openDeck(page);
  const [h, v] = await slideOf(page, TIMELINE, 0);
  await goTo(page, h, v);
  const events = page.locator('section.present:not(.stack) [data-block="timeline"] .tl-event');
  await expect(events).toHaveCount(4);
  await expect(events.nth(0)).toBeHidden();
  await page.keyboard.press('ArrowRight');
  await expect(events.nth(0)).toBeVisible();
  await expect(events.nth(0)).toHaveAttribute('aria-current', 'step');
  await page.keyboard.press('ArrowRight');
  await expect(events.nth(1)).toHaveAttribute('data-current', '');
  await expect(events.nth(0)).not.toHaveAttribute('data-current', '');
  await expect(events.nth(0)).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(events.nth(1)).toBeHidden();
  await expect(events.nth(0)).toHaveAttribute('data-current', '');
  // The highlight is visible, not just an attribute.
  const [current, past] = await Promise.all(
    // After the highlight's colour transition has run (read mid-way, both can still be the card colour).
    [0, 1].map((i) =>
      events.nth(i).evaluate(async (el) => {
        await Promise.all(el.getAnimations().map((a) => a.finished));
        return getComputedStyle(el).backgroundColor;
      }),
    ),
  );
  expect(current).not.toBe(past);
});

test('chain map: a click or Enter/Space highlights a node, its links and its neighbours', async ({
  page,
}) => {
  await openDeck(page);
  const [h, v] = await slideOf(page, CHAIN_MAP, 0);
  await goTo(page, h, v, 9);
  const map = page.locator('section.present:not(.stack) [data-block="chain-map"]');
  const node = (id: string) => map.locator(`.cm-node[data-node="${id}"]`);
  await expect(node('key')).toBeVisible();

  await node('landmark').click();
  await expect(map).toHaveAttribute('data-active', 'landmark');
  await expect(node('landmark')).toHaveAttribute('aria-pressed', 'true');
  await expect(node('emerging')).toHaveAttribute('data-state', 'neighbor');
  await expect(node('key')).not.toHaveAttribute('data-state', /.*/);
  await expect(map.locator('svg:not(.cm-links-narrow) .cm-link[data-state="active"]')).toHaveCount(3);
  // Others fade; the chosen node and its neighbours do not.
  const fade = (id: string) => node(id).evaluate((el) => getComputedStyle(el).filter);
  expect(await fade('key')).toContain('opacity');
  expect(await fade('emerging')).toBe('none');
  await node('landmark').click();
  await expect(map).not.toHaveAttribute('data-active', /.*/);

  // Keyboard: focus highlights, Space pins and unpins, and the slide does not move.
  const before = await indices(page);
  await node('province').focus();
  await expect(map).toHaveAttribute('data-active', 'province');
  await expect(node('future')).toHaveAttribute('data-state', 'neighbor');
  await page.keyboard.press('Space');
  await expect(node('province')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Enter');
  await expect(node('province')).toHaveAttribute('aria-pressed', 'false');
  await expect(map).not.toHaveAttribute('data-active', /.*/);
  expect(await indices(page)).toEqual(before);
  await page.keyboard.press('Tab');
  await expect(node('traditional')).toBeFocused();
  await expect(map).toHaveAttribute('data-active', 'traditional');
  await expect(node('province')).toHaveAttribute('data-state', 'neighbor');
});

test('timeline: across on a wide screen, down on a 390 px phone; orientation: vertical is down on both', async ({
  page,
}) => {
  // The deck's timeline is written `orientation: vertical`; without the attribute it is the default, across.
  const layout = async (across: boolean) => {
    await openDeck(page);
    const [h, v] = await slideOf(page, TIMELINE, 0);
    await goTo(page, h, v);
    return page.evaluate((across) => {
      const fig = document.querySelector('[data-block="timeline"]')!;
      if (across) fig.removeAttribute('data-orientation');
      return [...fig.querySelectorAll<HTMLElement>('.tl-event')].map((e) => {
        const r = e.getBoundingClientRect();
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      });
    }, across);
  };
  const down = (rows: { left: number; top: number; bottom: number }[]) => {
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i]!.top).toBeGreaterThan(rows[i - 1]!.bottom);
      expect(rows[i]!.left).toBeCloseTo(rows[0]!.left, 0);
    }
  };
  await page.setViewportSize({ width: 1920, height: 1080 });
  const wide = await layout(true);
  for (let i = 1; i < wide.length; i++) {
    expect(wide[i]!.left).toBeGreaterThan(wide[i - 1]!.right);
    expect(wide[i]!.bottom).toBeCloseTo(wide[0]!.bottom, 0);
  }
  down(await layout(false));
  await page.setViewportSize({ width: 390, height: 844 });
  down(await layout(true));
  down(await layout(false));
});
