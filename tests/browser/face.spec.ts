import { expect, test } from '@playwright/test';
import { allSlides, goTo, openDeck } from './deck.ts';

/**
 * The deck as the room and the phones see it (the served dist/, both variants' source page): provenance off
 * the projected face, and on a phone no control ever over the slide's text, at any scroll position.
 */

const ALL_FRAGMENTS = 1000; // reveal.js shows every fragment up to this index

test('projected at 1920×1080, fragments shown: no dashed or dotted frame, no 解读, at most one source line a slide', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openDeck(page, '/');
  const found: string[] = [];
  for (const [h, v] of await allSlides(page)) {
    await goTo(page, h, v, ALL_FRAGMENTS);
    const face = await page.evaluate(() => {
      const slide = window.Reveal.getCurrentSlide()!;
      const shown = [...slide.querySelectorAll('*')].filter((el) => {
        const r = el.getBoundingClientRect();
        const cs = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && Number(cs.opacity) > 0;
      });
      const frames = shown.filter((el) => {
        const cs = getComputedStyle(el);
        const styles = [cs.borderTopStyle, cs.borderRightStyle, cs.borderBottomStyle, cs.borderLeftStyle];
        const widths = [cs.borderTopWidth, cs.borderRightWidth, cs.borderBottomWidth, cs.borderLeftWidth];
        const border = styles.some(
          (s, i) => (s === 'dashed' || s === 'dotted') && Number.parseFloat(widths[i]!) > 0,
        );
        const outline =
          (cs.outlineStyle === 'dashed' || cs.outlineStyle === 'dotted') &&
          Number.parseFloat(cs.outlineWidth) > 0;
        return border || outline;
      });
      const own = (el: Element) =>
        [...el.childNodes]
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent)
          .join('');
      // biome-ignore lint/performance/useDomNodeTextContent: what is rendered, not a hidden child's text
      const starts = (el: Element | null) => /^\s*来源：/.test((el as HTMLElement | null)?.innerText ?? '');
      return {
        frames: frames.map((el) => el.className || el.tagName),
        keys: shown.filter((el) => own(el).includes('解读')).length,
        sources: shown.filter((el) => starts(el) && !(el.parentElement !== slide && starts(el.parentElement)))
          .length,
      };
    });
    const at = `#/${h}/${v}`;
    if (face.frames.length > 0) found.push(`${at}: dashed or dotted ${face.frames.join(', ')}`);
    if (face.keys > 0) found.push(`${at}: 解读 shown ${face.keys}×`);
    if (face.sources > 1) found.push(`${at}: ${face.sources} source lines`);
  }
  expect(found).toEqual([]);
});

test('on a phone (390×844) the arrows, the slide number and the buttons never cover text, at any scroll position', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  await openDeck(page, '/');
  const covered: string[] = [];
  for (const [h, v] of await allSlides(page)) {
    await goTo(page, h, v, ALL_FRAGMENTS);
    // Where the slide comes to rest: its transition (and its fragments') over.
    await page.waitForFunction(() => {
      const slide = window.Reveal.getCurrentSlide()!;
      return slide.getAnimations({ subtree: true }).every((a) => a.playState !== 'running');
    });
    const hits = await page.evaluate(async () => {
      const slide = window.Reveal.getCurrentSlide() as HTMLElement;
      const controls = [
        ...document.querySelectorAll(
          '.reveal .controls button.enabled, .reveal .slide-number, .deck-provenance-toggle, .deck-lang-switch a, .deck-follow',
        ),
      ]
        .map((el) => ({ name: el.className, box: el.getBoundingClientRect() }))
        .filter((c) => c.box.width > 0 && c.box.height > 0);
      const out: string[] = [];
      const step = Math.max(40, Math.floor(slide.clientHeight / 3));
      for (let top = 0; ; top += step) {
        slide.scrollTop = top;
        await new Promise(requestAnimationFrame);
        const view = slide.getBoundingClientRect();
        const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
          const node = walker.currentNode;
          if (!node.textContent?.trim() || node.parentElement?.closest('aside')) continue;
          const style = getComputedStyle(node.parentElement!);
          if (style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
          const range = document.createRange();
          range.selectNodeContents(node);
          for (const r of range.getClientRects()) {
            // Only what the slide's scroller shows can be covered.
            const y1 = Math.max(r.top, view.top);
            const y2 = Math.min(r.bottom, view.bottom);
            if (r.width === 0 || y2 - y1 < 2) continue;
            for (const { name, box: c } of controls) {
              const x = Math.min(r.right, c.right) - Math.max(r.left, c.left);
              const y = Math.min(y2, c.bottom) - Math.max(y1, c.top);
              if (x > 1 && y > 1) out.push(`${name} over ${node.textContent.trim().slice(0, 12)} @${top}`);
            }
          }
        }
        if (top + slide.clientHeight >= slide.scrollHeight) break;
      }
      slide.scrollTop = 0;
      return out;
    });
    for (const hit of hits) covered.push(`#/${h}/${v}: ${hit}`);
  }
  await context.close();
  expect(covered).toEqual([]);
});
