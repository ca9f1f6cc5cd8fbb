/**
 * npm run bench:trace — what holds the first slide back, from Chromium's own trace: cold loads of our deck and
 * of the hand-rolled page (alternating, `RUNS`, default 3; `-- --phone` for bench:load's phone profile), each
 * traced, and for each the renderer main thread's CPU time before the largest contentful paint, by kind of
 * work. CPU time, not wall time: it holds on a loaded machine, where wall times wait on other processes.
 * Beside them the floor of bench:load (the first heading alone, no CSS, script or font file).
 * `-- --dist DIR` traces a build already made instead of building one; `TRACE_DIR=dir` keeps the traces.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium } from '@playwright/test';
import { chromiumArgs, findChromium } from '../src/node/browser.ts';
import { serveDeck } from '../src/server/app.ts';
import { buildDeckInto, median } from './common.ts';
import { writeFloorPage } from './floor.ts';
import { servePlain } from './plain-server.ts';
import { writeReferencePage } from './reference.ts';

const RUNS = Number(process.env.RUNS ?? 3);
const phone = process.argv.includes('--phone');
const distFlag = process.argv.indexOf('--dist');
const root = resolve(import.meta.dirname, '..');

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, µs. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> };
}

/** Kinds of main-thread work, by the trace event that measures it. */
const KINDS: [string, RegExp][] = [
  ['HTML', /^ParseHTML$/],
  ['CSS', /^ParseAuthorStyleSheet$/],
  ['style', /^UpdateLayoutTree$/],
  ['layout', /^Layout$/],
  ['paint', /^(PrePaint|Paint|Layerize|Commit)$/],
  [
    'script',
    /^(EvaluateScript|v8\.evaluateModule|v8\.compileModule|FunctionCall|TimerFire|FireAnimationFrame|RunMicrotasks)$/,
  ],
  ['fonts', /^DecodeFont$/],
];

export interface Breakdown {
  fcp: number;
  lcp: number;
  /** What the largest paint was: element and its size. */
  lcpNode: string;
  /** Main-thread CPU in tasks before the LCP, ms, and by kind. */
  cpu: number;
  /** Main-thread CPU in tasks until the page said it is ready (the end of the trace), ms. */
  cpuReady: number;
  kinds: Record<string, number>;
  kindsReady: Record<string, number>;
}

/** The main thread's CPU before the page's LCP, by kind, from a Chromium trace. */
export function breakdown(events: TraceEvent[]): Breakdown {
  const threads = new Map<string, string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, String(e.args?.name));
  const nav = events.find(
    (e) =>
      e.name === 'navigationStart' &&
      e.args?.data?.isLoadingMainFrame === true &&
      String(e.args?.data?.documentLoaderURL).startsWith('http'),
  );
  if (!nav) throw new Error('the trace has no navigation of the page');
  const ofPage = (name: string) => events.filter((e) => e.name === name && e.pid === nav.pid);
  const lcps = ofPage('largestContentfulPaint::Candidate');
  const last = lcps[lcps.length - 1];
  if (!last) throw new Error('the trace has no largest contentful paint');
  const fcp = ofPage('firstContentfulPaint')[0];
  const ms = (us: number) => us / 1000;
  const all = events.filter(
    (e) =>
      e.pid === nav.pid &&
      e.ph === 'X' &&
      threads.get(`${e.pid}:${e.tid}`) === 'CrRendererMain' &&
      e.ts >= nav.ts,
  );
  const main = all.filter((e) => e.ts <= last.ts);
  const tasks = (list: TraceEvent[]) =>
    ms(list.filter((e) => e.name === 'RunTask').reduce((s, e) => s + (e.tdur ?? 0), 0));
  const byKind = (list: TraceEvent[]) =>
    Object.fromEntries(
      KINDS.map(([kind, re]) => [
        kind,
        ms(list.filter((e) => re.test(e.name)).reduce((s, e) => s + (e.tdur ?? 0), 0)),
      ]),
    );
  const data = last.args?.data ?? {};
  return {
    fcp: fcp ? ms(fcp.ts - nav.ts) : Number.NaN,
    lcp: ms(last.ts - nav.ts),
    lcpNode: `${String(data.nodeName)} ${String(data.size)} px²`,
    cpu: tasks(main),
    cpuReady: tasks(all),
    kinds: byKind(main),
    kindsReady: byKind(all),
  };
}

