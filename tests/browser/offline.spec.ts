import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { resolveDeckConfig } from '../../src/config/index.ts';
import { blockSelector, CHART } from '../../src/contracts/dom.ts';
import { OFFLINE_ASK, OFFLINE_MANIFEST, type OfflineSet } from '../../src/contracts/offline.ts';
import { type RunningDeck, serveDeck } from '../../src/server/app.ts';
import { allSlides, goTo, openDeck } from './deck.ts';

/**
 * Offline after the first load (#28.1): the service worker keeps the whole build, so a phone that loses the
 * network keeps every slide of both pages, their charts and fonts, and follows the presenter again when it is
 * back; a rebuild replaces the set whole. Every wait is on a signal (data-deck-offline, chart states, the
 * worker's answer), never a sleep.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = (await resolveDeckConfig(root)).outDir;
const TOKEN = 'offline-spec-token-0123456789';
const CHART_SELECTOR = `figure${blockSelector(CHART.block)}`;

const follow = (page: Page) => page.evaluate(() => document.documentElement.dataset.deckFollow);
const indices = (page: Page) =>
  page.evaluate(() => {
    const i = window.Reveal.getIndices();
    return { h: i.h, v: i.v ?? 0 };
  });

/** The version of the set the worker controlling the page serves (its own answer). */
const workerVersion = (page: Page) =>
  page.evaluate(async (ask) => {
    const worker = navigator.serviceWorker.controller;
    if (!worker) return undefined;
    const channel = new MessageChannel();
    const answer = new Promise<{ version?: string }>((resolve) => {
      channel.port1.onmessage = (e) => resolve(e.data);
    });
    worker.postMessage(ask, [channel.port2]);
    return (await answer).version;
  }, OFFLINE_ASK);

/** Opens the deck and waits until a worker with the whole set controls it. */
async function openOffline(page: Page, url: string): Promise<string> {
  await openDeck(page, url);
  await page.waitForFunction(() => document.documentElement.dataset.deckOffline !== undefined);
  expect(await page.evaluate(() => document.documentElement.dataset.deckOffline)).toBe('ready');
  return (await page.evaluate(() => document.documentElement.dataset.deckOfflineVersion))!;
}

/** Every slide of the page, each drawn: its charts drawn, every face of the deck's font loaded. */
async function walk(page: Page): Promise<number> {
  const slides = await allSlides(page);
  for (const [h, v] of slides) {
    await goTo(page, h, v);
    const charts = await page.evaluate(
      (sel) => [...window.Reveal.getCurrentSlide().querySelectorAll<HTMLElement>(sel)].map((f) => f.id),
      CHART_SELECTOR,
    );
    for (const id of charts)
      await page.waitForFunction((id) => document.getElementById(id)?.dataset.blockState === 'ready', id);
  }
  const faces = await page.evaluate(() =>
    [...document.fonts].filter((f) => f.family.includes('Deck Sans') && !f.family.includes('Print')),
  );
  expect(faces.length).toBeGreaterThan(0);
  const failed = await page.evaluate(() =>
    [...document.fonts]
      .filter((f) => f.family.includes('Deck Sans') && !f.family.includes('Print') && f.status !== 'loaded')
      .map((f) => `${f.family} ${f.weight} ${f.status}`),
  );
  expect(failed, 'faces not loaded').toEqual([]);
  return slides.length;
}

