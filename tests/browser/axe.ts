import type { Frame, Page } from '@playwright/test';
import axe, { type AxeResults, type Result, type RunOptions } from 'axe-core';

/**
 * axe-core as the accessibility tests run it (a11y.spec.ts, theme-dark.spec.ts): every rule, serious and
 * critical violations, and the contrast axe cannot decide measured from the screen.
 */

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
        '[data-a11y-probe], [data-a11y-probe] * { color: transparent !important; -webkit-text-fill-color: transparent !important; text-shadow: none !important; border-color: transparent !important; }',
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

/** Serious and critical violations inside `include` (the whole page without it), of `rules` (all), one line each. */
export async function audit(
  page: Page,
  where: string,
  include?: string,
  rules?: string[],
): Promise<string[]> {
  // axe run in the page itself (the builder's legacy mode): the default opens a new page per run to merge
  // frames' results, which costs seconds per slide. Only the presenter view has a frame, and it is aria-hidden.
  await injectAxe(page);
  const { violations, incomplete } = (await page.evaluate(
    ({ context, options }) => (window as unknown as { axe: typeof axe }).axe.run(context, options),
    {
      context: { include: include ? [include] : [], exclude: [] },
      // only these rules (a theme's test: the colours), else every rule
      options: rules ? { ...OPTIONS, runOnly: { type: 'rule' as const, values: rules } } : OPTIONS,
    },
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