async function traceOnce(browser: Browser, url: string, name: string): Promise<Breakdown> {
  const context = await browser.newContext({
    viewport: phone ? { width: 390, height: 844 } : { width: 1920, height: 1080 },
    deviceScaleFactor: phone ? 3 : 1,
    isMobile: phone,
    hasTouch: phone,
  });
  try {
    const page = await context.newPage();
    if (phone) {
      // bench:load's phone profile.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 150,
        downloadThroughput: (1.6e6 / 8) * 0.9,
        uploadThroughput: (750e3 / 8) * 0.9,
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    }
    await browser.startTracing(page, {
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'loading',
        'blink.user_timing',
        'v8.execute',
      ],
    });
    await page.goto(url);
    await page.waitForFunction(() => document.documentElement.dataset.deckReady === 'true', null, {
      timeout: 60_000,
    });
    // The floor is ready as it is served, maybe before its paint: the trace must hold the largest paint.
    await page.evaluate(
      () =>
        new Promise<void>((done) =>
          new PerformanceObserver(() => done()).observe({ type: 'largest-contentful-paint', buffered: true }),
        ),
    );
    const trace = await browser.stopTracing();
    // TRACE_DIR keeps each trace, to open in DevTools' Performance panel.
    if (process.env.TRACE_DIR)
      writeFileSync(join(process.env.TRACE_DIR, `${name}-${Date.now()}.json`), trace);
    return breakdown((JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents);
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'bench-trace-'));
  try {
    const dist = distFlag > 0 ? resolve(process.argv[distFlag + 1] ?? '') : join(work, 'ours');
    if (distFlag < 0) {
      process.stderr.write('building our deck…\n');
      await buildDeckInto(dist);
    }
    writeReferencePage(root, join(work, 'reference'));
    writeFloorPage(join(dist, 'index.html'), join(work, 'floor'));
    const ours = await serveDeck({ root: dist });
    const floor = await serveDeck({ root: join(work, 'floor') });
    const reference = await servePlain(join(work, 'reference'));
    const browser = await chromium.launch({ executablePath: await findChromium(), args: chromiumArgs() });
    const results: Record<'ours' | 'reference' | 'floor', Breakdown[]> = {
      ours: [],
      reference: [],
      floor: [],
    };
    try {
      for (let i = 0; i < RUNS; i++) {
        results.reference.push(await traceOnce(browser, reference.url, 'reference'));
        results.ours.push(await traceOnce(browser, ours.url, 'ours'));
        results.floor.push(await traceOnce(browser, floor.url, 'floor'));
        process.stderr.write(`run ${i + 1}/${RUNS}\n`);
      }
    } finally {
      await browser.close();
      await ours.close();
      await floor.close();
      reference.server.close();
    }
    const f = (n: number) => n.toFixed(1);
    const med = (list: Breakdown[], of: (b: Breakdown) => number) => median(list.map(of));
    const rows = {
      ours: results.ours,
      'hand-rolled reveal.js': results.reference,
      'floor (heading only)': results.floor,
    };
    const where = phone ? 'phone profile' : '1920×1080, loopback';
    console.log(`\nrenderer main thread, CPU ms, median of ${RUNS} traced cold loads (${where})`);
    console.log(
      ['before LCP', 'all tasks', ...KINDS.map(([k]) => k), 'FCP wall', 'LCP wall', 'LCP element'].join('\t'),
    );
    for (const [name, list] of Object.entries(rows))
      console.log(
        [
          name,
          f(med(list, (b) => b.cpu)),
          ...KINDS.map(([k]) => f(med(list, (b) => b.kinds[k] ?? 0))),
          f(med(list, (b) => b.fcp)),
          f(med(list, (b) => b.lcp)),
          [...new Set(list.map((b) => b.lcpNode))].join(', '),
        ].join('\t'),
      );
    console.log(['until ready', 'all tasks', ...KINDS.map(([k]) => k)].join('\t'));
    for (const [name, list] of Object.entries(rows))
      console.log(
        [
          name,
          f(med(list, (b) => b.cpuReady)),
          ...KINDS.map(([k]) => f(med(list, (b) => b.kindsReady[k] ?? 0))),
        ].join('\t'),
      );
    const ratio = (of: (b: Breakdown) => number) =>
      (med(results.ours, of) / med(results.reference, of)).toFixed(2);
    console.log(
      `ratio of main-thread CPU, ours/hand-rolled: before LCP ${ratio((b) => b.cpu)}, until ready ${ratio((b) => b.cpuReady)}`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
