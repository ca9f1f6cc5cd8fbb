import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { writeAtomic } from './atomic.ts';
import type { PrintedDeck } from './layout.ts';

/** `01.png`, `02.png` …: at least two digits, more when the deck needs them. */
export function pngName(index: number, count: number): string {
  return `${String(index + 1).padStart(Math.max(2, String(count).length), '0')}.png`;
}

/**
 * One screenshot per slide of the ready print view, at the page's device scale; held until all are taken.
 * Each page is scrolled into the 1920×1080 viewport and the viewport taken as it is: an element screenshot
 * would also wait for stability and restyle the whole print view around every shot.
 */
export async function renderPngs(page: Page, deck: PrintedDeck): Promise<Uint8Array[]> {
  const shots: Uint8Array[] = [];
  // Notes pages are not .pdf-page elements: count slide pages only.
  const count = deck.pages.filter((p) => p.kind === 'slide').length;
  for (let i = 0; i < count; i++) {
    await page.evaluate((at) => {
      const el = document.querySelectorAll('.reveal .slides .pdf-page')[at];
      if (el) window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY);
    }, i);
    shots.push(await page.screenshot({ type: 'png', scale: 'device', caret: 'initial' }));
  }
  return shots;
}

/**
 * Writes the PNGs into `dir`, each atomically, only once every one was taken; numbered PNGs left from a
 * longer deck are removed, other files in the folder are not touched.
 */
export function writePngs(dir: string, shots: Uint8Array[]): number {
  const names = shots.map((_, i) => pngName(i, shots.length));
  let bytes = 0;
  shots.forEach((shot, i) => {
    writeAtomic(join(dir, names[i]!), shot);
    bytes += shot.byteLength;
  });
  const keep = new Set(names);
  for (const name of readdirSync(dir))
    if (/^\d+\.png$/.test(name) && !keep.has(name)) rmSync(join(dir, name));
  return bytes;
}
