import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { deck } from './run-export.ts';

/**
 * An export's Chromium stays on the deck's own server, and an export that cannot finish ends with one line:
 * a page that navigates away, an element that cannot be pictured, a Chromium that dies under it. Each run is
 * a whole `deck export` process against a project folder of its own, whose old export must survive.
 */

const work = mkdtempSync(join(tmpdir(), 'deck-export-guard-'));
const LONG = 240_000;
const OLD = 'the previous export';

/**
 * Another origin than the deck's (127.0.0.2, not the server's 127.0.0.1): a listener that counts every TCP
 * connection made to it, a preconnect's included, and answers any request with a tiny picture.
 */
let elsewhere: Server;
let origin: string;
const connections: string[] = [];
test.beforeAll(async () => {
  elsewhere = createServer((socket: Socket) => {
    socket.on('error', () => undefined);
    socket.once('data', (d) => connections.push(String(d).split('\r\n')[0] ?? ''));
    connections.push('connect');
    socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.2', resolve));
  const { port } = elsewhere.address() as { port: number };
  origin = `http://127.0.0.2:${port}`;
});
test.afterAll(() => new Promise((resolve) => elsewhere.close(resolve)));
test.beforeEach(() => {
  connections.length = 0;
});

/** A project with a built page of our own (no slides to build) and an old export that must be kept. */
function project(name: string, html: string, ext: string, files: Record<string, string> = {}) {
  const dir = join(work, name);
  mkdirSync(join(dir, 'dist'), { recursive: true });
  writeFileSync(join(dir, 'dist/index.html'), html);
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, 'dist', path), text);
  const out = join(dir, `old.${ext}`);
  if (ext === 'png') mkdirSync(out);
  else writeFileSync(out, OLD);
  return { dir, out };
}

function untouched(dir: string, out: string) {
  if (!out.endsWith('.png')) expect(readFileSync(out, 'utf8')).toBe(OLD);
  else expect(readdirSync(out)).toEqual([]);
  expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
}

const noStack = (stderr: string) => expect(stderr).not.toMatch(/^\s+at /m);

for (const format of ['pdf', 'png', 'pptx'] as const) {
  test(`export ${format}: a slide's meta refresh and preconnects reach no other host; the export ends naming the slide`, async () => {
    test.setTimeout(LONG);
    // Never ready (no data-deck-ready): the export is still waiting when the refresh fires.
    const { dir, out } = project(
      `navigates-${format}`,
      `<!doctype html><html lang="zh-Hans"><head>
<link rel="preconnect" href="${origin}"><link rel="dns-prefetch" href="${origin}">
</head><body><div class="reveal"><div class="slides">
<section data-source="slides/01-a.md:1-4"><h2>第一页</h2></section>
<section data-source="slides/02-b.md:1-9"><h2>跳转页</h2><meta http-equiv="refresh" content="0;url=${origin}/away"></section>
</div></div></body></html>`,
      format,
    );
    const run = await deck([format, '--out', out, '--timeout', '60'], {
      cwd: dir,
      env: { DECK_OUT_DIR: 'dist' },
    });
    expect(connections).toEqual([]);
    expect(run.stderr).toContain(
      `the page navigated to ${origin}/away by the <meta http-equiv="refresh"> of slides/02-b.md:1-9 "跳转页"`,
    );
    expect(run.status).toBe(1);
    noStack(run.stderr);
    untouched(dir, out);
    expect(run.leftovers).toEqual([]);
  });
}

test('export pdf: an image from a host the deck’s csp allows is refused, said in the summary', async () => {
  test.setTimeout(LONG);
  // Ready at once; the image is allowed by the page's CSP (deck-csp.json), so only the exporter stops it.
  const { dir, out } = project(
    'allowed-host',
    `<!doctype html><html lang="zh-Hans" data-deck-ready="true"><head></head><body>
<div class="reveal"><div class="slides"><div class="pdf-page"><section data-source="slides/01-a.md:1-4">
<h2>第一页</h2><img src="${origin}/remote.png" alt="remote"></section></div></div></div></body></html>`,
    'pdf',
    { 'deck-csp.json': JSON.stringify({ img: [origin] }) },
  );
  const run = await deck(['pdf', '--out', out], { cwd: dir, env: { DECK_OUT_DIR: 'dist' } });
  expect(connections).toEqual([]);
  expect(run.status, run.stderr).toBe(0);
  expect(run.stderr).toContain(`refused 1 request off the deck's server`);
  expect(run.stderr).toContain(`${origin}/remote.png`);
  expect(readFileSync(out, 'latin1').startsWith('%PDF-')).toBe(true);
});

test('export pptx: an empty foreignObject is left out with a note at its slide, not a 30 s wait', async () => {
  test.setTimeout(LONG);
  const dir = join(work, 'foreign-object');
  mkdirSync(join(dir, 'slides'), { recursive: true });
  writeFileSync(
    join(dir, 'slides/01.md'),
    '# 第一页\n\n<svg style="display:block" width="200" height="100" viewBox="0 0 200 100"><rect width="50" height="50" fill="red"/><foreignObject></foreignObject></svg>\n\n文字\n',
  );
  const out = join(dir, 'deck.pptx');
  const run = await deck(['pptx', '--out', out], { cwd: dir });
  expect(run.status, run.stderr).toBe(0);
  expect(run.stderr).toContain('slides/01.md:1-5: svg foreignobject paints nothing (an empty box): left out');
  noStack(run.stderr);
  expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
});

for (const format of ['pdf', 'png'] as const) {
  test(`export ${format}: Chromium killed mid-export is one line, exit 1, the old export kept`, async () => {
    test.setTimeout(LONG);
    // Never ready: whenever the kill lands after the load step starts, the export is still at it.
    const { dir, out } = project(
      `killed-${format}`,
      `<!doctype html><html lang="zh-Hans"><body><div class="reveal"><div class="slides">
<section data-source="slides/01-a.md:1-4"><h2>第一页</h2></section></div></div></body></html>`,
      format,
    );
    const run = await deck([format, '--out', out, '--timeout', '120'], {
      cwd: dir,
      env: { DECK_OUT_DIR: 'dist' },
      killChromiumWhen: /\[2\/4\] load/,
    });
    expect(run.killed).toBeDefined();
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(
      /^deck export: Chromium stopped during the load step \(SIGKILL\); nothing was written/,
    );
    noStack(run.stderr);
    untouched(dir, out);
    expect(run.leftovers).toEqual([]);
  });
}
