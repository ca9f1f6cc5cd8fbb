/**
 * npm run bench:load — our built deck against a hand-rolled reveal.js page (client-side markdown plugin,
 * stock theme, Chart.js from npm) over the same slides: cold loads in headless Chromium, alternating,
 * on loopback. Prints median time to first slide visible (laid out, its font ready), to the browser's first
 * contentful paint, to its largest contentful paint (LCP: the first slide as a person sees it; text held back
 * by a blocking font does not count) and to data-deck-ready, and bytes (raw, gzip).
 * Beside them a floor: the same server serving one HTML page holding only the first slide's heading in a system
 * font (no CSS, script or font file), what a fresh context can show at all.
 * Then the dev server's update latency: saving a slide until the page has the new slide in place.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, chromium } from '@playwright/test';
import { chromiumArgs, findChromium } from '../src/node/browser.ts';
import { serveDeck } from '../src/server/app.ts';
import { buildDeckInto, median } from './common.ts';
import { writeFloorPage } from './floor.ts';
import { measureHmr } from './hmr.ts';
import { servePlain } from './plain-server.ts';
import { measureSlides, share } from './readable.ts';
import { writeReferencePage } from './reference.ts';

const RUNS = Number(process.env.RUNS ?? 7);

/**
 * Where the pages load. `--phone` is Lighthouse's mobile profile (a 390×844 phone at 3×, 150 ms round trips,
 * 1.6 Mbit/s down, 750 kbit/s up, the CPU 4× slower): an audience on a crowded hall's network.
 */
const PROFILES = {
  desktop: { viewport: { width: 1920, height: 1080 }, mobile: false, scale: 1, network: undefined, cpu: 1 },
  phone: {
    viewport: { width: 390, height: 844 },
    mobile: true,
    scale: 3,
    network: { latency: 150, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 },
    cpu: 4,
  },
} as const;
type Profile = (typeof PROFILES)[keyof typeof PROFILES];
const profileName = process.argv.includes('--phone') ? 'phone' : 'desktop';
const PROFILE: Profile = PROFILES[profileName];
const root = resolve(import.meta.dirname, '..');

interface Load {
  firstVisible: number;
  /** The browser's first contentful paint: when the frame with the first text reached the screen. */
  firstPaint: number;
  /** The browser's largest contentful paint, as reported by the time the deck is ready. */
  largestPaint: number;
  ready: number;
  js: { raw: number; gzip: number; beforeFirst: number };
  all: { raw: number; gzip: number };
  /** Bytes as sent, compressed by the server (the page's resource timing, bodies only). */
  wire: number;
  /** Bytes as sent of the page and of every response complete when the first slide showed. */
  wireFirst: number;
}

/**
 * Marks when the first slide's heading is laid out and visible; runs before any page script. A string, not a
 * function: the TypeScript runner would wrap a function's inner names in helpers the page does not have.
 */