test.describe('deck start: offline mid-talk', () => {
  let server: RunningDeck;
  const contexts: BrowserContext[] = [];
  test.beforeEach(async () => {
    server = await serveDeck({ root: dist, port: 0, relay: { token: TOKEN } });
  });
  test.afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close();
    await server.close();
  });

  async function context(browser: Browser, viewport = { width: 390, height: 844 }) {
    // Reduced motion: no slide transitions to wait out while walking every slide (the deck honours it).
    const c = await browser.newContext({ viewport, deviceScaleFactor: 1, reducedMotion: 'reduce' });
    contexts.push(c);
    return c;
  }

  test('a phone that loses the network keeps every slide of both pages, then catches up', async ({
    browser,
  }) => {
    test.setTimeout(240_000);
    const presenter = await (await context(browser, { width: 1280, height: 720 })).newPage();
    await openDeck(presenter, `${server.url}?token=${TOKEN}`);
    await expect.poll(() => follow(presenter)).toBe('presenting');

    const phone = await context(browser);
    const follower = await phone.newPage();
    const version = await openOffline(follower, server.url);
    await expect.poll(() => follow(follower)).toBe('live');
    const set = JSON.parse(readFileSync(join(dist, OFFLINE_MANIFEST), 'utf8')) as OfflineSet;
    expect(version).toBe(set.version);
    // Neither the presenter page nor anything with a token went into the cache.
    const cached = await follower.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys())
        for (const r of await (await caches.open(name)).keys()) urls.push(r.url);
      return urls;
    });
    expect(cached.length).toBe(Object.keys(set.files).length);
    expect(cached.filter((u) => /token|presenter|metrics|follow/.test(u))).toEqual([]);

    await phone.setOffline(true);
    await expect.poll(() => follow(follower)).toBe('offline');
    await expect(follower.locator('.deck-follow-status')).toHaveText('离线');

    // A page opened while offline: both language pages, every slide, from the worker alone.
    const reader = await phone.newPage();
    const notFromWorker: string[] = [];
    reader.on('response', (r) => {
      if (!r.fromServiceWorker()) notFromWorker.push(r.url());
    });
    let walked = 0;
    for (const path of ['', 'zh-Hant/']) {
      await openDeck(reader, `${server.url}${path}`);
      walked += await walk(reader);
    }
    expect(walked).toBeGreaterThan(40);
    expect(notFromWorker).toEqual([]);
    await expect(reader.locator('.deck-follow-status')).toHaveText('離線');

    // The presenter moves on while the phone is away; back online, it lands there.
    const slides = await allSlides(presenter);
    const [h, v] = slides[Math.floor(slides.length / 2)]!;
    await goTo(presenter, h, v);
    expect(await indices(follower)).not.toEqual({ h, v });
    await phone.setOffline(false);
    // The page that followed, and the one opened offline (it could not ask for the relay then), both land there.
    for (const page of [follower, reader]) {
      await expect.poll(() => indices(page)).toEqual({ h, v });
      await expect.poll(() => follow(page)).toBe('live');
    }
  });
});

test.describe('a static host: a rebuild replaces the set whole', () => {
  const work = mkdtempSync(join(tmpdir(), 'deck-offline-'));
  const site = join(work, 'dist');
  let server: Server;
  let url: string;

  const build = (text: string) => {
    writeFileSync(join(work, 'slides/01.md'), `# ${text}\n\n正文\n\n---\n\n## 第二页\n\n${text}\n`);
    writeFileSync(join(work, 'deck.config.js'), `export default { lang: 'zh-Hans' };\n`);
    // Into its own dist/, whatever out dir the run's environment names for this repository's deck.
    const { DECK_OUT_DIR: _, ...env } = process.env;
    const built = spawnSync(process.execPath, [join(root, 'src/cli/bin.mjs'), 'build', work], {
      encoding: 'utf8',
      env,
    });
    expect(built.status, built.stderr).toBe(0);
  };

  test.beforeAll(async () => {
    mkdirSync(join(work, 'slides'));
    const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript' };
    // Files as they are, with a type and nothing else: what any plain static host sends.
    server = createServer((req, res) => {
      const path = normalize(join(site, decodeURIComponent((req.url ?? '/').split('?')[0]!)));
      const file = path.endsWith('/') ? join(path, 'index.html') : path;
      try {
        const body = readFileSync(file);
        res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  test.afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    rmSync(work, { recursive: true, force: true });
  });

  test('the next load after the update uses the new set, whole', async ({ page, context }) => {
    // Two builds of a small deck: most of the time, on a loaded machine.
    test.setTimeout(300_000);
    build('第一版');
    const first = await openOffline(page, url);

    build('第二版');
    const second = (JSON.parse(readFileSync(join(site, OFFLINE_MANIFEST), 'utf8')) as OfflineSet).version;
    expect(second).not.toBe(first);
    // Cache first: this load is still the first build's, whole; the browser finds the new worker meanwhile.
    await page.reload();
    await expect(page.locator('.reveal h1')).toHaveText('第一版');
    await expect.poll(() => workerVersion(page), { timeout: 60_000 }).toBe(second);

    const responses: { url: string; worker: boolean }[] = [];
    page.on('response', (r) => responses.push({ url: r.url(), worker: r.fromServiceWorker() }));
    await context.setOffline(true);
    await page.reload();
    await expect(page.locator('.reveal h1')).toHaveText('第二版');
    await page.waitForFunction(() => document.documentElement.dataset.deckReady === 'true');
    expect(responses.filter((r) => !r.worker)).toEqual([]);
    const names = await page.evaluate(() => caches.keys());
    expect(names).toEqual([expect.stringMatching(new RegExp(`${second}$`))]);
    await context.setOffline(false);
  });
});
