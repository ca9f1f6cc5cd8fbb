/** The floor of bench:load and bench:trace: what a fresh browser context can show at all, from the same server. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The floor page: the built page's first heading, in the markup the probe looks for, in the browser's default
 * font, marked ready as it is served.
 */
export function writeFloorPage(builtPage: string, outDir: string): void {
  const heading = /<(h[12])>([\s\S]*?)<\/\1>/.exec(readFileSync(builtPage, 'utf8'));
  if (!heading) throw new Error(`${builtPage}: no h1 or h2 to put on the floor page`);
  const lang = /<html lang="([^"]+)"/.exec(readFileSync(builtPage, 'utf8'))?.[1] ?? 'en';
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    join(outDir, 'index.html'),
    `<!doctype html>\n<html lang="${lang}" data-deck-ready="true"><meta charset="utf-8">` +
      `<meta name="viewport" content="width=device-width, initial-scale=1"><title>floor</title>\n` +
      `<div class="reveal"><div class="slides"><section><${heading[1]}>${heading[2]}</${heading[1]}></section></div></div>\n`,
  );
}
