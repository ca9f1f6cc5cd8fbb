import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { defaultNoBreakUnits, noBreakRule } from '../../src/compiler/nowrap.ts';
import { resolveDeckConfig } from '../../src/config/index.ts';
import { allSlides, goTo, openDeck } from './deck.ts';

// The engine's own rule for this deck (its language, its config's units), not a copy: on the 繁體 page with the
// units as that page writes them (个 → 個), since the engine marks them in the source before converting.
const config = await resolveDeckConfig(fileURLToPath(new URL('../..', import.meta.url)));
const units = config.noBreakUnits ?? defaultNoBreakUnits(config.lang);
const ruleFor = (lang: string) => {
  const convert = config.variants.find((v) => v.lang === lang)?.convert ?? ((t: string) => t);
  const { source, flags } = noBreakRule(config.lang, units.map(convert));
  return { source, flags };
};

/**
 * Chinese line breaking, measured on every slide with all fragments shown: no line of a paragraph, label or
 * title holds one character alone, no date or number with its unit is split across two lines, and no word
 * the deck once broke is broken again.
 */
function badLines(page: Page, rule: { source: string; flags: string }): Promise<string[]> {
  return page.evaluate((rule) => {
    const slide = document.querySelector<HTMLElement>('.reveal .slides section.present:not(.stack)')!;
    for (const f of slide.querySelectorAll('.fragment')) f.classList.add('visible');
    const blockOf = (el: Element): Element => {
      let at: Element = el;
      while (at !== slide && getComputedStyle(at).display === 'inline' && at.parentElement)
        at = at.parentElement;
      return at;
    };
    type Char = { ch: string; mid: number; height: number };
    const blocks = new Map<Element, Char[]>();
    const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) =>
        n.parentElement?.closest('aside.notes, svg, canvas, table, .sr-only, [hidden]')
          ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_ACCEPT,
    });
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const block = blockOf(node.parentElement!);
      const chars = blocks.get(block) ?? [];
      const text = node.textContent ?? '';
      for (let i = 0; i < text.length; i++) {
        if (/\s/.test(text[i]!)) continue;
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const r = [...range.getClientRects()].find((x) => x.width > 0);
        if (r) chars.push({ ch: text[i]!, mid: (r.top + r.bottom) / 2, height: r.height });
      }
      blocks.set(block, chars);
    }
    const out: string[] = [];
    for (const [block, chars] of blocks) {
      const lines: Char[][] = [];
      const lineOf: number[] = [];
      for (const c of chars) {
        const last = lines[lines.length - 1];
        if (last && Math.abs(c.mid - last[0]!.mid) < last[0]!.height / 2) last.push(c);
        else lines.push([c]);
        lineOf.push(lines.length - 1);
      }
      const name = `${block.tagName.toLowerCase()}.${[...block.classList].join('.')} "${chars
        .map((c) => c.ch)
        .join('')
        .slice(0, 24)}"`;
      if (lines.length > 1) {
        for (const line of lines) {
          const letters = line.filter((c) => !/[\p{P}\p{S}]/u.test(c.ch));
          if (letters.length === 1 && line.length <= 2)
            out.push(`${name}: a line holds only "${line.map((c) => c.ch).join('')}"`);
        }
      }
      const text = chars.map((c) => c.ch).join('');
      // A URL breaks anywhere, as it must to fit: a date inside one is not a date.
      if (block.closest('.source-url')) continue;
      for (const m of text.matchAll(new RegExp(rule.source, rule.flags))) {
        const first = lineOf[m.index]!;
        const last = lineOf[m.index + m[0].length - 1]!;
        if (first !== last) out.push(`${name}: "${m[0]}" is split across lines`);
      }
      // Words the deck once broke inside (发展战/略, 召/开, 市/委书记, 发放贷/款), in both scripts.
      for (const m of text.matchAll(
        /发展战略|發展戰略|召开|召開|市委书记|市委書記|发放贷款|發放貸款|尖刀连|尖刀連/g,
      )) {
        if (lineOf[m.index] !== lineOf[m.index + m[0].length - 1])
          out.push(`${name}: "${m[0]}" is broken inside the word`);
      }
    }
    return out;
  }, rule);
}

for (const [variant, path, lang] of [
  ['简体', '/', 'zh-Hans'],
  ['繁體', '/zh-Hant/', 'zh-Hant'],
] as const) {
  test(`${variant}: no one-character line and no split date or number on any slide at 1920×1080`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openDeck(page, path);
    const bad: string[] = [];
    for (const [h, v] of await allSlides(page)) {
      await goTo(page, h, v);
      for (const b of await badLines(page, ruleFor(lang))) bad.push(`${h}/${v}: ${b}`);
    }
    expect(bad).toEqual([]);
  });
}

// The phone's reader layout reflows every slide to 390 px: labels meet the narrowest boxes there.
for (const [variant, path, lang] of [
  ['简体', '/', 'zh-Hans'],
  ['繁體', '/zh-Hant/', 'zh-Hant'],
] as const) {
  test(`${variant}: no one-character line and no split date or number on any slide on a 390×844 phone`, async ({
    browser,
  }) => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 3,
      isMobile: true,
      hasTouch: true,
    });
    try {
      const page = await context.newPage();
      await openDeck(page, path);
      expect(await page.evaluate(() => document.documentElement.dataset.layout)).toBe('reader');
      const bad: string[] = [];
      for (const [h, v] of await allSlides(page)) {
        await goTo(page, h, v);
        for (const b of await badLines(page, ruleFor(lang))) bad.push(`${h}/${v}: ${b}`);
      }
      expect(bad).toEqual([]);
    } finally {
      await context.close();
    }
  });
}
