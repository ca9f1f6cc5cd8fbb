import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DeckError } from '../compiler/diagnostics.ts';
import type { ChromiumProcess } from '../node/browser.ts';
import { isStale } from '../node/stale.ts';
import { writeAtomic } from './atomic.ts';
import type { PrintPage } from './cdp-page.ts';
import { chromiumGone, deathOf, describeBlocked, NavigationError, refreshSlide } from './guard.ts';
import { launchFor } from './launch.ts';
import { printedDeck } from './layout.ts';
import { type ExportOptions, exportPage } from './options.ts';
import { checkOut } from './out.ts';
import { printPdf } from './pdf.ts';
import { joinPdfArcs } from './pdf-arcs.ts';
import { finishPdf } from './pdf-meta.ts';
import { renderPngs, writePngs } from './png.ts';
import { formatBytes, type Progress, type Step } from './progress.ts';
import { waitForDeck } from './ready.ts';
import { openPrintSession, openSession, printUrl, type Session } from './session.ts';
import { exportTrace as trace } from './trace.ts';

export interface ExportResult {
  /** The PDF file, the PNG folder or the PPTX file. */
  out: string;
  pages: number;
  slides: number;
  bytes: number;
  /** PPTX: what the file holds (text boxes, shapes, charts, fallback pictures …). */
  detail?: string;
}

/**
 * `deck export`: finds Chromium, builds when stale, serves the site on a loopback ephemeral port, waits for
 * the print view to be ready, renders, and writes atomically. The browser and server close in every case.
 * A page that navigates away, or a Chromium that exits under the export, ends it with a one-line message.
 */
export async function exportDeck(
  options: ExportOptions,
  progress: Progress,
  started?: ChromiumProcess,
): Promise<ExportResult> {
  try {
    checkOut(options);
  } catch (e) {
    await started?.close();
    throw e;
  }
  // One file from the built site: no browser.
  if (options.format === 'html') return (await import('./html.ts')).exportHtml(options, progress);
  const chromium = started ?? (await launchFor(options.format));
  let step: Step = 'build';
  const steps: Progress = {
    ...progress,
    step(s, detail) {
      step = s;
      progress.step(s, detail);
    },
  };
  try {
    return await exportWith(chromium, options, steps, () => step);
  } catch (e) {
    if (e instanceof NavigationError) throw located(e, join(options.dist, options.page));
    throw await explained(e, chromium, step);
  }
}

/** The navigation's error with the slide that sent the page away, read from the page's built HTML. */
function located(e: NavigationError, page: string): NavigationError {
  let html: string;
  try {
    html = readFileSync(page, 'utf8');
  } catch {
    return e;
  }
  const where = refreshSlide(html);
  return where ? new NavigationError(e.url, where) : e;
}

/**
 * A failure as the user should read it. Chromium gone is the cause of whatever the protocol then threw
 * ("Target closed", a pipe error …), though its exit may be seen a moment after the error it caused. Asked
 * before the session closes: once it is closed, Chromium's exit is ours.
 */
async function explained(e: unknown, chromium: ChromiumProcess, step: Step): Promise<unknown> {
  if (e instanceof DeckError) return e;
  const died = await deathOf(chromium);
  return died ? chromiumGone(step, died) : e;
}

async function exportWith(
  chromium: ChromiumProcess,
  options: ExportOptions,
  progress: Progress,
  step: () => Step,
): Promise<ExportResult> {
  const site = relative(options.config.root, options.dist) || '.';
  try {
    const stale = isStale(options.config);
    trace.mark('staleness walk');
    progress.step(
      'build',
      stale ? `${site}/ is missing or older than the slides: building` : `${site}/ is up to date`,
    );
    if (stale) {
      // The compiler and Vite load only here: they are the slowest imports of all.
      const { buildDeck } = await import('../node/build.ts');
      await buildDeck({ config: options.config, force: true, again: 'export again' });
      trace.mark('build');
    }
  } catch (e) {
    await chromium.close();
    throw e;
  }

  progress.step('load', options.lang);
  // The PPTX walker's bundle is made, and the writer's modules loaded, while the page loads (an error shows
  // when the walk or the writer awaits them).
  if (options.format === 'pptx') {
    void import('./pptx/bundle.ts').then((m) => m.walkerScript()).catch(() => undefined);
    void Promise.all([import('pptxgenjs'), import('jszip'), import('./pptx/ooxml.ts')]).catch(
      () => undefined,
    );
  }
  const sessionOptions = {
    dist: options.dist,
    chromium,
    scale: options.format === 'png' ? options.scale : 1,
    ...exportPage(options),
  };
  const session =
    // PDF and PPTX over the DevTools pipe; PNG through Playwright, for its screenshots of each slide.
    options.format === 'png' ? await openSession(sessionOptions) : await openPrintSession(sessionOptions);
  // The page leaving or Chromium exiting ends the export at once, whatever it was waiting for; a file is
  // written only while neither has happened.
  let ended: unknown;
  const end = Promise.race([session.view.left, chromium.failed]).catch((e: unknown) => {
    ended = e;
    throw e;
  });
  const write = <T>(write: () => T): T => {
    if (ended) throw ended;
    return writing(options.out, write);
  };
  try {
    return await Promise.race([render(session, options, progress, write), end]);
  } catch (e) {
    throw await explained(e, chromium, step());
  } finally {
    await session.close();
    trace.mark('close');
  }
}

