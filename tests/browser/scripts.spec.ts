import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { createServer } from 'vite';
import { resolveDeckConfig } from '../../src/config/index.ts';
import { buildDeck } from '../../src/node/build.ts';
import { deck } from '../../src/node/vite/index.ts';
import { serveDeck } from '../../src/server/app.ts';
import { goTo, openDeck } from './deck.ts';

/**
 * A deck's own scripts (config `scripts:`, tests/fixtures/deck-scripts): one written as a reveal.js talk writes
 * it (the global `Reveal`, `Reveal.on('ready' | 'slidechanged')`), one a TypeScript module whose default export
 * gets the ready deck. Built and served with the site's Content-Security-Policy, and in the dev server.
 */
const repo = fileURLToPath(new URL('../..', import.meta.url));
const dir = fileURLToPath(new URL('../fixtures/deck-scripts', import.meta.url));

/** Every console error and page error while `run` runs (a policy violation is a console error). */
async function errorsDuring(page: Page, run: () => Promise<void>): Promise<string[]> {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await run();
  return errors;
}

async function scriptsRan(page: Page, url: string): Promise<void> {
  await openDeck(page, url);
  const html = page.locator('html');
  // Heard before ready: the script's top level ran before reveal.js started.
  await expect(html).toHaveAttribute('data-heard-ready', 'true');
  // Ready waited for the default export.
  await expect(page.locator('#script-marker')).toHaveText('2 slides, marked by a script');
  await goTo(page, 1);
  await expect(html).toHaveAttribute('data-changed-to', '1');
}

test('the built site runs the deck’s scripts under its Content-Security-Policy, without a violation', async ({
  page,
}) => {
  test.setTimeout(120_000); // a build of its own: ~5 s alone, up to a minute on a loaded machine
  const out = mkdtempSync(join(tmpdir(), 'deck-scripts-'));
  const config = await resolveDeckConfig(dir, { ...process.env, DECK_OUT_DIR: join(out, 'site') });
  await buildDeck({ config, force: true });
  const server = await serveDeck({ root: config.outDir, port: 0, host: '127.0.0.1' });
  try {
    const response = page.waitForResponse((r) => r.url() === server.url);
    const errors = await errorsDuring(page, () => scriptsRan(page, server.url));
    expect((await (await response).allHeaders())['content-security-policy']).toContain("script-src 'self'");
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').count()).toBe(1);
    expect(errors).toEqual([]);
  } finally {
    await server.close();
    rmSync(out, { recursive: true, force: true });
  }
});

test('deck dev runs the deck’s scripts too', async ({ page }) => {
  test.setTimeout(120_000); // the dev server transforms the runtime on first request: slow on a loaded machine
  const server = await createServer({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    plugins: [deck({ root: dir })],
    server: { host: '127.0.0.1', port: 0, fs: { allow: [repo, dir] } },
  });
  await server.listen();
  try {
    const errors = await errorsDuring(page, () => scriptsRan(page, server.resolvedUrls!.local[0]!));
    expect(errors).toEqual([]);
  } finally {
    await server.close();
  }
});
