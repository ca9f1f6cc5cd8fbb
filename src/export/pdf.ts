import type { PrintPage } from './cdp-page.ts';
import type { PrintedDeck } from './layout.ts';
import { finishPdf } from './pdf-meta.ts';
import { exportTrace as trace } from './trace.ts';

/**
 * Prints the ready print view: reveal.js's @page size (the 1920×1080 design size, 16:9), backgrounds on,
 * tagged for structure and reading order. Text stays text in the deck's TrueType font, charts stay SVG.
 */
export async function renderPdf(page: PrintPage, deck: PrintedDeck): Promise<Uint8Array> {
  const printed = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true });
  trace.mark('page.pdf');
  const pdf = finishPdf(printed, deck);
  trace.mark('outline + metadata');
  return pdf;
}
