import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DeckError } from '../compiler/diagnostics.ts';
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

/** The file an export leaves in its PNG folder, listing the PNGs it wrote: the next export may replace those. */
export const PNG_MARKER = '.deck-png';

/**
 * The PNGs an earlier export wrote into `dir` (none when it is missing or empty). A folder holding files no
 * export made (no marker) is refused: its `01.png` or `2024.png` may be anyone's.
 */
export function previousPngs(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  let text: string | undefined;
  try {
    text = readFileSync(join(dir, PNG_MARKER), 'utf8');
  } catch {
    if (names.length === 0) return [];
    const some = names.slice(0, 3).join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '');
    throw new DeckError(
      `--out ${dir} holds files this export did not make (${some}; no ${PNG_MARKER} file): name a new or empty folder, or move them out`,
      [],
      2,
    );
  }
  try {
    const files = (JSON.parse(text) as { files?: unknown }).files;
    if (Array.isArray(files)) return files.filter((f): f is string => typeof f === 'string' && PNG.test(f));
  } catch {
    // An unreadable marker: the folder is the export's, with no PNG known to remove.
  }
  return [];
}

const PNG = /^\d+\.png$/;

/**
 * Writes the PNGs into `dir`, each atomically, only once every one was taken; PNGs an earlier export of a
 * longer deck wrote there are removed. Nothing else in the folder is touched, and a folder holding files no
 * export made is refused before anything is written.
 */
export function writePngs(dir: string, shots: Uint8Array[]): number {
  const previous = previousPngs(dir);
  const names = shots.map((_, i) => pngName(i, shots.length));
  let bytes = 0;
  shots.forEach((shot, i) => {
    writeAtomic(join(dir, names[i]!), shot);
    bytes += shot.byteLength;
  });
  const keep = new Set(names);
  for (const name of previous) if (!keep.has(name)) rmSync(join(dir, name), { force: true });
  writeAtomic(
    join(dir, PNG_MARKER),
    new TextEncoder().encode(`${JSON.stringify({ by: 'deck export png', files: names })}\n`),
  );
  return bytes;
}