async function render(
  session: Session,
  options: ExportOptions,
  progress: Progress,
  write: <T>(write: () => T) => T,
): Promise<ExportResult> {
  const { view } = session;
  const url = printUrl(session.url, options.page, {
    notes: options.format === 'pdf' && options.notes,
    fragments: options.format === 'pdf' && options.fragments,
    exact: options.format === 'png',
  });
  await view.goto(url);
  trace.mark('goto (commit)');
  await waitForDeck(view, options.timeout, view.errors);
  trace.mark('ready');
  await trace.page(view);
  const deck = await printedDeck(view);
  trace.mark('printed deck');
  const blocked = view.blocked.length > 0 ? [describeBlocked(view.blocked)] : [];

  progress.step('render', `${deck.slides} slides`);
  if (options.format === 'pdf') {
    const printed = await printPdf(view as PrintPage);
    // Chromium's part is done: it is ended while the outline is added and the file written.
    const closed = session.close();
    const joined = joinPdfArcs(printed);
    trace.mark('arcs joined');
    const pdf = finishPdf(joined, deck);
    trace.mark('outline + metadata');
    progress.step('write', shown(options.out));
    write(() => writeAtomic(options.out, pdf));
    trace.mark('write');
    await closed;
    return {
      out: options.out,
      pages: deck.pages.length,
      slides: deck.slides,
      bytes: pdf.byteLength,
      detail: blocked[0],
    };
  }
  if (options.format === 'pptx') {
    const { renderPptx, describeCounts } = await import('./pptx/index.ts');
    const pptx = await renderPptx(view as PrintPage, deck, options.notes);
    progress.step('write', shown(options.out));
    write(() => writeAtomic(options.out, pptx.bytes));
    const why = [...pptx.fallbackReasons].map(([reason, n]) => `${n}× ${reason}`).join('; ');
    return {
      out: options.out,
      pages: pptx.counts.slides,
      slides: deck.slides,
      bytes: pptx.bytes.byteLength,
      detail: [
        describeCounts(pptx.counts) + (why ? ` (fallbacks: ${why})` : ''),
        ...pptx.leftOut,
        ...blocked,
      ].join('\n  '),
    };
  }
  const { page } = session as Awaited<ReturnType<typeof openSession>>;
  const shots = await renderPngs(page, deck);
  progress.step('write', shown(options.out));
  const bytes = write(() => writePngs(options.out, shots));
  return { out: options.out, pages: shots.length, slides: deck.slides, bytes, detail: blocked[0] };
}

export function summary(format: string, result: ExportResult, seconds: number): string {
  const where = shown(result.out);
  const what = {
    pdf: `${result.pages} pages`,
    png: `${result.pages} PNGs`,
    pptx: `${result.pages} slides`,
    html: `one file, ${result.pages} language page${result.pages > 1 ? 's' : ''}`,
  }[format as ExportOptions['format']];
  const line = `export ${format}: ${where}: ${what} (${result.slides} slides), ${formatBytes(result.bytes)}, ${seconds.toFixed(1)} s`;
  return result.detail ? `${line}\n  ${result.detail}` : line;
}

/** A path as the user would type it: relative below the current folder, absolute elsewhere. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/** A write that fails after the check (the disk filled, a permission changed) is a message, not a stack trace. */
function writing<T>(out: string, write: () => T): T {
  try {
    return write();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
    throw new DeckError(`cannot write ${out} (${code}); the previous export, if any, is unchanged`, [], 1);
  }
}
