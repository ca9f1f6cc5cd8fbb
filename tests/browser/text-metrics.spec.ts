import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { typesetter } from '../../src/blocks/diagram/text.ts';
import { resolveDeckConfig } from '../../src/config/index.ts';
import { deckFontMeasure } from '../../src/node/metrics.ts';
import { type RunningDeck, serveDeck } from '../../src/server/app.ts';
import { goTo, openDeck } from './deck.ts';

/**
 * The build lays diagrams out with widths from the deck's font files (src/node/metrics.ts); here Chromium sets the
 * same text with the subset fonts the page loads, and the two must agree: a box the build sized holds its text.
 */

/** Single-line texts of the diagrams (the build fixes their line breaks), with the style the page gives them. */
const SINGLE_LINES = [
  '.cm-label .cm-line',
  '.cm-note .cm-line',
  '.cm-figure',
  '.cm-tier-title .cm-line',
  '.tl-date',
  '.tl-span-date',
  '.tl-span-title',
].join(', ');

/** Latin text set in the same elements: an English deck's labels go through the same measure. */
const LATIN = ['Robotics & AI', 'Wafer Fab, Phase 2', 'GDP +16.4% (2025)', 'WAVE / Tokyo'];

interface Sample {
  text: string;
  size: number;
  weight: number;
  letterSpacing: number;
  /** Chromium's width of the text, in the slide's CSS px (the slide's scale taken out). */
  width: number;
}

async function slideWith(page: Page, selector: string): Promise<[number, number]> {
  const at = await page.evaluate((selector) => {
    const slide = document.querySelector(`.reveal .slides section[data-source]:has(${selector})`);
    if (!slide) return undefined;
    const i = window.Reveal.getIndices(slide as HTMLElement);
    return [i.h, i.v ?? 0] as [number, number];
  }, selector);
  expect(at, selector).toBeDefined();
  return at!;
}

/** Every single-line text of the present slide's diagram, and the Latin samples set in its first such lines. */
function samples(page: Page, block: string): Promise<Sample[]> {
  return page.evaluate(
    ({ block, selector, latin }) => {
      const fig = document.querySelector<HTMLElement>(`.reveal section.present [data-block="${block}"]`)!;
      const scale = fig.getBoundingClientRect().width / fig.offsetWidth;
      const measure = (el: HTMLElement): Sample => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const cs = getComputedStyle(el);
        const size = Number.parseFloat(cs.fontSize);
        return {
          text: el.textContent!,
          size,
          weight: Number(cs.fontWeight),
          letterSpacing: cs.letterSpacing === 'normal' ? 0 : Number.parseFloat(cs.letterSpacing) / size,
          width: range.getBoundingClientRect().width / scale,
        };
      };
      const out = [...fig.querySelectorAll<HTMLElement>(selector)].map(measure);
      // Latin in a bold and a regular element, as the diagram's own CSS sets it; put back afterwards.
      const bold = fig.querySelector<HTMLElement>('.cm-label .cm-line, .tl-date')!;
      const regular = fig.querySelector<HTMLElement>(
        '.cm-note .cm-line, .tl-span-date, .diagram-caption-text',
      )!;
      for (const el of [bold, regular]) {
        const before = el.textContent;
        el.style.whiteSpace = 'nowrap'; // one line, however narrow the card
        for (const text of latin) {
          el.textContent = text;
          out.push(measure(el));
        }
        el.textContent = before;
        el.style.whiteSpace = '';
      }
      return out;
    },
    { block, selector: SINGLE_LINES, latin: LATIN },
  );
}

const t = typesetter(deckFontMeasure);

/** The English example (examples/en, built by `npm run build`): Latin labels as an English deck writes them. */
const example = await resolveDeckConfig(fileURLToPath(new URL('../../examples/en', import.meta.url)));
let server: RunningDeck;
test.beforeAll(async () => {
  server = await serveDeck({ root: example.outDir, port: 0, host: '127.0.0.1' });
});
test.afterAll(() => server.close());

for (const deck of ['this deck', 'the English example'])
  for (const block of ['chain-map', 'timeline']) {
    test(`${deck}, ${block}: the build's text widths are Chromium's, within 2 px or 2% (1920×1080)`, async ({
      page,
    }) => {
      await page.setViewportSize({ width: 1920, height: 1080 });
      await openDeck(page, deck === 'this deck' ? '/' : server.url);
      const [h, v] = await slideWith(page, `[data-block="${block}"]`);
      await goTo(page, h, v);
      const list = await samples(page, block);
      expect(list.length).toBeGreaterThan(LATIN.length * 2);
      expect(new Set(list.map((s) => s.weight))).toEqual(new Set([400, 700]));
      const off = list.flatMap((s) => {
        const built = t.width(s.text, { size: s.size, weight: s.weight, letterSpacing: s.letterSpacing });
        const tolerance = Math.max(2, 0.02 * s.width);
        return Math.abs(built - s.width) > tolerance
          ? [`"${s.text}" ${s.weight} ${s.size}px: build ${built.toFixed(1)}, Chromium ${s.width.toFixed(1)}`]
          : [];
      });
      expect(off).toEqual([]);
    });
  }
