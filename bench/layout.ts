/**
 * npm run bench:layout — which layout reads better at the sizes between a phone and a laptop: for each screen,
 * the built deck in the reader layout (`?layout=reader`) and as the scaled 16:9 slide (`?layout=slides`), every
 * slide with its fragments shown, measured as the phone test measures it (the share of characters drawn at
 * ≥ 14 px, the smallest size drawn). The bar is the phone's: a layout reads when on every slide ≥ 90% of the
 * text is at 14 px or more and none is under 12 px. The 16:9 slide is kept where it reads (it is the slide as
 * designed); elsewhere the reader layout. Prints both and the runtime's own choice (READER_BELOW_SCALE), and
 * exits 1 where the choice is not the one the measurement makes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs, findChromium } from '../src/node/browser.ts';
import { READER_BELOW_SCALE } from '../src/runtime/layout.ts';
import { serveDeck } from '../src/server/app.ts';
import { buildDeckInto } from './common.ts';
import { measureSlides, type Readable, share } from './readable.ts';

const SCREENS: { name: string; width: number; height: number; scale: number }[] = [
  { name: 'phone, landscape', width: 844, height: 390, scale: 3 },
  { name: 'large phone, landscape', width: 932, height: 430, scale: 3 },
  { name: 'tablet, portrait', width: 820, height: 1180, scale: 2 },
  { name: 'large tablet, portrait', width: 1024, height: 1366, scale: 2 },
  { name: 'small tablet, landscape', width: 1024, height: 768, scale: 2 },
  { name: 'tablet, landscape', width: 1180, height: 820, scale: 2 },
  { name: 'large tablet, landscape', width: 1366, height: 1024, scale: 2 },
  { name: 'small laptop', width: 1280, height: 720, scale: 1 },
];
const BAR = { share: 0.9, smallest: 12 };

interface Measured {
  /** Characters at ≥ 14 px over all slides. */
  share: number;
  /** Slides that meet the bar. */
  passing: number;
  slides: number;
  smallest: number;
}

function summarise(slides: Readable[]): Measured {
  const chars = slides.reduce((n, r) => n + r.chars, 0);
  const readable = slides.reduce((n, r) => n + r.readable, 0);
  return {
    share: chars ? readable / chars : 1,
    passing: slides.filter((r) => share(r) >= BAR.share && !(r.smallest < BAR.smallest)).length,
    slides: slides.length,
    smallest: Math.min(...slides.map((r) => r.smallest)),
  };
}

async function main(): Promise<number> {
  const work = mkdtempSync(join(tmpdir(), 'bench-layout-'));
  try {
    process.stderr.write('building the deck…\n');
    await buildDeckInto(join(work, 'dist'));
    const deck = await serveDeck({ root: join(work, 'dist') });
    const browser = await chromium.launch({ executablePath: await findChromium(), args: chromiumArgs() });
    const lines: string[] = [];
    let wrong = 0;
    try {
      for (const screen of SCREENS) {
        const measured: Record<'reader' | 'slides', Measured> = {} as never;
        for (const layout of ['reader', 'slides'] as const) {
          const context = await browser.newContext({
            viewport: { width: screen.width, height: screen.height },
            deviceScaleFactor: screen.scale,
            isMobile: screen.scale > 1,
            hasTouch: screen.scale > 1,
          });
          try {
            const page = await context.newPage();
            await page.goto(`${deck.url}?layout=${layout}`);
            await page.waitForFunction(() => document.documentElement.dataset.deckReady === 'true');
            measured[layout] = summarise(await measureSlides(page));
          } finally {
            await context.close();
          }
          process.stderr.write(`${screen.name} ${screen.width}×${screen.height}: ${layout} measured\n`);
        }
        const scale = Math.min(screen.width / 1920, screen.height / 1080);
        const slidesRead = measured.slides.passing === measured.slides.slides;
        const best = slidesRead ? 'slides' : 'reader';
        const auto = scale < READER_BELOW_SCALE ? 'reader' : 'slides';
        if (auto !== best) wrong++;
        const fmt = (m: Measured) =>
          `${(m.share * 100).toFixed(1)}% at ≥ 14 px, ${m.passing}/${m.slides} slides pass, smallest ${m.smallest.toFixed(1)} px`;
        lines.push(
          `${screen.name} ${screen.width}×${screen.height} (16:9 at ${scale.toFixed(2)})`,
          `  reader  ${fmt(measured.reader)}`,
          `  16:9    ${fmt(measured.slides)}`,
          `  reads best: ${best === 'slides' ? '16:9 (it reads)' : 'reader (16:9 does not)'}; the runtime picks ${auto}: ${auto === best ? 'ok' : 'WRONG'}`,
        );
      }
    } finally {
      await browser.close();
      await deck.close();
    }
    console.log(
      `layout choice: the bar is ≥ ${BAR.share * 100}% of a slide's text at ≥ 14 px and none under ${BAR.smallest} px, every slide, fragments shown`,
    );
    console.log(lines.join('\n'));
    return wrong ? 1 : 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
