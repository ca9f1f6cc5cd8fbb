import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { createServer, type ViteDevServer } from 'vite';
import { deck } from '../../src/node/vite/index.ts';
import { indices, openDeck } from './deck.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));

const GOOD = `# 第一页

---

## 第二页

- 甲 {.fragment}
- 乙 {.fragment}
`;

// Line 9 holds a fence with a misspelt block name.
const BROKEN = `${GOOD}
\`\`\`chrat
type: bar
\`\`\`
`;

const FIXED = GOOD.replace('## 第二页', '## 第二页（已修改）');

let server: ViteDevServer;
let root: string;
let url: string;

test.beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'deck-dev-'));
  await mkdir(join(root, 'slides'));
  writeFileSync(join(root, 'slides/01.md'), GOOD);
  server = await createServer({
    root,
    configFile: false,
    logLevel: 'silent',
    plugins: [deck({ root })],
    server: { host: '127.0.0.1', port: 0, fs: { allow: [repo, root] } },
  });
  await server.listen();
  url = server.resolvedUrls!.local[0]!;
});

test.afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

test('dev server: a broken slide shows in Vite’s overlay at its line, and a fix updates the slide in place', async ({
  page,
}) => {
  await openDeck(page, url, '/1');
  await page.keyboard.press('ArrowRight'); // first fragment shown
  await expect.poll(() => indices(page)).toEqual({ h: 1, v: 0, f: 0 });
  await page.evaluate(() => {
    (window as unknown as { marker: number }).marker = 42; // survives only if the page is not reloaded
  });

  writeFileSync(join(root, 'slides/01.md'), BROKEN);
  const overlay = page.locator('vite-error-overlay');
  await expect(overlay).toHaveCount(1);
  await expect(overlay.locator('.message-body')).toContainText(
    'slides/01.md:10:4: unknown fence name "chrat"',
  );
  await expect(overlay.locator('.file')).toContainText('slides/01.md:10:4');
  // The deck keeps serving: the broken block shows its error on the slide.
  await expect(page.locator('.reveal .slides section.present .deck-error')).toContainText(
    'slides/01.md:10:4: unknown fence name "chrat"',
  );

  writeFileSync(join(root, 'slides/01.md'), FIXED);
  await expect(page.locator('.reveal .slides section.present h2')).toHaveText('第二页（已修改）');
  await expect(overlay).toHaveCount(0);
  expect(await indices(page)).toEqual({ h: 1, v: 0, f: 0 });
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
});

test('deck dev DIR: the dev server for any deck folder, with the same in-place update; Ctrl+C stops it', async ({
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'deck-dev-cli-'));
  await mkdir(join(dir, 'slides'));
  writeFileSync(join(dir, 'slides/01.md'), GOOD);
  const child = spawn(process.execPath, [join(repo, 'src/cli/bin.mjs'), 'dev', dir], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    // Ready when it prints where it listens.
    const printed = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk;
        const at = /editing at (http:\/\/\S+)/.exec(out);
        if (at) resolve(at[1]!);
      });
      void exited.then((code) => reject(new Error(`deck dev exited with ${code} before listening: ${out}`)));
    });
    expect(printed).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    await openDeck(page, printed, '/1');
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 7;
    });
    writeFileSync(join(dir, 'slides/01.md'), FIXED);
    await expect(page.locator('.reveal .slides section.present h2')).toHaveText('第二页（已修改）');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(7);
  } finally {
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  }
});
