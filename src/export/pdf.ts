import type { PrintPage } from './cdp-page.ts';
import { exportTrace as trace } from './trace.ts';

/**
 * Prints the ready print view: reveal.js's @page size (the 1920×1080 design size, 16:9), backgrounds on,
 * tagged for structure and reading order. Text stays text in the deck's TrueType font, charts stay SVG.
 * finishPdf (pdf-meta.ts) then adds the outline and metadata.
 */
export async function printPdf(page: PrintPage): Promise<Uint8Array> {
  const printed = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true });
  trace.mark('page.pdf');
  return printed;
}
