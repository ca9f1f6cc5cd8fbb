import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELAY_HEADER, type RunningDeck, serveDeck } from '../../src/server/app.ts';
import { acceptsEncoding } from '../../src/server/static.ts';

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
let named: RunningDeck;
const PAGE = '<!doctype html><title>deck</title><p>作战图</p>';
const CSS = 'body{color:red}'.repeat(100);

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
  // What the build writes beside a text file: brotli and gzip copies. Marked as the copies (not the bytes
  // compressed on the fly) so a test can tell which was sent.
  writeFileSync(join(root, 'assets', 'deck-Qq7_rT5u.css'), CSS);
  writeFileSync(join(root, 'assets', 'deck-Qq7_rT5u.css.br'), brotliCompressSync(`${CSS}/*br*/`));
  writeFileSync(join(root, 'assets', 'deck-Qq7_rT5u.css.gz'), gzipSync(`${CSS}/*gz*/`));
  // A copy older than its file (the file was replaced after the build) is never sent.
  writeFileSync(join(root, 'assets', 'old-Pp3_wE2r.css.br'), brotliCompressSync('stale'));
  utimesSync(join(root, 'assets', 'old-Pp3_wE2r.css.br'), 1_000_000, 1_000_000);
  writeFileSync(join(root, 'assets', 'old-Pp3_wE2r.css'), CSS);
  writeFileSync(join(dir, 'secret.txt'), 'outside the root');
  deck = await serveDeck({ root, relay: { token: 'static-test-token' } });
  bare = await serveDeck({ root });
  named = await serveDeck({
    root,
    relay: { token: 'static-test-token' },
    allowedHosts: ['deck.example.org'],
  });
});

afterAll(async () => {
  await deck.close();
  await bare.close();
  await named.close();
});

