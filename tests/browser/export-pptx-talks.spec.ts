import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { readPptx } from '../ooxml.ts';
import { keptPictures, printedPictures } from './pptx-pictures.ts';
import { deck } from './run-export.ts';

/**
 * The two imported talks (#27's done-when: a reveal.js keynote and a reveal-md talk, each with every kind of
 * image) exported to PPTX as a user runs it: every slide keeps the pictures its printed page draws, and its
 * background picture.
 */
for (const name of ['keynote-revealjs', 'talk-revealmd']) {
  test(`${name}: the PPTX keeps every picture the page draws, slide by slide`, async ({ browser }) => {
    test.setTimeout(240_000);
    const dir = fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
    const work = mkdtempSync(join(tmpdir(), `deck-pptx-${name}-`));
    try {
      const file = join(work, `${name}.pptx`);
      const env = { DECK_OUT_DIR: join(work, 'site') };
      const run = await deck(['pptx', dir, '--out', file], { env });
      expect(run.status, run.stderr).toBe(0);
      const printed = await printedPictures(browser, dir, env);
      const kept = await keptPictures(await readPptx(readFileSync(file)));
      expect(kept).toEqual(printed);
      // Not an empty comparison: the talks' pictures are there to be kept.
      expect(printed.reduce((n, p) => n + p.media, 0)).toBeGreaterThanOrEqual(6);
      expect(printed.some((p) => p.backdrop)).toBe(true);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
}
