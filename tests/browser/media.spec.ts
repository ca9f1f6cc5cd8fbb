import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { resolveDeckConfig } from '../../src/config/index.ts';
import { buildDeck } from '../../src/node/build.ts';
import { type RunningDeck, serveDeck } from '../../src/server/app.ts';
import { allSlides, goTo, openDeck } from './deck.ts';

/**
 * A talk written for reveal.js elsewhere (tests/fixtures/talk-media): images beside its markdown, named from
 * `![]()`, raw HTML (src, srcset, data-src, poster, a space in a name), a style attribute, reveal.js's
 * backgrounds (image, the shorthand, video, iframe) and public/. Built, every one of them is bundled and loads.
 */
const dir = fileURLToPath(new URL('../fixtures/talk-media', import.meta.url));
let out: string;
let server: RunningDeck;

test.beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'deck-media-'));
  const config = await resolveDeckConfig(dir, { ...process.env, DECK_OUT_DIR: join(out, 'site') });
  await buildDeck({ config, force: true });
  server = await serveDeck({ root: config.outDir, port: 0, host: '127.0.0.1' });
});
test.afterAll(async () => {
  await server?.close();
  rmSync(out, { recursive: true, force: true });
});

test('every image, background and frame a slide names is bundled and loads', async ({ page }) => {
  const failed: string[] = [];
  const loaded = new Set<string>();
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    else loaded.add(new URL(r.url()).pathname.replace(/-[\w-]{8}(\.\w+)$/, '$1'));
  });
  // Not ERR_ABORTED: reveal.js unloads a background frame as its slide is left.
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') failed.push(`${r.failure()?.errorText} ${r.url()}`);
  });
  await openDeck(page, server.url);
  for (const [h, v] of await allSlides(page)) {
    await goTo(page, h, v);
    // Every image of the slide drawn (lazy data-src ones included, once reveal.js has loaded them).
    await expect
      .poll(() =>
        page.evaluate(() =>
          [...document.querySelectorAll<HTMLImageElement>('.reveal .present img')].every(
            (img) => img.currentSrc !== '' && img.complete && img.naturalWidth > 0,
          ),
        ),
      )
      .toBe(true);
    if (await page.locator('.reveal .present[data-background-iframe]').count())
      await expect(page.frameLocator('.reveal .slide-background.present iframe').locator('p')).toHaveText(
        'local frame',
      );
  }
  // The backgrounds reveal.js drew: each a bundled file that answered.
  const backgrounds = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.reveal .slide-background-content')]
      .map((el) => el.style.backgroundImage)
      .filter(Boolean),
  );
  expect(backgrounds).toHaveLength(3);
  for (const bg of backgrounds) expect(bg).toMatch(/assets\/bg\d?-[\w-]{8}\.(png|jpg)/);
  await expect(page.locator('.reveal .slide-background video source')).toHaveAttribute(
    'src',
    /assets\/clip-/,
  );
  expect(failed).toEqual([]);
  for (const file of ['/logo.svg', '/assets/mark.svg', '/assets/lazy.png', '/assets/frame.html'])
    expect(loaded).toContain(file);
});
