import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Result, RunOptions } from 'axe-core';

/**
 * axe-core as the accessibility tests run it (a11y.spec.ts, theme-dark.spec.ts): WCAG 2.2 AA rules, serious and
 * critical violations, and the contrast axe cannot decide measured from the screen.
 */

export const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
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

const isSerious = (v: Result) => v.impact === 'serious' || v.impact === 'critical';

/**
 * The contrast of a text axe could not decide, from the screen: the element is shot with its text (and its
 * borders, which lie beside the text, such as a title's bar) made transparent, and the text colour is compared with every pixel of what lies behind it.
 */
async function measuredContrast(page: Page, selector: string): Promise<{ ratio: number; need: number }> {
  const el = page.locator(selector).first();
  const info = await el.evaluate((e) => {
    const cs = getComputedStyle(e);
    const size = Number.parseFloat(cs.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700);
    e.setAttribute('data-a11y-probe', '');
    return { color: cs.color, need: large ? 3 : 4.5 };
  });
  const style = await page.addStyleTag({
    content:
      '[data-a11y-probe], [data-a11y-probe] * { color: transparent !important; -webkit-text-fill-color: transparent !important; text-shadow: none !important; border-color: transparent !important; }',
  });
  const box = (await el.boundingBox())!;
  const png = await page.screenshot({ clip: box });
  await style.evaluate((s) => (s as Element).remove());
  await el.evaluate((e) => e.removeAttribute('data-a11y-probe'));
  const ratio = await page.evaluate(
    async ({ b64, color }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const g = canvas.getContext('2d')!;
      g.drawImage(img, 0, 0);
      const px = g.getImageData(0, 0, img.width, img.height).data;
      const lin = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
      const lum = (r: number, gr: number, b: number) => 0.2126 * lin(r) + 0.7152 * lin(gr) + 0.0722 * lin(b);
      const [r, gr, b] = color.match(/[\d.]+/g)!.map(Number);
      const fg = lum(r!, gr!, b!);
      let worst = Number.POSITIVE_INFINITY;
      for (let i = 0; i < px.length; i += 4) {
        const bg = lum(px[i]!, px[i + 1]!, px[i + 2]!);
        worst = Math.min(worst, (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05));
      }
      return worst;
    },
    { b64: png.toString('base64'), color: info.color },
  );
  return { ratio, need: info.need };
}

/** Serious and critical violations inside `include` (the whole page without it), of `rules` (all), one line each. */
export async function audit(
  page: Page,
  where: string,
  include?: string,
  rules?: string[],
): Promise<string[]> {
  // Legacy mode runs axe in the page itself; the default opens a new page per run to merge frames' results,
  // which costs seconds per slide. Only the presenter view has a frame, and it is aria-hidden.
  let builder = new AxeBuilder({ page }).withTags(TAGS).options(OPTIONS).setLegacyMode(true);
  if (include) builder = builder.include(include);
  if (rules) builder = builder.withRules(rules); // only these (a theme's test: the colours)
  const { violations, incomplete } = await builder.analyze();
  const found = violations
    .filter(isSerious)
    .flatMap((v) =>
      v.nodes.map((n) => `${where}: ${v.id} (${v.impact}) at ${n.target.join(' ')}: ${n.failureSummary}`),
    );
  for (const v of incomplete.filter((v) => isSerious(v) && v.id === 'color-contrast'))
    for (const n of v.nodes) {
      const { ratio, need } = await measuredContrast(page, String(n.target[0]));
      if (ratio < need)
        found.push(`${where}: contrast ${ratio.toFixed(2)} < ${need} at ${n.target.join(' ')}`);
    }
  return found;
}

/** Waits until no finite CSS animation or transition is running (colours measured mid-fade are wrong). */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (a) =>
          a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Number.POSITIVE_INFINITY,
      ),
  );
}
