import type { Browser, Page } from 'playwright-core';
import { pageDir } from '../config/variants.ts';
import { DESIGN } from '../contracts/runtime-config.ts';
import { type ChromiumProcess, playwright } from '../node/browser.ts';
import { serveDeck } from '../server/app.ts';

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

export interface Session {
  page: Page;
  /** The deck's server, on a loopback ephemeral port. */
  url: string;
  /** Ends the browser (its processes with it) and the server; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Serves the built deck and connects Playwright to the started Chromium, side by side. Whatever fails, nothing
 * is left running: the caller closes the session in `finally`, and a session that fails to open closes what
 * it had started.
 */
export async function openSession(options: SessionOptions): Promise<Session> {
  const { chromium } = playwright();
  const [server, browser] = await Promise.allSettled([
    serveDeck({ root: options.dist, port: 0, host: '127.0.0.1' }),
    options.chromium.endpoint.then((endpoint) => chromium.connectOverCDP(endpoint)),
  ]);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    // Chromium is ours to end: killed, not asked to shut down (its profile is thrown away).
    await Promise.allSettled([
      options.chromium.close(),
      browser.status === 'fulfilled' ? browser.value.close() : undefined,
      server.status === 'fulfilled' ? server.value.close() : undefined,
    ]);
  };
  if (server.status === 'rejected' || browser.status === 'rejected') {
    await close();
    throw server.status === 'rejected' ? server.reason : (browser as PromiseRejectedResult).reason;
  }
  try {
    const page = await newPage(browser.value, options);
    return { page, url: server.value.url, close };
  } catch (e) {
    await close();
    throw e;
  }
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