const VISIBLE_PROBE = `(() => {
  const check = () => {
    // The first slide's heading, laid out on screen, with the font it asks for ready to draw its text.
    const el = document.querySelector('.reveal .slides section h1, .reveal .slides section h2');
    const rect = el && el.getBoundingClientRect();
    const style = el && getComputedStyle(el);
    if (
      el && rect.width > 0 && rect.bottom > 0 && rect.top < innerHeight && style.visibility === 'visible' &&
      document.fonts.check(style.fontWeight + ' ' + style.fontSize + ' ' + style.fontFamily, el.textContent)
    ) {
      window.__firstVisible = performance.now();
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

async function loadOnce(browser: Browser, url: string): Promise<Load> {
  const context = await browser.newContext({
    viewport: PROFILE.viewport,
    deviceScaleFactor: PROFILE.scale,
    isMobile: PROFILE.mobile,
    hasTouch: PROFILE.mobile,
  }); // a fresh, cold cache
  const page = await context.newPage();
  if (PROFILE.network || PROFILE.cpu > 1) {
    const cdp = await context.newCDPSession(page);
    if (PROFILE.network) {
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, ...PROFILE.network });
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PROFILE.cpu });
  }
  await page.addInitScript({ content: VISIBLE_PROBE });
  const bodies: { url: string; type: string; size: number; gzip: number }[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (r) => {
    pending.push(
      r
        .body()
        .then((b) => {
          bodies.push({
            url: r.url(),
            type: r.request().resourceType(),
            size: b.length,
            gzip: gzipSync(b).length,
          });
        })
        .catch(() => undefined),
    );
  });
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.deckReady === 'true', null, {
    timeout: 60_000,
  });
  const largestPaint = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        // Buffered: every candidate so far, the last one the largest.
        new PerformanceObserver((list) => {
          const entries = list.getEntries();
          resolve(entries[entries.length - 1]?.startTime ?? Number.NaN);
        }).observe({ type: 'largest-contentful-paint', buffered: true });
        setTimeout(() => resolve(Number.NaN), 2000);
      }),
  );
  const t = await page.evaluate(() => ({
    visible: (window as unknown as { __firstVisible?: number }).__firstVisible ?? Number.NaN,
    paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
    ready: performance.now(),
    // In the page's own clock: which responses had fully arrived when the first slide showed.
    wire: [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].reduce(
      (sum, r) => sum + (r as PerformanceResourceTiming).encodedBodySize,
      0,
    ),
    arrived: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map(
      (r) => [r.name, r.responseEnd, r.encodedBodySize] as const,
    ),
    page: (performance.getEntriesByType('navigation')[0] as PerformanceResourceTiming | undefined)
      ?.encodedBodySize,
  }));
  await Promise.all(pending);
  await context.close();
  const beforeFirst = new Set(t.arrived.filter(([, end]) => end <= t.visible).map(([name]) => name));
  const js = bodies.filter((b) => b.type === 'script');
  return {
    firstVisible: t.visible,
    firstPaint: t.paint,
    largestPaint,
    ready: t.ready,
    js: {
      raw: js.reduce((s, b) => s + b.size, 0),
      gzip: js.reduce((s, b) => s + b.gzip, 0),
      beforeFirst: js.filter((b) => beforeFirst.has(b.url)).reduce((s, b) => s + b.gzip, 0),
    },
    all: { raw: bodies.reduce((s, b) => s + b.size, 0), gzip: bodies.reduce((s, b) => s + b.gzip, 0) },
    wire: t.wire,
    wireFirst:
      (t.page ?? 0) + t.arrived.filter(([, end]) => end <= t.visible).reduce((s, [, , n]) => s + n, 0),
  };
}

/** The phone's readable-text figure for a page: every slide with its fragments shown, unthrottled (not timed). */
async function readability(browser: Browser, url: string): Promise<string> {
  const context = await browser.newContext({
    viewport: PROFILE.viewport,
    deviceScaleFactor: PROFILE.scale,
    isMobile: PROFILE.mobile,
    hasTouch: PROFILE.mobile,
  });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => document.documentElement.dataset.deckReady === 'true');
    const slides = await measureSlides(page);
    const shares = slides.map(share);
    const smallest = Math.min(...slides.map((r) => r.smallest));
    const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
    return (
      `median ${pct(median(shares))}, lowest ${pct(Math.min(...shares))}, ` +
      `slides at ≥ 90%: ${shares.filter((x) => x >= 0.9).length}/${shares.length}, smallest text ${smallest.toFixed(1)} px`
    );
  } finally {
    await context.close();
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n: number) => `${n.toFixed(0)} ms`;

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'bench-load-'));
  try {
    process.stderr.write('building our deck and the reference page…\n');
    await buildDeckInto(join(work, 'ours'));
    writeReferencePage(root, join(work, 'reference'));
    writeFloorPage(join(work, 'ours', 'index.html'), join(work, 'floor'));
    const ours = await serveDeck({ root: join(work, 'ours') });
    const floor = await serveDeck({ root: join(work, 'floor') });
    const reference = await servePlain(join(work, 'reference'));
    const browser = await chromium.launch({ executablePath: await findChromium(), args: chromiumArgs() });
    const results: Record<'ours' | 'reference' | 'floor', Load[]> = { ours: [], reference: [], floor: [] };
    const readable: Record<'ours' | 'reference', string> = { ours: '', reference: '' };
    try {
      for (let i = 0; i < RUNS; i++) {
        results.reference.push(await loadOnce(browser, reference.url));
        results.ours.push(await loadOnce(browser, ours.url));
        results.floor.push(await loadOnce(browser, floor.url));
        process.stderr.write(`run ${i + 1}/${RUNS}\n`);
      }
      if (profileName === 'phone') {
        process.stderr.write('measuring readable text on every slide…\n');
        readable.ours = await readability(browser, ours.url);
        readable.reference = await readability(browser, reference.url);
      }
    } finally {
      // Also on a failed load: open servers would keep the process alive after the error is printed.
      await browser.close();
      await ours.close();
      await floor.close();
      reference.server.close();
    }

    const row = (name: string, loads: Load[]) => ({
      name,
      visible: median(loads.map((l) => l.firstVisible)),
      paint: median(loads.map((l) => l.firstPaint)),
      lcp: median(loads.map((l) => l.largestPaint)),
      ready: median(loads.map((l) => l.ready)),
      jsFirst: median(loads.map((l) => l.js.beforeFirst)),
      jsRaw: median(loads.map((l) => l.js.raw)),
      jsGzip: median(loads.map((l) => l.js.gzip)),
      allRaw: median(loads.map((l) => l.all.raw)),
      allGzip: median(loads.map((l) => l.all.gzip)),
      wire: median(loads.map((l) => l.wire)),
      wireFirst: median(loads.map((l) => l.wireFirst)),
    });
    const a = row('ours', results.ours);
    const b = row('hand-rolled reveal.js', results.reference);
    const c = row('floor (heading only)', results.floor);
    const where = PROFILE.network
      ? `${PROFILE.viewport.width}×${PROFILE.viewport.height} phone, ${PROFILE.network.latency} ms RTT, 1.6 Mbit/s, CPU ÷${PROFILE.cpu}`
      : `${PROFILE.viewport.width}×${PROFILE.viewport.height}, loopback`;
    console.log(`\ncold loads, median of ${RUNS}, ${where}`);
    console.log(
      [
        '',
        'first slide',
        'first paint',
        'LCP',
        'ready',
        'JS before 1st (gz)',
        'JS raw',
        'JS gzip',
        'all raw',
        'all gzip',
        'sent',
        'sent before 1st',
      ].join('\t'),
    );
    for (const r of [a, b, c]) {
      console.log(
        [
          r.name,
          ms(r.visible),
          ms(r.paint),
          ms(r.lcp),
          ms(r.ready),
          kb(r.jsFirst),
          kb(r.jsRaw),
          kb(r.jsGzip),
          kb(r.allRaw),
          kb(r.allGzip),
          kb(r.wire),
          kb(r.wireFirst),
        ].join('\t'),
      );
    }
    console.log(
      `ratio ours/hand-rolled: first slide ${(a.visible / b.visible).toFixed(2)}, ` +
        `first paint ${(a.paint / b.paint).toFixed(2)}, LCP ${(a.lcp / b.lcp).toFixed(2)} (goal ≤ 0.3), ready ${(a.ready / b.ready).toFixed(2)}, ` +
        `JS gzip ${(a.jsGzip / b.jsGzip).toFixed(2)}, all gzip ${(a.allGzip / b.allGzip).toFixed(2)}, ` +
        `sent ${(a.wire / b.wire).toFixed(2)}`,
    );
    console.log(
      `floor: LCP ${ms(c.lcp)} = ${(c.lcp / b.lcp).toFixed(2)}× the hand-rolled page's; ours ${ms(a.lcp - c.lcp)} above it`,
    );
    if (profileName === 'phone')
      console.log(
        `phone goals: ready ${(a.ready / b.ready).toFixed(2)} (≤ 0.5), first slide ${(a.visible / b.visible).toFixed(2)} and LCP ${(a.lcp / b.lcp).toFixed(2)} (≤ 0.3), sent before the first slide ${kb(a.wireFirst)} (≤ 150 KB)`,
      );
    if (profileName === 'phone') {
      console.log(
        "\nreadable text: share of a slide's characters at ≥ 14 px on screen, every slide, fragments shown",
      );
      console.log(`ours\t${readable.ours}\nhand-rolled reveal.js\t${readable.reference}`);
    }
    const hmr = await measureHmr(root, RUNS);
    console.log(
      `\ndev server update (save → slide replaced in place), median of ${hmr.length}: ${ms(median(hmr))}; max ${ms(Math.max(...hmr))}`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
