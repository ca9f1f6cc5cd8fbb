import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

/**
 * The built site on a static host that is not `deck start`: no Content-Security-Policy header at all. The
 * policy the page carries itself must still refuse a slide's inline script, and let the deck's own code run.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'deck-static-host-'));
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.woff2': 'font/woff2',
};

let server: Server;
let url: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  mkdirSync(join(work, 'slides'));
  writeFileSync(
    join(work, 'slides/01.md'),
    '# 第一页\n\n<script>document.documentElement.dataset.inlineRan = "yes"</script>\n\n文字\n',
  );
  const built = spawnSync(process.execPath, [join(root, 'src/cli/bin.mjs'), 'build', work], {
    encoding: 'utf8',
  });
  expect(built.status, built.stderr).toBe(0);
  const dist = join(work, 'dist');
  // Files as they are, with a type and nothing else: what any plain static host sends.
  server = createServer((req, res) => {
    const path = normalize(join(dist, decodeURIComponent((req.url ?? '/').split('?')[0]!)));
    const file = path.endsWith('/') ? join(path, 'index.html') : path;
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  rmSync(work, { recursive: true, force: true });
});

test('a slide’s inline script does not run without the header; the deck still starts', async ({ page }) => {
  const response = await page.goto(url);
  expect(response?.headers()['content-security-policy']).toBeUndefined();
  await page.waitForFunction(() => document.documentElement.dataset.deckReady !== undefined);
  const state = await page.evaluate(() => ({ ...document.documentElement.dataset }));
  expect(state.deckReady).toBe('true');
  expect(state.inlineRan).toBeUndefined();
});
