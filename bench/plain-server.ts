import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { resolveStatic } from '../src/server/static.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.woff2': 'font/woff2',
};

/**
 * Serves the hand-rolled reference page as a plain static host would: gzip for text, no CSP (its inline
 * script and data: fonts must run as its author meant).
 */
export async function servePlain(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const found = resolveStatic(root, req.url ?? '/');
    if (!found) {
      res.writeHead(404).end();
      return;
    }
    const type = TYPES[extname(found.file)] ?? 'application/octet-stream';
    const body = readFileSync(found.file);
    const gzip = !type.startsWith('font/') && /gzip/.test(String(req.headers['accept-encoding']));
    res.writeHead(200, { 'Content-Type': type, ...(gzip ? { 'Content-Encoding': 'gzip' } : {}) });
    res.end(gzip ? gzipSync(body) : body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}