/** Bytes written straight to the server; resolves with what it answered before closing (or its first reply). */
function raw(base: string, text: string): Promise<string> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    let got = '';
    const socket = connect(Number(url.port), url.hostname, () => socket.write(text));
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      got += chunk;
      if (got.includes('\r\n\r\n')) socket.destroy(); // the status line and headers are what we check
    });
    socket.on('close', () => resolve(got));
    socket.on('error', reject);
  });
}

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

  it('sends the build’s brotli or gzip copy when the client takes it, by q-value', async () => {
    const path = '/assets/deck-Qq7_rT5u.css';
    const br = await get(deck.url, path, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-length']).toBe(String(br.body.length));
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(brotliDecompressSync(br.body).toString()).toBe(`${CSS}/*br*/`);
    const gz = await get(deck.url, path, { 'Accept-Encoding': 'br;q=0, gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(`${CSS}/*gz*/`);
    const none = await get(deck.url, path, { 'Accept-Encoding': 'identity' });
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.body.toString()).toBe(CSS);
    const head = await get(deck.url, path, { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(head.headers['content-length']).toBe(br.headers['content-length']);
    expect(head.body.length).toBe(0);
  });

  it('never sends a compressed copy older than its file', async () => {
    const res = await get(deck.url, '/assets/old-Pp3_wE2r.css', { 'Accept-Encoding': 'br, gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.body).toString()).toBe(CSS);
  });

  it.each([
    ['gzip, deflate, br', 'br', true],
    ['gzip;q=1.0, br;q=0', 'br', false],
    ['GZIP', 'gzip', true],
    ['*', 'br', true],
    ['*;q=0, gzip', 'br', false],
    ['br;q=0, *', 'br', false],
    ['', 'gzip', false],
    [undefined, 'gzip', false],
  ])('Accept-Encoding %j allows %s: %s', (header, coding, allowed) => {
    expect(acceptsEncoding(header, coding)).toBe(allowed);
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
    // A cached redirect would keep the token's URL.
    expect(res.headers['cache-control']).toBe('no-store');
    expect((await get(deck.url, '/zh-Hant')).headers['cache-control']).toBeUndefined();
    const sneaky = await get(deck.url, '//zh-Hant');
    expect(sneaky.headers.location).toBe('/zh-Hant/');
  });

  it('routes /presenter and /<variant>/presenter to that variant’s page', async () => {
    const p = await get(deck.url, '/presenter?token=abc');
    expect(p.status).toBe(200);
    expect(p.body.toString()).toBe(PAGE);
    expect(p.headers['referrer-policy']).toBe('no-referrer');
    expect(p.headers['cross-origin-opener-policy']).toBe('same-origin');
    // The URL carries the token: no cache may keep the page under it (no-cache would store and revalidate).
    expect(p.headers['cache-control']).toBe('no-store');
    expect((await get(deck.url, '/zh-Hant/presenter?token=abc')).headers['cache-control']).toBe('no-store');
    expect(p.headers[RELAY_HEADER.toLowerCase()]).toBe('/follow');
    expect((await get(deck.url, '/zh-Hant/presenter')).body.toString()).toContain('繁體');
    expect((await get(deck.url, '/presenter/')).status).toBe(404);
    expect((await get(deck.url, '/nope/presenter')).status).toBe(404);
  });

  it('answers HEAD without a body, missing files with 404, other methods with 405 and Allow', async () => {
    const head = await get(deck.url, '/', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect((await get(deck.url, '/missing.js')).status).toBe(404);
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
      const res = await get(deck.url, '/', {}, method);
      expect(res.status, method).toBe(405);
      expect(res.headers.allow, method).toBe('GET, HEAD');
    }
  });

  it('answers a malformed request line with 400 and a 20 KB URL with 431, and keeps serving', async () => {
    expect(await raw(deck.url, 'GARBAGE \x00\x01\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
    expect(await raw(deck.url, 'GET /\u00ff HTTP/1.1\r\nHost: x\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
    const long = `GET /${'a'.repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`;
    expect(await raw(deck.url, long)).toMatch(/^HTTP\/1\.1 431 /);
    expect((await get(deck.url, '/')).status).toBe(200);
  });

  it('revalidates by a list of tags in If-None-Match, and by *', async () => {
    const etag = String((await get(deck.url, '/robots.txt')).headers.etag);
    expect((await get(deck.url, '/robots.txt', { 'If-None-Match': `"other", ${etag}` })).status).toBe(304);
    expect((await get(deck.url, '/robots.txt', { 'If-None-Match': '*' })).status).toBe(304);
    expect((await get(deck.url, '/robots.txt', { 'If-None-Match': etag.replace(/^W\//, '') })).status).toBe(
      304,
    );
    expect((await get(deck.url, '/robots.txt', { 'If-None-Match': '"other", W/"x"' })).status).toBe(200);
  });

  it('isolates a page opened with ?token= from its opener, as the presenter page', async () => {
    const page = await get(deck.url, '/?token=abc');
    expect(page.status).toBe(200);
    expect(page.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(page.headers['cache-control']).toBe('no-store');
    expect((await get(deck.url, '/zh-Hant/?token=abc')).headers['cross-origin-opener-policy']).toBe(
      'same-origin',
    );
    const plain = await get(deck.url, '/?x=1');
    expect(plain.headers['cross-origin-opener-policy']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe('no-cache');
  });
});

describe('Host header (DNS rebinding)', () => {
  it('answers IP addresses, localhost and configured names; refuses any other name with 403', async () => {
    const port = new URL(named.url).port;
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      'LOCALHOST',
      'app.localhost',
      `[::1]:${port}`,
      '192.168.1.20',
      'deck.example.org',
      'Deck.Example.org.:443',
    ]) {
      expect((await get(named.url, '/', { Host: host })).status, host).toBe(200);
    }
    for (const host of [
      'evil.example',
      'deck.example.org.evil.example',
      `rebind.attacker.test:${port}`,
      'localhost.evil.test',
      'a b',
    ]) {
      const res = await get(named.url, '/', { Host: host });
      expect(res.status, host).toBe(403);
      expect(res.body.toString(), host).toContain('DECK_ALLOWED_HOSTS');
    }
    // Without configured names, only addresses and localhost.
    expect((await get(deck.url, '/', { Host: 'deck.example.org' })).status).toBe(403);
  });

  it('refuses the relay upgrade for a foreign host too', async () => {
    const upgrade = (host: string) =>
      `GET /follow HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n';
    expect(await raw(named.url, upgrade('evil.example'))).toMatch(/^HTTP\/1\.1 403 /);
    expect(await raw(named.url, upgrade('deck.example.org'))).toMatch(/^HTTP\/1\.1 101 /);
  });
});
