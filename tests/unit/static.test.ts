import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELAY_HEADER, type RunningDeck, serveDeck } from '../../src/server/app.ts';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw HTTP request: paths go to the server exactly as written (fetch would normalise `..`). */
function get(
  base: string,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<Reply> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

let root: string;
let deck: RunningDeck;
let bare: RunningDeck;
const PAGE = '<!doctype html><title>deck</title><p>作战图</p>';

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'deck-static-'));
  root = join(dir, 'dist');
  mkdirSync(join(root, 'assets'), { recursive: true });
  mkdirSync(join(root, 'zh-Hant'));
  writeFileSync(join(root, 'index.html'), PAGE);
  writeFileSync(join(root, 'zh-Hant', 'index.html'), '<!doctype html><title>繁體</title>');
  writeFileSync(join(root, 'assets', 'main-AbCd1234.js'), 'console.log(1);'.repeat(100));
  writeFileSync(join(root, 'assets', 'font-Zz9_xY8w.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  writeFileSync(join(root, 'robots.txt'), 'User-agent: *\n');
  writeFileSync(join(dir, 'secret.txt'), 'outside the root');
  deck = await serveDeck({ root, relay: { token: 'static-test-token' } });
  bare = await serveDeck({ root });
});

afterAll(async () => {
  await deck.close();
  await bare.close();
});

describe('static serving', () => {
  it('serves pages with a strict CSP and the usual security headers', async () => {
    const res = await get(deck.url, '/');
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe(PAGE);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['cache-control']).toBe('no-cache');
    // A COOP header would cost the audience a new renderer process on every first load.
    expect(res.headers['cross-origin-opener-policy']).toBeUndefined();
  });

  it('tells pages where the relay is, only when there is one', async () => {
    expect((await get(deck.url, '/')).headers[RELAY_HEADER.toLowerCase()]).toBe('/follow');
    expect(
      (await get(deck.url, '/assets/main-AbCd1234.js')).headers[RELAY_HEADER.toLowerCase()],
    ).toBeUndefined();
    expect((await get(bare.url, '/')).headers[RELAY_HEADER.toLowerCase()]).toBeUndefined();
  });

  it('caches hashed assets for a year and revalidates everything else with an ETag', async () => {
    const asset = await get(deck.url, '/assets/main-AbCd1234.js');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const txt = await get(deck.url, '/robots.txt');
    expect(txt.headers['cache-control']).toBe('no-cache');
    const etag = String(txt.headers.etag);
    expect(etag).toMatch(/^W\/"/);
    const again = await get(deck.url, '/robots.txt', { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('gzips text when asked, never binary fonts', async () => {
    const js = await get(deck.url, '/assets/main-AbCd1234.js', { 'Accept-Encoding': 'gzip, br' });
    expect(js.headers['content-encoding']).toBe('gzip');
    expect(js.headers.vary).toBe('Accept-Encoding');
    expect(gunzipSync(js.body).toString()).toBe('console.log(1);'.repeat(100));
    const font = await get(deck.url, '/assets/font-Zz9_xY8w.woff2', { 'Accept-Encoding': 'gzip' });
    expect(font.headers['content-encoding']).toBeUndefined();
    expect(font.headers['content-type']).toBe('font/woff2');
    const plain = await get(deck.url, '/assets/main-AbCd1234.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-length']).toBe(String('console.log(1);'.length * 100));
  });

  it.each([
    '/../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/assets/../../secret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..\\secret.txt',
    '/index.html%00.js',
    '/%E0%A4%A',
    '//secret.txt',
  ])('never serves a file outside the root: %s', async (path) => {
    const res = await get(deck.url, path);
    expect(res.status).toBe(404);
    expect(res.body.toString()).not.toContain('outside the root');
    expect(res.headers['content-security-policy']).toBeDefined();
  });

  it('redirects a folder to its slash without leaving the site, keeping the query', async () => {
    const res = await get(deck.url, '/zh-Hant?token=x');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/zh-Hant/?token=x');
    const sneaky = await get(deck.url, '//zh-Hant');
    expect(sneaky.headers.location).toBe('/zh-Hant/');
  });

  it('routes /presenter and /<variant>/presenter to that variant’s page', async () => {
    const p = await get(deck.url, '/presenter?token=abc');
    expect(p.status).toBe(200);
    expect(p.body.toString()).toBe(PAGE);
    expect(p.headers['referrer-policy']).toBe('no-referrer');
    expect(p.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(p.headers[RELAY_HEADER.toLowerCase()]).toBe('/follow');
    expect((await get(deck.url, '/zh-Hant/presenter')).body.toString()).toContain('繁體');
    expect((await get(deck.url, '/presenter/')).status).toBe(404);
    expect((await get(deck.url, '/nope/presenter')).status).toBe(404);
  });

  it('answers HEAD without a body, other methods and missing files with 404', async () => {
    const head = await get(deck.url, '/', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect((await get(deck.url, '/', {}, 'POST')).status).toBe(404);
    expect((await get(deck.url, '/missing.js')).status).toBe(404);
  });

  it('survives a malformed request line', async () => {
    const { connect } = await import('node:net');
    const url = new URL(deck.url);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(url.port), url.hostname, () => socket.end('GARBAGE \x00\x01\r\n\r\n'));
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
      socket.resume();
    });
    expect((await get(deck.url, '/')).status).toBe(200);
  });
});
