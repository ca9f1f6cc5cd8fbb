import type { Browser, Page } from 'playwright-core';
import { pageDir } from '../config/variants.ts';
import { DESIGN } from '../contracts/runtime-config.ts';
import { type ChromiumProcess, playwright } from '../node/browser.ts';
import { serveDeck } from '../server/app.ts';
import { openPrintPage } from './cdp-page.ts';
import { chromiumGone, deathOf, PageGuard } from './guard.ts';
import type { DeckPage } from './page.ts';
import { exportTrace as trace } from './trace.ts';

export interface SessionOptions {
  dist: string;
  /** Chromium, started (startChromium) while the rest got ready; the session closes it. */
  chromium: ChromiumProcess;
  /** Pixels per CSS pixel of the page. @default 1 */
  scale?: number;
  /** The page's language (`navigator.language`, `Intl`'s default): the exported variant's. */
  locale: string;
  /** The page's IANA time zone: the deck config's. */
  timezoneId: string;
}

/** The page as the export loads, waits for and reads it, whichever way it is driven. */
export interface View extends DeckPage {
  /** Errors thrown in the page and not caught. */
  errors: string[];
  /** Requests refused because they left the deck's origin (navigations aside). */
  blocked: string[];
  /** Rejects (a DeckError naming the slide, when it can) once the page tries to leave the deck's page. */
  left: Promise<never>;
  /** Loads `url`; returns once its document commits. */
  goto(url: string): Promise<void>;
}

export interface Session {
  view: View;
  /** The deck's server, on a loopback ephemeral port. */
  url: string;
  /** Ends the browser (its processes with it) and the server; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Serves the built site and gets a page of the started Chromium ready, side by side, with `open`. Whatever
 * fails, nothing is left running: the caller closes the session in `finally`, and a session that fails to
 * open closes what it had started.
 */
async function session<P>(
  options: SessionOptions,
  open: () => Promise<{ page: P; close?: () => Promise<void> }>,
): Promise<{ page: P; url: string; close(): Promise<void> }> {
  const [site, page] = await Promise.allSettled([
    // Served as `deck start` serves it (headers, CSP), without the relay: the print view never follows.
    serveDeck({ root: options.dist }).then((s) => {
      trace.mark('server listening');
      return s;
    }),
    open(),
  ]);
  let closing: Promise<void> | undefined;
  // Chromium is ours to end: killed, not asked to shut down (its profile is thrown away).
  const close = () =>
    (closing ??= Promise.allSettled([
      options.chromium.close(),
      page.status === 'fulfilled' ? page.value.close?.() : undefined,
      site.status === 'fulfilled' ? site.value.close() : undefined,
    ]).then(() => undefined));
  if (site.status === 'rejected' || page.status === 'rejected') {
    const reason = site.status === 'rejected' ? site.reason : (page as PromiseRejectedResult).reason;
    // Chromium dying as the page opened is the cause, and only seen before it is closed on purpose.
    const died = page.status === 'rejected' ? await deathOf(options.chromium) : undefined;
    await close();
    throw died ? chromiumGone('load', died) : reason;
  }
  return { page: page.value.page, url: site.value.url, close };
}

/** The PDF's session: Chromium's first tab over the DevTools pipe, no Playwright. */
export async function openPrintSession(options: SessionOptions): Promise<Session> {
  const s = await session(options, async () => {
    const page = await openPrintPage(options.chromium, {
      width: DESIGN.width,
      height: DESIGN.height,
      locale: options.locale,
      timezoneId: options.timezoneId,
    });
    trace.mark('page attached');
    await trace.watch(page);
    return { page };
  });
  return { view: s.page, url: s.url, close: s.close };
}

/** PNG and PPTX: Playwright connected to the started Chromium over CDP, for its screenshots and pages. */
export async function openSession(options: SessionOptions): Promise<Session & { page: Page }> {
  const s = await session(options, async () => {
    const { chromium } = playwright();
    trace.mark('playwright require');
    const browser = await chromium.connectOverCDP(await options.chromium.endpoint);
    trace.mark('cdp connected');
    try {
      const page = await newPage(browser, options);
      trace.mark('new page');
      await trace.watch(page);
      return { page, close: () => browser.close() };
    } catch (e) {
      await browser.close();
      throw e;
    }
  });
  const errors: string[] = [];
  s.page.on('pageerror', (e) => errors.push(e.message));
  const guard = await guardPage(s.page);
  const view: View = {
    errors,
    blocked: guard.blocked,
    left: guard.left,
    evaluate: <T>(expression: string) => s.page.evaluate(expression) as Promise<T>,
    goto: async (url) => {
      guard.serve(url);
      await Promise.race([s.page.goto(url, { waitUntil: 'commit' }), guard.left]);
    },
  };
  return { view, page: s.page, url: s.url, close: s.close };
}

/** Playwright's side of guard.ts: every request of the page's context is routed through a PageGuard. */
async function guardPage(page: Page): Promise<PageGuard> {
  const guard = new PageGuard();
  await page.context().route('**/*', async (route, request) => {
    const document = request.isNavigationRequest() && request.frame() === page.mainFrame();
    if (guard.allows(request.url(), document)) return route.continue().catch(() => undefined);
    return route.abort('blockedbyclient').catch(() => undefined);
  });
  // Playwright reports hash changes and history.pushState here too: only another document is leaving.
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) guard.committedAt(frame.url(), true);
  });
  return guard;
}

function newPage(browser: Browser, options: SessionOptions): Promise<Page> {
  return browser.newPage({
    viewport: { width: DESIGN.width, height: DESIGN.height },
    deviceScaleFactor: options.scale ?? 1,
    locale: options.locale,
    timezoneId: options.timezoneId,
    reducedMotion: 'reduce',
  });
}

export interface PrintViewOptions {
  /** A page of speaker notes after each slide that has notes. */
  notes?: boolean;
  /** A page per fragment step. */
  fragments?: boolean;
  /**
   * Pages exactly the slide's height, for screenshots. reveal.js makes them 1 px shorter by default so that
   * rounding never spills a PDF page onto a blank one; a screenshot would show the next page's first row.
   */
  exact?: boolean;
}

/** The print view of a language's page, with reveal.js options as query parameters (reveal.js reads them). */
export function printUrl(base: string, page: string, options: PrintViewOptions = {}): string {
  const url = new URL(pageDir(page), base);
  const query = ['print-pdf'];
  if (options.notes) query.push('showNotes=separate-page');
  query.push(`pdfSeparateFragments=${options.fragments ? 'true' : 'false'}`);
  if (options.exact) query.push('pdfPageHeightOffset=0');
  return `${url.href}?${query.join('&')}`;
}
