import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { PDFDocument } from 'pdf-lib';
import { build } from 'vite';
import { resolveDeckConfig } from '../../src/config/index.ts';
import { viteConfig } from '../../src/node/vite/index.ts';
import { type RunningDeck, serveDeck } from '../../src/server/app.ts';
import { openDeck } from './deck.ts';
import { deck } from './run-export.ts';

/**
 * Decks with characters the bundled font (Noto Sans SC) lacks: emoji and Han beyond the basic plane in the
 * title and the body (tests/fixtures/fonts-emoji), and a deck in Thai (tests/fixtures/fonts-thai). Their later
 * slides have no character of the font's own, so a subset for them would hold no glyph: the browser refused
 * it and the deck never got ready. Those characters are the system's fonts' to draw.
 */
for (const name of ['fonts-emoji', 'fonts-thai']) {
  test.describe(name, () => {
    const fixture = fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
    let outDir: string;
    let server: RunningDeck;

    test.beforeAll(async () => {
      test.setTimeout(180_000);
      outDir = mkdtempSync(join(tmpdir(), `deck-${name}-`));
      const vite = viteConfig({ ...(await resolveDeckConfig(fixture)), outDir });
      await build({ ...vite, logLevel: 'error' });
      server = await serveDeck({ root: outDir, port: 0, host: '127.0.0.1' });
    });

    test.afterAll(async () => {
      await server?.close();
      if (outDir) rmSync(outDir, { recursive: true, force: true });
    });

    test('gets ready, every face in, on the live page and in the print view', async ({ page }) => {
      // The symptom was a face the browser refused: "OTS parsing error: glyf: zero-length table".
      const failed: string[] = [];
      page.on('requestfailed', (r) => {
        if (r.url().endsWith('.woff2')) failed.push(r.url());
      });
      page.on('console', (m) => {
        if (/OTS|font/i.test(m.text())) failed.push(m.text());
      });
      await openDeck(page, server.url);
      await openDeck(page, `${server.url}?print-pdf`);
      expect(failed).toEqual([]);
      const faces = await page.evaluate(() => [...document.fonts].map((f) => `${f.family} ${f.status}`));
      expect(faces.filter((f) => f.endsWith('error'))).toEqual([]);
    });

    test('exports a PDF, one page a slide', async () => {
      test.setTimeout(180_000);
      const work = mkdtempSync(join(tmpdir(), `deck-${name}-export-`));
      const file = join(work, `${name}.pdf`);
      const run = await deck(['pdf', fixture, '--out', file, '--quiet'], {
        env: { DECK_OUT_DIR: join(work, 'site') },
      });
      expect(run.stderr).not.toMatch(/error|failed/i);
      expect(run.status).toBe(0);
      const doc = await PDFDocument.load(readFileSync(file));
      expect(doc.getPageCount()).toBe(2);
      const text = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).stdout;
      expect(text.replace(/\s+/g, '')).toContain('2/2');
      if (name === 'fonts-emoji') expect(text).toContain('Later');
      expect(run.leftovers).toEqual([]);
      rmSync(work, { recursive: true, force: true });
    });
  });
}

/**
 * This repository's deck (the webServer's): the live page splits each weight in a first-slide part and the
 * rest; the print view (what the PDF export loads) draws with one face a weight, so a PDF embeds each once.
 */
test('the live page never fetches the print view’s faces; the print view draws with them', async ({
  page,
}) => {
  const fetched: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.woff2'))
      fetched.push(new URL(r.url()).pathname.replace(/-[0-9a-f]{10}\.woff2$/, ''));
  });
  await openDeck(page, '/');
  expect(fetched.sort()).toEqual(
    ['first-400', 'first-700', 'rest-400', 'rest-700'].map((p) => `/assets/deck-sans-zh-Hans-${p}`),
  );

  fetched.length = 0;
  await openDeck(page, '/?print-pdf');
  expect(fetched.filter((f) => f.includes('-print-')).sort()).toEqual(
    ['print-400', 'print-700'].map((p) => `/assets/deck-sans-zh-Hans-${p}`),
  );
  // Every element of every page, notes pages included, asks for the print family first.
  const families = await page.evaluate(() => [
    ...new Set(
      [...document.querySelectorAll('.reveal .slides *')].map((el) => getComputedStyle(el).fontFamily),
    ),
  ]);
  expect(families.filter((f) => f.includes('"Deck Sans"'))).toEqual([]);
  expect(families.some((f) => f.startsWith('"Deck Sans Print"'))).toBe(true);
});
