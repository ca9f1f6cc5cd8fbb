import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { build } from 'vite';
import { resolveDeckConfig } from '../../src/config/index.ts';
import { printedDeck } from '../../src/export/layout.ts';
import { viteConfig } from '../../src/node/vite/index.ts';
import { type RunningDeck, serveDeck } from '../../src/server/app.ts';
import { goTo, openDeck } from './deck.ts';

/**
 * Provenance as a layer (tests/fixtures/provenance-deck: figures from two sources, one derived, content the
 * deck arranged itself, notes with a `Provenance:` part; its config's time zone is Pacific/Auckland, far from
 * the browser's): off the projected slide, on in the provenance view (key, button, `?provenance`), beside the
 * notes in the presenter view, whose clock shows the deck's time zone.
 */
const root = fileURLToPath(new URL('../fixtures/provenance-deck', import.meta.url));
const TOKEN = 'provenance-spec-token-0123456789';

let outDir: string;
let server: RunningDeck;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  outDir = mkdtempSync(join(tmpdir(), 'deck-provenance-'));
  const config = { ...(await resolveDeckConfig(root)), outDir };
  const vite = viteConfig(config);
  await build({ ...vite, logLevel: 'error' });
  server = await serveDeck({ root: outDir, port: 0, relay: { token: TOKEN } });
});

test.afterAll(async () => {
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

/** What the current slide shows as provenance apparatus: dashed frames, 解读 keys, visible source lines. */
function apparatus(page: Page) {
  return page.evaluate(() => {
    const slide = window.Reveal.getCurrentSlide()!;
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && el.closest('aside') === null;
    };
    const els = [...slide.querySelectorAll('*')].filter(visible);
    const dashed = els.filter((el) => {
      const cs = getComputedStyle(el);
      const styles = [
        cs.borderTopStyle,
        cs.borderRightStyle,
        cs.borderBottomStyle,
        cs.borderLeftStyle,
        cs.outlineStyle,
      ];
      return styles.some((s) => s === 'dashed' || s === 'dotted');
    }).length;
    const ownText = (el: Element) =>
      [...el.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent)
        .join('');
    const keys = els.filter((el) => ownText(el).includes('解读')).length;
    // An element whose text starts with 来源： inside one that does not: a line of sources.
    const starts = (el: Element | null) => /^\s*来源：/.test(el?.textContent ?? '');
    const sourceLines = els.filter(
      (el) => starts(el) && !(el.parentElement !== slide && starts(el.parentElement)),
    ).length;
    const panel = slide.querySelector('aside.slide-provenance');
    const panelShown = panel ? panel.getBoundingClientRect().width > 0 : false;
    return { dashed, keys, sourceLines, panelShown };
  });
}

test('the projected slide shows no dashed frame, no 解读 key and one short source line', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openDeck(page, server.url);
  await goTo(page, 0);
  expect(await apparatus(page)).toEqual({ dashed: 0, keys: 0, sourceLines: 1, panelShown: false });
  // Two sources: named on one line, not one line per figure.
  await expect(page.locator('section.present .slide-sources')).toHaveText(
    '来源：某市统计公报，2025-03-25；某报，2025-05-14',
  );
  // The notes' provenance part is never on the face.
  for (const el of await page.getByText('原文只列名称').all()) await expect(el).toBeHidden();
});

test('the provenance view: ?provenance, the I key and the 出处 button show every figure and what the deck arranged', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openDeck(page, `${server.url}?provenance`);
  await goTo(page, 0);
  await expect(page.locator('html')).toHaveAttribute('data-provenance', '');
  const on = await apparatus(page);
  expect(on.dashed, 'the deck’s arrangement is framed').toBeGreaterThan(0);
  expect(on.keys, 'the 解读 key is shown').toBeGreaterThan(0);
  expect(on.panelShown).toBe(true);
  const panel = page.locator('section.present aside.slide-provenance');
  await expect(panel.locator('.prov-facts li')).toHaveText([
    /10189\.4亿元\s*全市规上工业营业收入\s*来源：某市统计公报/,
    /70多个\s*工业领域的全国第一\s*来源：某报/,
    /44\.8%.*来源：某报，2025-05-14 · 推算/,
  ]);
  await expect(panel.locator('.prov-sources li')).toHaveText([
    /某市2024年统计公报.*https:\/\/example\.org\/stats/,
    /《某市工业报告》/,
  ]);
  await expect(panel.locator('.prov-deck')).toContainText('原文只列名称，归类是本演示所作。');

  // The I key turns it off, and the address follows; the button turns it on again.
  await page.keyboard.press('i');
  await expect(page.locator('html')).not.toHaveAttribute('data-provenance');
  expect(new URL(page.url()).searchParams.has('provenance')).toBe(false);
  expect((await apparatus(page)).dashed).toBe(0);
  const button = page.getByRole('button', { name: '显示内容出处' });
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  await button.click();
  await expect(page.locator('html')).toHaveAttribute('data-provenance', '');
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  expect(new URL(page.url()).searchParams.has('provenance')).toBe(true);

  // reveal.js's help (?) lists the key.
  await page.evaluate(() => window.Reveal.toggleHelp(true));
  await expect(page.locator('.r-overlay-help')).toContainText('显示内容出处');
});

