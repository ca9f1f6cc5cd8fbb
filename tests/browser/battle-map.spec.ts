import { expect, test } from '@playwright/test';
import { indices, openDeck } from './deck.ts';

test('battle map: rows appear one by one, and a row links to its direction', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openDeck(page, '/', '/battle-map');
  const rows = page.locator('section.present [data-block="battle-map"] .bm-row');
  await expect(rows).toHaveCount(5);
  await expect(rows.nth(0)).toBeHidden();
  await page.keyboard.press('ArrowRight');
  await expect(rows.nth(0)).toBeVisible();
  await expect(rows.nth(1)).toBeHidden();
  for (let i = 1; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect(rows.nth(4)).toBeVisible();
  // Every row fits the slide: the matrix is read whole from the back of the hall.
  const overflow = await page.evaluate(() => {
    const slide = document.querySelector('section.present')!.getBoundingClientRect();
    return [...document.querySelectorAll('section.present .bm-row')].filter(
      (r) => r.getBoundingClientRect().bottom > slide.bottom + 0.5,
    ).length;
  });
  expect(overflow).toBe(0);
  const before = await indices(page);
  await rows.nth(2).locator('a.bm-head').click();
  await expect(page.locator('section.present:not(.stack) h2')).toHaveText(
    '进一步发挥企业在工业发展中的主体作用',
  );
  expect((await indices(page)).h).toBeGreaterThan(before.h);
});

test('battle map: in the reader layout (a phone) each row stacks, direction above its targets', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openDeck(page, '/', '/battle-map');
  // The phone reader layout sets this; the battle map's narrow rendering keys on it.
  await page.evaluate(() => {
    document.documentElement.dataset.layout = 'reader';
    for (const f of document.querySelectorAll('[data-block="battle-map"] .fragment'))
      f.classList.add('visible');
  });
  const { boxes, shared, credit, lastRow } = await page.evaluate(() => {
    const rows = [...document.querySelectorAll('[data-block="battle-map"] .bm-row')];
    return {
      boxes: rows.map((row) => {
        const box = (sel: string) => row.querySelector(sel)?.getBoundingClientRect().toJSON() as DOMRect;
        return { head: box('.bm-head'), items: box('.bm-items'), source: box('.bm-source') };
      }),
      shared: document
        .querySelector('[data-block="battle-map"] .bm-source-shared')
        ?.getBoundingClientRect()
        .toJSON(),
      credit: document.querySelector('.reveal .present .slide-sources')?.getBoundingClientRect().toJSON(),
      lastRow: rows.at(-1)?.getBoundingClientRect().toJSON(),
    };
  });
  expect(boxes).toHaveLength(5);
  for (const b of boxes) {
    expect(b.items.top).toBeGreaterThanOrEqual(b.head.bottom - 0.5);
    // A row's own sources under its targets; sources shared by every row once, under the last row.
    if (b.source) expect(b.source.top).toBeGreaterThanOrEqual(b.items.bottom - 0.5);
  }
  expect(Boolean(shared) !== boxes.every((b) => b.source), 'sources per row or once for all').toBe(true);
  // The slide's one source line stands for the block's own (shown in the provenance view): under the last row.
  const line = shared && shared.height > 0 ? shared : credit;
  expect(line?.height).toBeGreaterThan(0);
  expect(line!.top).toBeGreaterThanOrEqual(lastRow!.bottom - 0.5);
});
