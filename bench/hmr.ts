import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';
import { findConfigFile } from '../src/config/file.ts';
import { chromiumArgs, findChromium } from '../src/node/browser.ts';
import { deck } from '../src/node/vite/index.ts';

/**
 * Saves a slide `runs` times under the dev server and measures, in the page, the time from the save to the
 * deck's `deck:updated` event (the new slide in place, position kept). Works on a copy of slides/.
 */
export async function measureHmr(root: string, runs: number): Promise<number[]> {
  const work = mkdtempSync(join(tmpdir(), 'bench-hmr-'));
  cpSync(join(root, 'slides'), join(work, 'slides'), { recursive: true });
  // The same deck: its config too (its language, variants), not the defaults of a deck without one.
  const config = findConfigFile(root);
  if (config) cpSync(config, join(work, basename(config)));
  const server = await createServer({
    root: work,
    configFile: false,
    logLevel: 'silent',
    plugins: [deck({ root: work })],
    server: { host: '127.0.0.1', port: 0, fs: { allow: [root, work] } },
  });
  await server.listen();
  const browser = await chromium.launch({ executablePath: await findChromium(), args: chromiumArgs() });
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${server.resolvedUrls!.local[0]}#/1`);
    await page.waitForFunction(() => document.documentElement.dataset.deckReady === 'true', null, {
      timeout: 60_000,
    });
    const file = join(work, 'slides/02-agenda.md');
    const original = readFileSync(file, 'utf8');
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const updated = page.evaluate(
        () =>
          new Promise<number>((done) =>
            document.addEventListener('deck:updated', () => done(Date.now()), { once: true }),
          ),
      );
      const saved = Date.now();
      writeFileSync(file, original.replace('今天汇报四个部分', `今天汇报四个部分（第${i + 1}稿）`));
      times.push((await updated) - saved);
    }
    return times;
  } finally {
    await browser.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
}
