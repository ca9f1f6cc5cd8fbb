import type { Browser } from '@playwright/test';
import { resolveDeckConfig } from '../../src/config/index.ts';
import { serveDeck } from '../../src/server/app.ts';
import { all, type PptxPackage } from '../ooxml.ts';

/** What a printed page (or a PPTX slide) shows as pictures. */
export interface Pictures {
  /**
   * `<img>`, `<video>`, `<iframe>` and elements with a CSS background picture (`style="background: url(…)"`) drawn
   * on the page; in the PPTX, `<p:pic>`. (An inline `<svg>` becomes native shapes, not a picture.)
   */
  media: number;
  svgImages: number;
  /** A reveal.js background of an image or a video; in the PPTX, a picture as the slide's background. */
  backdrop: boolean;
}

/** Each page of a built deck's print view (the page the exports read), served on its own port. */
export async function printedPictures(
  browser: Browser,
  dir: string,
  env: NodeJS.ProcessEnv,
): Promise<Pictures[]> {
  const config = await resolveDeckConfig(dir, { ...process.env, ...env });
  const server = await serveDeck({ root: config.outDir, port: 0, host: '127.0.0.1' });
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  try {
    await page.goto(`${server.url}?print-pdf`);
    await page.waitForFunction(
      () => document.documentElement.dataset.deckReady === 'true' && document.querySelector('.pdf-page'),
    );
    return await page.evaluate(() =>
      [...document.querySelectorAll('.reveal .slides .pdf-page')].map((p) => {
        const section = p.querySelector('section')!;
        const content = p.querySelector('.slide-background-content');
        return {
          media:
            section.querySelectorAll('img, video, iframe').length +
            [...section.querySelectorAll('*')].filter((e) =>
              /url\(/.test(getComputedStyle(e).backgroundImage),
            ).length,
          svgImages: [...section.querySelectorAll('img')].filter((i) => /\.svg$/.test(i.currentSrc)).length,
          backdrop: Boolean(
            content &&
              (getComputedStyle(content).backgroundImage !== 'none' || content.querySelector('video')),
          ),
        };
      }),
    );
  } finally {
    await page.close();
    await server.close();
  }
}

/** Each slide of a PPTX, counted as `printedPictures` counts a page. */
export async function keptPictures(pkg: PptxPackage): Promise<Pictures[]> {
  const kept: Pictures[] = [];
  for (const path of pkg.slides) {
    const slide = await pkg.xml(path);
    const bg = all(slide, 'p:bg')[0];
    kept.push({
      media: all(slide, 'p:pic').length,
      svgImages: all(slide, 'asvg:svgBlip').length,
      backdrop: bg ? all(bg, 'a:blip').length === 1 : false,
    });
  }
  return kept;
}