test('on a phone the 出处 button sits in the control band and the panel follows the slide', async ({
  browser,
}) => {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  await openDeck(page, server.url);
  await goTo(page, 0);
  await page.getByRole('button', { name: '显示内容出处' }).tap();
  const panel = page.locator('section.present aside.slide-provenance');
  await panel.scrollIntoViewIfNeeded();
  await expect(panel).toBeInViewport();
  await expect(panel.locator('.prov-facts li')).toHaveCount(3);
  await context.close();
});

test('the presenter view: spoken notes apart from the provenance, the clock in the deck’s time zone', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openDeck(page, `${server.url}presenter?token=${TOKEN}`);
  await goTo(page, 0);
  const notes = page.locator('.deck-presenter-notes-body');
  const provenance = page.locator('.deck-presenter-provenance-body');
  await expect(notes).toHaveText('先说总量，再说结构。');
  await expect(provenance).toContainText('原文只列名称，归类是本演示所作。');
  await expect(provenance.locator('.prov-facts li')).toHaveCount(3);

  // The deck's zone (Pacific/Auckland), not the browser's (Asia/Shanghai): read both at one instant.
  const clock = page.locator('.deck-presenter-clock');
  await expect(clock).toHaveText(/^\d\d:\d\d:\d\d$/);
  const [shown, expected] = await page.evaluate(async () => {
    const el = document.querySelector('.deck-presenter-clock')!;
    const before = el.textContent;
    // The next tick, so that the text and the time read here are of the same second.
    await new Promise<void>((done) => {
      const o = new MutationObserver(() => {
        o.disconnect();
        done();
      });
      o.observe(el, { childList: true, characterData: true, subtree: true });
    });
    const now = new Date();
    const f = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Pacific/Auckland',
      hourCycle: 'h23',
      hour: '2-digit',
      minute: '2-digit',
    });
    return [el.textContent?.slice(0, 5) ?? before, f.format(now)];
  });
  expect(shown).toBe(expected);

  // The whole view used: the provenance fills the space under the slide to the bottom of the screen.
  const box = await page.locator('.deck-presenter-provenance').boundingBox();
  expect(box!.y + box!.height).toBeGreaterThan(1080 - 40);

  // A slide without a provenance part shows its sources, and nothing of the previous slide's part.
  await goTo(page, 1);
  await expect(notes).toHaveText('这一页只说一句。');
  await expect(provenance).not.toContainText('原文只列名称');
  await expect(provenance.locator('.prov-sources li')).toHaveText([/《某市工业报告》/]);
});

test('a notes page of the print view (export pdf --notes) keeps the provenance part apart, under its label', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${server.url}?print-pdf&showNotes=separate-page`);
  // Ready, and reveal.js has laid the pages (and their notes pages) out: it does so after ready on a deck whose
  // blocks do not wait for it.
  await page.waitForFunction(
    () => document.documentElement.dataset.deckReady === 'true' && document.querySelector('.pdf-page'),
  );
  const deck = await printedDeck({ evaluate: (expression) => page.evaluate(expression) });
  expect(deck.pages.map((p) => p.kind)).toContain('notes');
  const notes = page.locator('.speaker-notes-pdf').first();
  const part = notes.locator('.speaker-notes-provenance');
  await expect(part).toHaveText('原文只列名称，归类是本演示所作。');
  await expect(part).toHaveAttribute('data-label', '出处');
  const spoken = await notes.evaluate((el) =>
    [...el.childNodes]
      .filter((n) => !(n instanceof Element && n.matches('.speaker-notes-provenance')))
      .map((n) => n.textContent)
      .join('')
      .trim(),
  );
  expect(spoken).toBe('先说总量，再说结构。');
});
